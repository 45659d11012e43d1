"""SuccessMessageMixin (django/contrib/messages/views.py): a form view that
adds a success message once its form is valid.
"""

from djscratch.contrib.messages.api import _msg_success

__all__ = [
    "SuccessMessageMixin",
]


class SuccessMessageMixin:
    """Add `success_message` % the form's cleaned data after form_valid()."""

    success_message = ""

    def form_valid(self, form):
        response = super().form_valid(form)
        success_message = self.get_success_message(form.cleaned_data)
        if success_message:
            _msg_success(self.request, success_message)
        return response

    def get_success_message(self, cleaned_data):
        return self.success_message % cleaned_data
