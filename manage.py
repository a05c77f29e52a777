#!/usr/bin/env python
import os
import sys
from pathlib import Path

# The virtualenv `make run` and `make test` create.
_VENV = Path(__file__).resolve().parent / ".venv"


def _in_project_venv_if_needed() -> None:
    """Run under the project's virtualenv when started by a Python without Django (say
    ``python manage.py extract FILE --json`` from a shell that never activated it)."""
    try:
        import django  # noqa: F401
    except ImportError:
        python = _VENV / "bin" / "python"
        if python.exists() and Path(sys.prefix).resolve() != _VENV.resolve():
            os.execv(python, [str(python), *sys.argv])  # noqa: S606 (the same command, another interpreter)
        raise


def main() -> None:
    _in_project_venv_if_needed()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
