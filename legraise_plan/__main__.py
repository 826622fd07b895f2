"""``python -m legraise_plan``: the command line."""

from legraise_plan.cli import main


raise SystemExit(main())
