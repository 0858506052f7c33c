"""python -m checks: the admin checks from a terminal (see checks/cli.py)."""

from .cli import main

raise SystemExit(main())
