"""When the city received each return: ``received_at``, which ``as_of`` reads, apart from
``imported_at`` (when it was typed in). Existing rows were received when they were imported.

Revision ID: 0002
Revises: 0001
Create Date: 2014-04-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("ledger_returns") as batch:
        batch.add_column(sa.Column("received_at", sa.DateTime(), nullable=True))
    returns = sa.table(
        "ledger_returns", sa.column("received_at", sa.DateTime()), sa.column("imported_at")
    )
    op.execute(returns.update().values(received_at=returns.c.imported_at))
    with op.batch_alter_table("ledger_returns") as batch:
        batch.alter_column("received_at", existing_type=sa.DateTime(), nullable=False)
    op.create_index("ix_ledger_returns_received_at", "ledger_returns", ["received_at"])
    op.create_index("ix_ledger_returns_county_period", "ledger_returns", ["county_id", "period"])


def downgrade() -> None:
    op.drop_index("ix_ledger_returns_county_period", "ledger_returns")
    op.drop_index("ix_ledger_returns_received_at", "ledger_returns")
    with op.batch_alter_table("ledger_returns") as batch:
        batch.drop_column("received_at")
