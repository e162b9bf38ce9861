#!/usr/bin/env python3
"""Command line of the beleidsdoorlichting generator: `python build.py --help`."""

import sys

from report.cli import main

if __name__ == "__main__":
    sys.exit(main())
