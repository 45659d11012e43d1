"""BaseForm's methods a plain page's first response never runs: the
single file keeps them in a section, and BaseForm defines them on first
use (_methods_on_first_use() in djscratch/sections.py).
"""

from djscratch.core.exceptions import NON_FIELD_ERRORS, ValidationError
from djscratch.forms.widgets import Media


class _BaseFormMore:
    """BaseForm's methods defined on first use (never instantiated)."""

    def is_valid(self):
        """Return True if the form is bound and has no errors."""
        return self.is_bound and not self.errors

    def _widget_data_value(self, widget, html_name):
        return widget.value_from_datadict(self.data, self.files, html_name)

    def add_error(self, field, error):
        """Add `error` to `field` (None: the non-field errors) and drop the
        field from cleaned_data.  `error` may be a dict of field -> errors."""
        if not isinstance(error, ValidationError):
            error = ValidationError(error)
        if hasattr(error, "error_dict"):
            if field is not None:
                raise TypeError("The argument `field` must be `None` when the `error` "
                                "argument contains errors for multiple fields.")
            error = error.error_dict
        else:
            error = {field or NON_FIELD_ERRORS: error.error_list}
        for field, error_list in error.items():
            if field not in self.errors:
                if field != NON_FIELD_ERRORS and field not in self.fields:
                    raise ValueError("'%s' has no field named '%s'." % (
                        type(self).__name__, field))
                if field == NON_FIELD_ERRORS:
                    self._errors[field] = self.error_class(error_class="nonfield",
                                                           renderer=self.renderer)
                else:
                    self._errors[field] = self.error_class(
                        renderer=self.renderer, field_id=self[field].auto_id)
            self._errors[field].extend(error_list)
            if field in self.cleaned_data:
                del self.cleaned_data[field]

    def has_error(self, field, code=None):
        return field in self.errors and (
            code is None
            or any(error.code == code for error in self.errors.as_data()[field]))

    def _clean_fields(self):
        for name, bf in self._bound_items():
            try:
                self.cleaned_data[name] = bf.field._clean_bound_field(bf)
                if hasattr(self, "clean_%s" % name):
                    self.cleaned_data[name] = getattr(self, "clean_%s" % name)()
            except ValidationError as e:
                self.add_error(name, e)

    def _clean_form(self):
        try:
            cleaned_data = self.clean()
        except ValidationError as e:
            self.add_error(None, e)
        else:
            if cleaned_data is not None:
                self.cleaned_data = cleaned_data

    def _post_clean(self):
        """Hook for work after clean() (ModelForm validates the instance here)."""

    def clean(self):
        """Hook for cross-field validation; return cleaned_data."""
        return self.cleaned_data

    def has_changed(self):
        """Return True if any field's data differs from its initial value."""
        return bool(self.changed_data)

    @property
    def media(self):
        media = Media()
        for field in self.fields.values():
            media += field.widget.media
        return media

    def is_multipart(self):
        """Return True if the form needs enctype="multipart/form-data"."""
        return any(field.widget.needs_multipart_form for field in self.fields.values())

    def hidden_fields(self):
        return [field for field in self if field.is_hidden]

    def visible_fields(self):
        return [field for field in self if not field.is_hidden]
