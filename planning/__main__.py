"""``python -m planning`` is the same as the ``planning`` command."""

from .cli import main

raise SystemExit(main())
