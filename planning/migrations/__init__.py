"""Alembic migrations of the progress ledger's schema (applied by :func:`planning.ledger.load_ledger`)."""
