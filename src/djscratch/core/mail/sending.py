"""send_mail() and friends (django/core/mail/__init__.py): the shortcuts that
build an EmailMessage and send it through the configured backend.
"""

from djscratch.utils.module_loading import import_string
from djscratch.conf import settings
from djscratch.core.mail.message import EmailMessage, EmailMultiAlternatives

__all__ = [
    "get_connection", "send_mail", "send_mass_mail", "mail_admins", "mail_managers",
]


def get_connection(backend=None, fail_silently=False, **kwds):
    """An instance of the email backend (EMAIL_BACKEND unless named)."""
    klass = import_string(backend or settings.EMAIL_BACKEND)
    return klass(fail_silently=fail_silently, **kwds)


def send_mail(subject, message, from_email, recipient_list, fail_silently=False,
              auth_user=None, auth_password=None, connection=None,
              html_message=None):
    """Send one message to every address in recipient_list (all in To:)."""
    connection = connection or get_connection(
        username=auth_user, password=auth_password, fail_silently=fail_silently)
    mail = EmailMultiAlternatives(
        subject, message, from_email, recipient_list, connection=connection)
    if html_message:
        mail.attach_alternative(html_message, "text/html")
    return mail.send()


def send_mass_mail(datatuple, fail_silently=False, auth_user=None,
                   auth_password=None, connection=None):
    """Send (subject, message, from_email, recipient_list) tuples over one
    connection; return how many were sent."""
    connection = connection or get_connection(
        username=auth_user, password=auth_password, fail_silently=fail_silently)
    messages = [
        EmailMessage(subject, message, sender, recipients, connection=connection)
        for subject, message, sender, recipients in datatuple
    ]
    return connection.send_messages(messages)


def _mail_people(setting, subject, message, fail_silently, connection,
                 html_message):
    people = getattr(settings, setting)
    if not people:
        return
    if not all(isinstance(p, (list, tuple)) and len(p) == 2 for p in people):
        raise ValueError(f"The {setting} setting must be a list of 2-tuples.")
    mail = EmailMultiAlternatives(
        f"{settings.EMAIL_SUBJECT_PREFIX}{subject}", message, settings.SERVER_EMAIL,
        [address for _name, address in people], connection=connection)
    if html_message:
        mail.attach_alternative(html_message, "text/html")
    mail.send(fail_silently=fail_silently)


def mail_admins(subject, message, fail_silently=False, connection=None,
                html_message=None):
    """Send a message to the ADMINS, from SERVER_EMAIL."""
    _mail_people("ADMINS", subject, message, fail_silently, connection, html_message)


def mail_managers(subject, message, fail_silently=False, connection=None,
                  html_message=None):
    """Send a message to the MANAGERS, from SERVER_EMAIL."""
    _mail_people("MANAGERS", subject, message, fail_silently, connection,
                 html_message)
