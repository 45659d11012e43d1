"""The widgets of django/forms/widgets.py that a form of text boxes does
not use: passwords, files, dates and times, checkboxes, the choice widgets
and MultiWidget.  The single file builds them on first use (a deferred
section), so a page whose forms have only text inputs never defines them.
"""

from djscratch.utils.choices import BaseChoiceIterator, CallableChoiceIterator
from djscratch.utils.regex_helper import _lazy_re_compile
from djscratch.utils.dates import MONTHS
from djscratch.utils.formats import get_format, localize_input
from djscratch.forms.utils import _to_current_timezone
from djscratch.forms.widgets import HiddenInput, Input, Media, TextInput, Widget

__all__ = [
    "PasswordInput", "MultipleHiddenInput", "FileInput", "ClearableFileInput",
    "DateInput", "DateTimeInput", "TimeInput", "CheckboxInput", "ChoiceWidget",
    "Select", "NullBooleanSelect", "SelectMultiple", "RadioSelect",
    "CheckboxSelectMultiple", "MultiWidget", "SplitDateTimeWidget",
    "SplitHiddenDateTimeWidget", "SelectDateWidget",
]


class PasswordInput(Input):
    """A password box; the value is not rendered back unless render_value."""

    input_type = "password"
    template_name = "django/forms/widgets/password.html"

    def __init__(self, attrs=None, render_value=False):
        super().__init__(attrs)
        self.render_value = render_value

    def get_context(self, name, value, attrs):
        if not self.render_value:
            value = None
        return super().get_context(name, value, attrs)


class MultipleHiddenInput(HiddenInput):
    """One <input type="hidden"> per value of a list."""

    template_name = "django/forms/widgets/multiple_hidden.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        final_attrs = context["widget"]["attrs"]
        id_ = final_attrs.get("id")
        subwidgets = []
        for index, value_ in enumerate(context["widget"]["value"]):
            widget_attrs = final_attrs.copy()
            if id_:
                widget_attrs["id"] = "%s_%s" % (id_, index)
            widget = HiddenInput()
            widget.is_required = self.is_required
            subwidgets.append(widget.get_context(name, value_, widget_attrs)["widget"])
        context["widget"]["subwidgets"] = subwidgets
        return context

    def value_from_datadict(self, data, files, name):
        getter = getattr(data, "getlist", data.get)
        return getter(name)

    def format_value(self, value):
        return [] if value is None else value


class FileInput(Input):
    """<input type="file">: the value comes from request.FILES."""

    allow_multiple_selected = False
    input_type = "file"
    needs_multipart_form = True
    template_name = "django/forms/widgets/file.html"

    def __init__(self, attrs=None):
        if attrs is not None and not self.allow_multiple_selected and attrs.get(
                "multiple", False):
            raise ValueError(
                "%s doesn't support uploading multiple files." % type(self).__qualname__
            )
        if self.allow_multiple_selected:
            attrs = {"multiple": True} if attrs is None else attrs
            attrs.setdefault("multiple", True)
        super().__init__(attrs)

    def format_value(self, value):
        return None

    def value_from_datadict(self, data, files, name):
        getter = files.get
        if self.allow_multiple_selected and hasattr(files, "getlist"):
            getter = files.getlist
        return getter(name)

    def value_omitted_from_data(self, data, files, name):
        return name not in files

    def use_required_attribute(self, initial):
        return super().use_required_attribute(initial) and not initial


FILE_INPUT_CONTRADICTION = object()


class ClearableFileInput(FileInput):
    """A file input that shows the current file and a "Clear" checkbox."""

    clear_checkbox_label = "Clear"
    initial_text = "Currently"
    input_text = "Change"
    template_name = "django/forms/widgets/clearable_file_input.html"
    checked = False

    def clear_checkbox_name(self, name):
        return name + "-clear"

    def clear_checkbox_id(self, name):
        return name + "_id"

    def is_initial(self, value):
        return bool(value and getattr(value, "url", False))

    def format_value(self, value):
        if self.is_initial(value):
            return value
        return None

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        checkbox_name = self.clear_checkbox_name(name)
        context["widget"].update({
            "checkbox_name": checkbox_name,
            "checkbox_id": self.clear_checkbox_id(checkbox_name),
            "is_initial": self.is_initial(value),
            "input_text": self.input_text,
            "initial_text": self.initial_text,
            "clear_checkbox_label": self.clear_checkbox_label,
        })
        context["widget"]["attrs"].setdefault("disabled", False)
        context["widget"]["attrs"]["checked"] = self.checked
        return context

    def value_from_datadict(self, data, files, name):
        upload = super().value_from_datadict(data, files, name)
        self.checked = self.clear_checkbox_name(name) in data
        if not self.is_required and CheckboxInput().value_from_datadict(
                data, files, self.clear_checkbox_name(name)):
            if upload:
                return FILE_INPUT_CONTRADICTION
            return False
        return upload

    def value_omitted_from_data(self, data, files, name):
        return (super().value_omitted_from_data(data, files, name)
                and self.clear_checkbox_name(name) not in data)


def _get_format(format_type):
    """Return the input formats for DATE/TIME/DATETIME_INPUT_FORMATS of the
    active language (get_format()), the ISO ones Django always accepts
    included."""
    return get_format(format_type)




class DateTimeBaseInput(TextInput):
    format_key = ""
    supports_microseconds = False

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs)
        self.format = format or None

    def format_value(self, value):
        return localize_input(value, self.format or _get_format(self.format_key)[0])


class DateInput(DateTimeBaseInput):
    format_key = "DATE_INPUT_FORMATS"
    template_name = "django/forms/widgets/date.html"


class DateTimeInput(DateTimeBaseInput):
    format_key = "DATETIME_INPUT_FORMATS"
    template_name = "django/forms/widgets/datetime.html"


class TimeInput(DateTimeBaseInput):
    format_key = "TIME_INPUT_FORMATS"
    template_name = "django/forms/widgets/time.html"


def _boolean_check(v):
    return not (v is False or v is None or v == "")


class CheckboxInput(Input):
    """<input type="checkbox">; absent from data means False."""

    input_type = "checkbox"
    template_name = "django/forms/widgets/checkbox.html"

    def __init__(self, attrs=None, check_test=None):
        super().__init__(attrs)
        self.check_test = _boolean_check if check_test is None else check_test

    def format_value(self, value):
        if value is True or value is False or value is None or value == "":
            return None
        return str(value)

    def get_context(self, name, value, attrs):
        if self.check_test(value):
            attrs = {**(attrs or {}), "checked": True}
        return super().get_context(name, value, attrs)

    def value_from_datadict(self, data, files, name):
        if name not in data:
            return False
        value = data.get(name)
        if isinstance(value, str):
            value = {"true": True, "false": False}.get(value.lower(), value)
        return bool(value)

    def value_omitted_from_data(self, data, files, name):
        return False


def _normalize_choices(value, *, depth=0):
    """Return choices as a list of (value, label) pairs, groups as
    (name, [(value, label), ...]); callables and iterators stay lazy
    (ModelChoiceIterator is a BaseChoiceIterator, as in Django: asking
    for it by name would build ModelForm's section in the single file)."""
    if isinstance(value, BaseChoiceIterator):
        return value
    if isinstance(value, type) and hasattr(value, "choices"):  # a Choices enum
        value = value.choices
    if callable(value) and not isinstance(value, (list, tuple, dict)):
        return CallableChoiceIterator(value)
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        value = value.items()
    result = []
    for item in value:
        try:
            key, label = item
        except (TypeError, ValueError):
            # As Django: the value as given (a model field's system check
            # names the problem; a widget fails only when it renders).
            return value
        if depth == 0 and isinstance(label, dict):
            label = _normalize_choices(label, depth=1)
        elif depth == 0 and isinstance(label, (list, tuple)) and not isinstance(
                label, str):
            label = _normalize_choices(label, depth=1)
        result.append((key, label))
    return result


class ChoiceWidget(Widget):
    """Base of Select, RadioSelect and CheckboxSelectMultiple."""

    allow_multiple_selected = False
    input_type = None
    template_name = None
    option_template_name = None
    add_id_index = True
    checked_attribute = {"checked": True}
    option_inherits_attrs = True

    def __init__(self, attrs=None, choices=()):
        super().__init__(attrs)
        self.choices = choices

    def __deepcopy__(self, memo):
        import copy

        obj = copy.copy(self)
        obj.attrs = self.attrs.copy()
        obj.choices = copy.copy(self.choices)
        memo[id(self)] = obj
        return obj

    def subwidgets(self, name, value, attrs=None):
        value = self.format_value(value)
        yield from self.options(name, value, attrs)

    def options(self, name, value, attrs=None):
        for group in self.optgroups(name, value, attrs):
            yield from group[1]

    def optgroups(self, name, value, attrs=None):
        """Return [(group_name, [option dicts], index), ...]."""
        groups = []
        has_selected = False
        for index, (option_value, option_label) in enumerate(self.choices):
            if option_value is None:
                option_value = ""
            subgroup = []
            if isinstance(option_label, (list, tuple)):
                group_name, subindex, choices = option_value, 0, option_label
            else:
                group_name, subindex = None, None
                choices = [(option_value, option_label)]
            groups.append((group_name, subgroup, index))
            for subvalue, sublabel in choices:
                selected = (not has_selected or self.allow_multiple_selected) and (
                    str(subvalue) in value)
                has_selected |= selected
                subgroup.append(self.create_option(
                    name, subvalue, sublabel, selected, index, subindex=subindex,
                    attrs=attrs))
                if subindex is not None:
                    subindex += 1
        return groups

    def create_option(self, name, value, label, selected, index, subindex=None,
                      attrs=None):
        index = str(index) if subindex is None else "%s_%s" % (index, subindex)
        option_attrs = (self.build_attrs(self.attrs, attrs)
                        if self.option_inherits_attrs else {})
        if selected:
            option_attrs.update(self.checked_attribute)
        if "id" in option_attrs:
            option_attrs["id"] = self.id_for_label(option_attrs["id"], index)
        return {
            "name": name, "value": value, "label": label, "selected": selected,
            "index": index, "attrs": option_attrs, "type": self.input_type,
            "template_name": self.option_template_name, "wrap_label": True,
        }

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["optgroups"] = self.optgroups(
            name, context["widget"]["value"], attrs)
        return context

    def id_for_label(self, id_, index="0"):
        if id_ and self.add_id_index:
            id_ = "%s_%s" % (id_, index)
        return id_

    def value_from_datadict(self, data, files, name):
        getter = data.get
        if self.allow_multiple_selected and hasattr(data, "getlist"):
            getter = data.getlist
        return getter(name)

    def format_value(self, value):
        """Return the selected values as a list of strings."""
        if value is None and self.allow_multiple_selected:
            return []
        if not isinstance(value, (tuple, list)):
            value = [value]
        return [str(v) if v is not None else "" for v in value]

    @property
    def choices(self):
        return self._choices

    @choices.setter
    def choices(self, value):
        self._choices = _normalize_choices(value)


class Select(ChoiceWidget):
    """<select> with one <option> per choice (and <optgroup> per group)."""

    input_type = "select"
    template_name = "django/forms/widgets/select.html"
    option_template_name = "django/forms/widgets/select_option.html"
    add_id_index = False
    checked_attribute = {"selected": True}
    option_inherits_attrs = False

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.allow_multiple_selected:
            context["widget"]["attrs"]["multiple"] = True
        return context

    @staticmethod
    def _choice_has_empty_value(choice):
        value, _label = choice
        return value is None or value == ""

    def use_required_attribute(self, initial):
        # "required" is only valid HTML when the first option is a placeholder.
        use_required = super().use_required_attribute(initial)
        if self.allow_multiple_selected:
            return use_required
        first_choice = next(iter(self.choices), None)
        return (use_required and first_choice is not None
                and self._choice_has_empty_value(first_choice))


class NullBooleanSelect(Select):
    """A Select of Unknown / Yes / No for NullBooleanField."""

    def __init__(self, attrs=None):
        super().__init__(attrs, (("unknown", "Unknown"), ("true", "Yes"),
                                 ("false", "No")))

    def format_value(self, value):
        try:
            return {True: "true", False: "false", "true": "true", "false": "false",
                    "2": "true", "3": "false"}[value]
        except (KeyError, TypeError):
            return "unknown"

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        try:
            return {True: True, "True": True, "False": False, False: False,
                    "true": True, "false": False, "2": True, "3": False}.get(value)
        except TypeError:
            return None


class SelectMultiple(Select):
    allow_multiple_selected = True

    def value_from_datadict(self, data, files, name):
        getter = getattr(data, "getlist", data.get)
        return getter(name)

    def value_omitted_from_data(self, data, files, name):
        return False


class RadioSelect(ChoiceWidget):
    """A <div> of radio buttons, each inside its <label>."""

    input_type = "radio"
    template_name = "django/forms/widgets/radio.html"
    option_template_name = "django/forms/widgets/radio_option.html"
    use_fieldset = True

    def id_for_label(self, id_, index=None):
        # The field's <label> points at no single radio (screen readers).
        if index is None:
            return ""
        return super().id_for_label(id_, index)


class CheckboxSelectMultiple(RadioSelect):
    allow_multiple_selected = True
    input_type = "checkbox"
    template_name = "django/forms/widgets/checkbox_select.html"
    option_template_name = "django/forms/widgets/checkbox_option.html"

    def use_required_attribute(self, initial):
        return False

    def value_omitted_from_data(self, data, files, name):
        return False


class MultiWidget(Widget):
    """Several widgets rendered side by side for one value (see decompress)."""

    template_name = "django/forms/widgets/multiwidget.html"
    use_fieldset = True

    def __init__(self, widgets, attrs=None):
        if isinstance(widgets, dict):
            self.widgets_names = [("_%s" % name) if name else "" for name in widgets]
            widgets = widgets.values()
        else:
            self.widgets_names = ["_%s" % i for i in range(len(widgets))]
        self.widgets = [w() if isinstance(w, type) else w for w in widgets]
        super().__init__(attrs)

    @property
    def is_hidden(self):
        return all(w.is_hidden for w in self.widgets)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if not isinstance(value, (list, tuple)):
            value = self.decompress(value)
        final_attrs = context["widget"]["attrs"]
        input_type = final_attrs.pop("type", None)
        id_ = final_attrs.get("id")
        subwidgets = []
        for i, (widget_name, widget) in enumerate(zip(self.widgets_names,
                                                      self.widgets)):
            if input_type is not None:
                widget.input_type = input_type
            try:
                widget_value = value[i]
            except IndexError:
                widget_value = None
            widget_attrs = final_attrs
            if id_:
                widget_attrs = {**final_attrs, "id": "%s_%s" % (id_, i)}
            subwidgets.append(widget.get_context(
                name + widget_name, widget_value, widget_attrs)["widget"])
        context["widget"]["subwidgets"] = subwidgets
        return context

    def id_for_label(self, id_):
        return ""

    def value_from_datadict(self, data, files, name):
        return [w.value_from_datadict(data, files, name + wn)
                for wn, w in zip(self.widgets_names, self.widgets)]

    def value_omitted_from_data(self, data, files, name):
        return all(w.value_omitted_from_data(data, files, name + wn)
                   for wn, w in zip(self.widgets_names, self.widgets))

    def decompress(self, value):
        raise NotImplementedError("Subclasses must implement this method.")

    @property
    def media(self):
        media = Media()
        for w in self.widgets:
            media += w.media
        return media

    def __deepcopy__(self, memo):
        import copy

        obj = super().__deepcopy__(memo)
        obj.widgets = copy.deepcopy(self.widgets)
        return obj

    @property
    def needs_multipart_form(self):
        return any(w.needs_multipart_form for w in self.widgets)


class SplitDateTimeWidget(MultiWidget):
    """A date box and a time box for one datetime."""

    supports_microseconds = False
    template_name = "django/forms/widgets/splitdatetime.html"

    def __init__(self, attrs=None, date_format=None, time_format=None,
                 date_attrs=None, time_attrs=None):
        widgets = (
            DateInput(attrs=attrs if date_attrs is None else date_attrs,
                      format=date_format),
            TimeInput(attrs=attrs if time_attrs is None else time_attrs,
                      format=time_format),
        )
        super().__init__(widgets)

    def decompress(self, value):
        if value:
            value = _to_current_timezone(value)
            return [value.date(), value.time()]
        return [None, None]


class SplitHiddenDateTimeWidget(SplitDateTimeWidget):
    template_name = "django/forms/widgets/splithiddendatetime.html"

    def __init__(self, attrs=None, date_format=None, time_format=None,
                 date_attrs=None, time_attrs=None):
        super().__init__(attrs, date_format, time_format, date_attrs, time_attrs)
        for widget in self.widgets:
            widget.input_type = "hidden"


class SelectDateWidget(Widget):
    """A date as three <select> boxes (year, month, day), in the order of
    DATE_FORMAT; `years` (default: this year and the next nine), `months`
    ({number: label}) and `empty_label` (one, or three for year, month, day)
    shape them."""

    none_value = ("", "---")
    month_field = "%s_month"
    day_field = "%s_day"
    year_field = "%s_year"
    template_name = "django/forms/widgets/select_date.html"
    input_type = "select"
    select_widget = Select
    date_re = _lazy_re_compile(r"(\d{4}|0)-(\d\d?)-(\d\d?)$")
    use_fieldset = True

    def __init__(self, attrs=None, years=None, months=None, empty_label=None):
        import datetime

        self.attrs = attrs or {}
        if years:
            self.years = years
        else:
            this_year = datetime.date.today().year
            self.years = range(this_year, this_year + 10)
        self.months = months or MONTHS
        if isinstance(empty_label, (list, tuple)):
            if not len(empty_label) == 3:
                raise ValueError("empty_label list/tuple must have 3 elements.")
            self.year_none_value = ("", empty_label[0])
            self.month_none_value = ("", empty_label[1])
            self.day_none_value = ("", empty_label[2])
        else:
            if empty_label is not None:
                self.none_value = ("", empty_label)
            self.year_none_value = self.month_none_value = self.day_none_value = (
                self.none_value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        parts = {
            "year": ([(i, str(i)) for i in self.years], self.year_none_value,
                     self.year_field),
            "month": (list(self.months.items()), self.month_none_value,
                      self.month_field),
            "day": ([(i, i) for i in range(1, 32)], self.day_none_value,
                    self.day_field),
        }
        subwidgets = []
        for part in self._parse_date_fmt():
            choices, none_value, field = parts[part]
            if not self.is_required:
                choices = [none_value, *choices]
            part_name = field % name
            subwidgets.append(self.select_widget(attrs, choices=choices).get_context(
                name=part_name, value=context["widget"]["value"][part],
                attrs={**context["widget"]["attrs"], "id": "id_%s" % part_name},
            )["widget"])
        context["widget"]["subwidgets"] = subwidgets
        return context

    def format_value(self, value):
        """{"year", "month", "day"} of the value (a dict, not a date, so that
        an invalid date such as February 31 shows as it was chosen)."""
        import datetime

        year = month = day = None
        if isinstance(value, (datetime.date, datetime.datetime)):
            year, month, day = value.year, value.month, value.day
        elif isinstance(value, str):
            match = self.date_re.match(value)
            if match:
                # Zeros (nothing chosen) match the empty option's value.
                year, month, day = [int(part) or "" for part in match.groups()]
            else:
                input_format = get_format("DATE_INPUT_FORMATS")[0]
                try:
                    parsed = datetime.datetime.strptime(value, input_format)
                except ValueError:
                    pass
                else:
                    year, month, day = parsed.year, parsed.month, parsed.day
        return {"year": year, "month": month, "day": day}

    @staticmethod
    def _parse_date_fmt():
        """"year", "month" and "day" in the order DATE_FORMAT shows them."""
        escaped = False
        for char in get_format("DATE_FORMAT"):
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char in "Yy":
                yield "year"
            elif char in "bEFMmNn":
                yield "month"
            elif char in "dj":
                yield "day"

    def id_for_label(self, id_):
        for first_select in self._parse_date_fmt():
            return "%s_%s" % (id_, first_select)
        return "%s_month" % id_

    def value_from_datadict(self, data, files, name):
        import datetime

        y = data.get(self.year_field % name)
        m = data.get(self.month_field % name)
        d = data.get(self.day_field % name)
        if y == m == d == "":
            return None
        if y is not None and m is not None and d is not None:
            input_format = get_format("DATE_INPUT_FORMATS")[0]
            try:
                date_value = datetime.date(int(y), int(m), int(d))
            except ValueError:
                # A pseudo-ISO date with zeros for what was not chosen.
                return "%s-%s-%s" % (y or 0, m or 0, d or 0)
            except OverflowError:
                return "0-0-0"
            # %Y as four digits for years before 1000, as Django writes them.
            input_format = input_format.replace("%Y", "%04d" % date_value.year)
            return date_value.strftime(input_format)
        return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return not any(("{}_{}".format(name, interval) in data)
                       for interval in ("year", "month", "day"))
