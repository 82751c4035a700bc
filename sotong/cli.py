"""The ``sotong`` console command: Django's management commands under friendlier names.

``sotong import-list FILE`` runs the ``import_list`` command, and so on; anything else is passed
to Django as it is (``sotong migrate``, ``sotong createsuperuser``).
"""

from __future__ import annotations

import os
import sys

ALIASES = {
    "import-list": "import_list",
    "import-expenses": "import_expenses",
    "import-proactive": "import_proactive",
    "run": "run_portal",
    "load-demo": "load_demo",
    "import-organizations": "import_organizations",
    "rebuild-index": "rebuild_index",
    "publish-due": "publish_due",
}


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    if len(args) > 1:
        args[1] = ALIASES.get(args[1], args[1])
    from django.core.management import execute_from_command_line

    execute_from_command_line(args)


if __name__ == "__main__":
    main()
