"""Run the command line: ``python -m neglect_protocol``."""

from neglect_protocol.cli import main

raise SystemExit(main())
