#!/usr/bin/env python
"""Django's manage.py; ``sotong`` (see sotong/cli.py) is the same with friendlier command names."""

from sotong.cli import main

if __name__ == "__main__":
    main()
