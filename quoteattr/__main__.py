"""``python -m quoteattr``: the command line."""

from .cli import main

raise SystemExit(main())
