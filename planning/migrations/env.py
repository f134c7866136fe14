"""Alembic environment of the progress ledger.

The ledger opens the connection itself (with its own locking and timeouts) and hands it
over in ``config.attributes["connection"]``; migrations never open one of their own.
"""

from __future__ import annotations

from alembic import context

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only planning.ledger runs these migrations
    raise RuntimeError("the ledger's migrations run through planning.ledger.load_ledger")

context.configure(
    connection=connection,
    target_metadata=None,
    render_as_batch=connection.dialect.name == "sqlite",
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
