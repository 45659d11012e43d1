"""CommandError and the command registry
(django/core/management/base.py).  They sit low in the import order so that
any module can raise CommandError or register a command.
"""

__all__ = [
    "CommandError",
]


class CommandError(Exception):
    """A command failed; the message is printed and the exit status is 1."""

    def __init__(self, *args, returncode=1, **kwargs):
        self.returncode = returncode
        super().__init__(*args, **kwargs)


#: command name -> (function, argparse setup function)
COMMANDS = {}
