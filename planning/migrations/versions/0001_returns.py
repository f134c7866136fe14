"""The ledger's first schema: one row per stored return (every version kept) and one
table per sheet of a return.

Revision ID: 0001
Revises:
Create Date: 2014-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ID = sa.String(64)
ENUM = sa.String(16)
MONTH = sa.String(7)
TEXT = sa.String(1000)

SHEETS = {
    "talent": [
        ("pool", ENUM),
        ("opening", sa.Integer()),
        ("joined", sa.Integer()),
        ("appointed", sa.Integer()),
        ("promoted", sa.Integer()),
        ("left", sa.Integer()),
        ("closing", sa.Integer()),
    ],
    "classes": [
        ("class_ref", ID),
        ("base_id", ID),
        ("month", MONTH),
        ("days", sa.Integer()),
        ("special_course", sa.Boolean()),
    ],
    "trained": [("secretary_id", ID), ("class_ref", ID)],
    "secretaries": [("secretary_id", ID), ("village_id", ID), ("change", ENUM), ("month", MONTH)],
    "venues": [
        ("venue_id", ID),
        ("event", ENUM),
        ("month", MONTH),
        ("tier_reached", TEXT),
        ("owned", TEXT),
        ("cost_yuan", sa.Float()),
    ],
    "subsidies": [
        ("month", MONTH),
        ("secretaries_paid", sa.Integer()),
        ("basic_yuan", sa.Float()),
        ("performance_yuan", sa.Float()),
    ],
    "social_work": [("community_id", ID), ("passed", sa.Integer()), ("left", sa.Integer())],
    "pairings": [("cadre_id", ID), ("poor_households", sa.Integer()), ("month", MONTH)],
    "surveys": [("survey", ENUM), ("respondents", sa.Integer()), ("share_satisfied", sa.Float())],
}


def upgrade() -> None:
    op.create_table(
        "ledger_returns",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("county_id", ID, nullable=False),
        sa.Column("period", ENUM, nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("file_hash", sa.String(64), nullable=False),
        sa.Column("file_name", TEXT, nullable=False),
        sa.Column("prepared_by", TEXT, nullable=False),
        sa.Column("submitted_on", sa.Date(), nullable=True),
        sa.Column("imported_by", sa.String(200), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("county_id", "period", "version", name="uq_ledger_returns_version"),
    )
    for name, cols in SHEETS.items():
        op.create_table(
            f"ledger_{name}",
            sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
            sa.Column(
                "return_id",
                sa.Integer(),
                sa.ForeignKey("ledger_returns.id", name=f"fk_ledger_{name}_return"),
                nullable=False,
            ),
            *(sa.Column(c, t, nullable=False) for c, t in cols),
        )
        op.create_index(f"ix_ledger_{name}_return_id", f"ledger_{name}", ["return_id"])


def downgrade() -> None:
    for name in reversed(SHEETS):
        op.drop_index(f"ix_ledger_{name}_return_id", f"ledger_{name}")
        op.drop_table(f"ledger_{name}")
    op.drop_table("ledger_returns")
