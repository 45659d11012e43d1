"""The sendtestemail command (django/core/management/commands/sendtestemail.py):
send a test message through the configured email backend.
"""

from djscratch.utils.timezone import now
from djscratch.core.management.base import CommandError
from djscratch.apps.registry import setup
from djscratch.core.mail.sending import mail_admins, mail_managers, send_mail
from djscratch.core.management.commands import command

__all__ = []


def _sendtestemail_arguments(parser):
    parser.add_argument("email", nargs="*",
                        help="One or more email addresses to send a test email to.")
    parser.add_argument(
        "--managers", action="store_true",
        help="Send a test email to the addresses specified in settings.MANAGERS.")
    parser.add_argument(
        "--admins", action="store_true",
        help="Send a test email to the addresses specified in settings.ADMINS.")


@command("sendtestemail", _sendtestemail_arguments)
def _cmd_sendtestemail(options):
    """Sends a test email to the email addresses specified as arguments."""
    if not (options.email or options.managers or options.admins):
        raise CommandError(
            "You must specify some email recipients, or pass the --managers or "
            "--admin options.")
    import socket

    setup()
    subject = "Test email from %s on %s" % (socket.gethostname(), now())
    send_mail(subject=subject, message="If you're reading this, it was successful.",
              from_email=None, recipient_list=options.email)
    if options.managers:
        mail_managers(subject, "This email was sent to the site managers.")
    if options.admins:
        mail_admins(subject, "This email was sent to the site admins.")
