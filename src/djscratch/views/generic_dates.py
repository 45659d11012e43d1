"""The date-based generic views (django/views/generic/dates.py): archive
index, year, month, week, day and today archives, and the dated detail
view, with their year/month/week/day mixins.
"""

import datetime

from djscratch.utils.functional import cached_property
from djscratch.utils.translation import gettext as _
from djscratch.utils.timezone import localdate, localtime, make_aware, now
from djscratch.core.exceptions import Http404, ImproperlyConfigured
from djscratch.conf import settings
from djscratch.db.models.fields import DateTimeField
from djscratch.views.generic import (
    BaseDetailView, MultipleObjectMixin, MultipleObjectTemplateResponseMixin,
    SingleObjectTemplateResponseMixin, View,
)


def _url_part(view, name):
    """The view's own value for `name`, else the URL's, else the query
    string's; a 404 "No <name> specified" without one."""
    value = getattr(view, name)
    if value is None:
        try:
            value = view.kwargs[name]
        except KeyError:
            try:
                value = view.request.GET[name]
            except KeyError:
                raise Http404(_("No %s specified" % name)) from None
    return value


class YearMixin:
    """A view over one year: `year` from the class, URL or query string."""

    year_format = "%Y"
    year = None

    def get_year_format(self):
        return self.year_format

    def get_year(self):
        return _url_part(self, "year")

    def get_next_year(self, date):
        return _get_next_prev(self, date, is_previous=False, period="year")

    def get_previous_year(self, date):
        return _get_next_prev(self, date, is_previous=True, period="year")

    def _get_next_year(self, date):
        try:
            return date.replace(year=date.year + 1, month=1, day=1)
        except ValueError:
            raise Http404(_("Date out of range")) from None

    def _get_current_year(self, date):
        return date.replace(month=1, day=1)


class MonthMixin:
    """A view over one month (month names as "%b" by default)."""

    month_format = "%b"
    month = None

    def get_month_format(self):
        return self.month_format

    def get_month(self):
        return _url_part(self, "month")

    def get_next_month(self, date):
        return _get_next_prev(self, date, is_previous=False, period="month")

    def get_previous_month(self, date):
        return _get_next_prev(self, date, is_previous=True, period="month")

    def _get_next_month(self, date):
        if date.month == 12:
            try:
                return date.replace(year=date.year + 1, month=1, day=1)
            except ValueError:
                raise Http404(_("Date out of range")) from None
        return date.replace(month=date.month + 1, day=1)

    def _get_current_month(self, date):
        return date.replace(day=1)


class DayMixin:
    """A view over one day."""

    day_format = "%d"
    day = None

    def get_day_format(self):
        return self.day_format

    def get_day(self):
        return _url_part(self, "day")

    def get_next_day(self, date):
        return _get_next_prev(self, date, is_previous=False, period="day")

    def get_previous_day(self, date):
        return _get_next_prev(self, date, is_previous=True, period="day")

    def _get_next_day(self, date):
        return date + datetime.timedelta(days=1)

    def _get_current_day(self, date):
        return date


class WeekMixin:
    """A view over one week ("%U": weeks start on Sunday; "%W", "%V": Monday)."""

    week_format = "%U"
    week = None

    def get_week_format(self):
        return self.week_format

    def get_week(self):
        return _url_part(self, "week")

    def get_next_week(self, date):
        return _get_next_prev(self, date, is_previous=False, period="week")

    def get_previous_week(self, date):
        return _get_next_prev(self, date, is_previous=True, period="week")

    def _get_next_week(self, date):
        try:
            return date + datetime.timedelta(days=7 - self._get_weekday(date))
        except OverflowError:
            raise Http404(_("Date out of range")) from None

    def _get_current_week(self, date):
        return date - datetime.timedelta(self._get_weekday(date))

    def _get_weekday(self, date):
        """0 for the first day of the week format's weeks, 6 for the last."""
        week_format = self.get_week_format()
        if week_format in {"%W", "%V"}:
            return date.weekday()
        if week_format == "%U":
            return (date.weekday() + 1) % 7
        raise ValueError("unknown week format: %s" % week_format)


class DateMixin:
    """A view whose objects are filtered on `date_field`."""

    date_field = None
    allow_future = False

    def get_date_field(self):
        if self.date_field is None:
            raise ImproperlyConfigured(
                "%s.date_field is required." % self.__class__.__name__)
        return self.date_field

    def get_allow_future(self):
        return self.allow_future

    @cached_property
    def uses_datetime_field(self):
        model = self.get_queryset().model if self.model is None else self.model
        return isinstance(model._meta.get_field(self.get_date_field()),
                          DateTimeField)

    def _make_date_lookup_arg(self, value):
        """A date, as the start of that day in the current time zone for a
        DateTimeField (so that the items shown match the URL)."""
        if self.uses_datetime_field:
            value = datetime.datetime.combine(value, datetime.time.min)
            if settings.USE_TZ:
                value = make_aware(value)
        return value

    def _make_single_date_lookup(self, date):
        date_field = self.get_date_field()
        if self.uses_datetime_field:
            return {
                "%s__gte" % date_field: self._make_date_lookup_arg(date),
                "%s__lt" % date_field: self._make_date_lookup_arg(
                    date + datetime.timedelta(days=1)),
            }
        return {date_field: date}

    def _range_lookup(self, since, until):
        date_field = self.get_date_field()
        return {"%s__gte" % date_field: self._make_date_lookup_arg(since),
                "%s__lt" % date_field: self._make_date_lookup_arg(until)}


def _none_available(queryset):
    return Http404(_("No %(verbose_name_plural)s available") % {
        "verbose_name_plural": queryset.model._meta.verbose_name_plural})


class BaseDateListView(MultipleObjectMixin, DateMixin, View):
    """A list of dated objects with the list of their dates (subclasses
    provide get_dated_items() and a response mixin)."""

    allow_empty = False
    date_list_period = "year"

    def get(self, request, *args, **kwargs):
        self.date_list, self.object_list, extra_context = self.get_dated_items()
        context = self.get_context_data(
            object_list=self.object_list, date_list=self.date_list, **extra_context)
        return self.render_to_response(context)

    def get_dated_items(self):
        raise NotImplementedError(
            "A DateView must provide an implementation of get_dated_items()")

    def get_ordering(self):
        return "-%s" % self.get_date_field() if self.ordering is None \
            else self.ordering

    def get_dated_queryset(self, **lookup):
        """The queryset filtered by `lookup`, without future objects unless
        allowed; a 404 when empty and allow_empty is False."""
        qs = self.get_queryset().filter(**lookup)
        date_field = self.get_date_field()
        paginate_by = self.get_paginate_by(qs)
        if not self.get_allow_future():
            moment = now() if self.uses_datetime_field else timezone_today()
            qs = qs.filter(**{"%s__lte" % date_field: moment})
        if not self.get_allow_empty():
            if not qs if paginate_by is None else not qs.exists():
                raise _none_available(qs)
        return qs

    def get_date_list_period(self):
        return self.date_list_period

    def get_date_list(self, queryset, date_type=None, ordering="ASC"):
        """queryset.dates() (datetimes() for a DateTimeField) by `date_type`."""
        date_field = self.get_date_field()
        if date_type is None:
            date_type = self.get_date_list_period()
        if self.uses_datetime_field:
            date_list = queryset.datetimes(date_field, date_type, ordering)
        else:
            date_list = queryset.dates(date_field, date_type, ordering)
        if date_list is not None and not date_list and not self.get_allow_empty():
            raise _none_available(queryset)
        return date_list


class BaseArchiveIndexView(BaseDateListView):
    """The latest objects, with their years."""

    context_object_name = "latest"

    def get_dated_items(self):
        qs = self.get_dated_queryset()
        date_list = self.get_date_list(qs, ordering="DESC")
        if not date_list:
            qs = qs.none()
        return date_list, qs, {}


class ArchiveIndexView(MultipleObjectTemplateResponseMixin, BaseArchiveIndexView):
    """The top-level archive of dated objects."""

    template_name_suffix = "_archive"


class BaseYearArchiveView(YearMixin, BaseDateListView):
    """The months of one year with objects (and the objects, if asked)."""

    date_list_period = "month"
    make_object_list = False

    def get_dated_items(self):
        date = _date_from_string(self.get_year(), self.get_year_format())
        qs = self.get_dated_queryset(**self._range_lookup(
            date, self._get_next_year(date)))
        date_list = self.get_date_list(qs)
        if not self.get_make_object_list():
            qs = qs.none()  # only the month list is shown
        return date_list, qs, {
            "year": date, "next_year": self.get_next_year(date),
            "previous_year": self.get_previous_year(date)}

    def get_make_object_list(self):
        return self.make_object_list


class YearArchiveView(MultipleObjectTemplateResponseMixin, BaseYearArchiveView):
    template_name_suffix = "_archive_year"


class BaseMonthArchiveView(YearMixin, MonthMixin, BaseDateListView):
    """The objects of one month, with the days that have some."""

    date_list_period = "day"

    def get_dated_items(self):
        date = _date_from_string(self.get_year(), self.get_year_format(),
                                 self.get_month(), self.get_month_format())
        qs = self.get_dated_queryset(**self._range_lookup(
            date, self._get_next_month(date)))
        date_list = self.get_date_list(qs)
        return date_list, qs, {
            "month": date, "next_month": self.get_next_month(date),
            "previous_month": self.get_previous_month(date)}


class MonthArchiveView(MultipleObjectTemplateResponseMixin, BaseMonthArchiveView):
    template_name_suffix = "_archive_month"


class BaseWeekArchiveView(YearMixin, WeekMixin, BaseDateListView):
    """The objects of one week."""

    def get_dated_items(self):
        week_format = self.get_week_format()
        week_choices = {"%W": "1", "%U": "0", "%V": "1"}
        try:
            week_start = week_choices[week_format]
        except KeyError:
            raise ValueError("Unknown week format %r. Choices are: %s" % (
                week_format, ", ".join(sorted(week_choices)))) from None
        year_format = self.get_year_format()
        if week_format == "%V" and year_format != "%G":
            raise ValueError(
                "ISO week directive '%s' is incompatible with the year directive "
                "'%s'. Use the ISO year '%%G' instead." % (week_format, year_format))
        date = _date_from_string(self.get_year(), year_format, week_start, "%w",
                                 self.get_week(), week_format)
        qs = self.get_dated_queryset(**self._range_lookup(
            date, self._get_next_week(date)))
        return None, qs, {
            "week": date, "next_week": self.get_next_week(date),
            "previous_week": self.get_previous_week(date)}


class WeekArchiveView(MultipleObjectTemplateResponseMixin, BaseWeekArchiveView):
    template_name_suffix = "_archive_week"


class BaseDayArchiveView(YearMixin, MonthMixin, DayMixin, BaseDateListView):
    """The objects of one day."""

    def get_dated_items(self):
        return self._get_dated_items(_date_from_string(
            self.get_year(), self.get_year_format(), self.get_month(),
            self.get_month_format(), self.get_day(), self.get_day_format()))

    def _get_dated_items(self, date):
        qs = self.get_dated_queryset(**self._make_single_date_lookup(date))
        return None, qs, {
            "day": date, "previous_day": self.get_previous_day(date),
            "next_day": self.get_next_day(date),
            "previous_month": self.get_previous_month(date),
            "next_month": self.get_next_month(date)}


class DayArchiveView(MultipleObjectTemplateResponseMixin, BaseDayArchiveView):
    template_name_suffix = "_archive_day"


class BaseTodayArchiveView(BaseDayArchiveView):
    """The objects of today."""

    def get_dated_items(self):
        return self._get_dated_items(datetime.date.today())


class TodayArchiveView(MultipleObjectTemplateResponseMixin, BaseTodayArchiveView):
    template_name_suffix = "_archive_day"


class BaseDateDetailView(YearMixin, MonthMixin, DayMixin, DateMixin, BaseDetailView):
    """One object of one day (year/month/day in the URL, with its key)."""

    def get_object(self, queryset=None):
        date = _date_from_string(
            self.get_year(), self.get_year_format(), self.get_month(),
            self.get_month_format(), self.get_day(), self.get_day_format())
        qs = self.get_queryset() if queryset is None else queryset
        if not self.get_allow_future() and date > datetime.date.today():
            raise Http404(_(
                "Future %(verbose_name_plural)s not available because "
                "%(class_name)s.allow_future is False.") % {
                "verbose_name_plural": qs.model._meta.verbose_name_plural,
                "class_name": self.__class__.__name__})
        qs = qs.filter(**self._make_single_date_lookup(date))
        return super().get_object(queryset=qs)


class DateDetailView(SingleObjectTemplateResponseMixin, BaseDateDetailView):
    template_name_suffix = "_detail"


def _date_from_string(year, year_format, month="", month_format="", day="",
                      day_format="", delim="__"):
    """The date the URL's parts give in their formats; a 404 if none."""
    format = year_format + delim + month_format + delim + day_format
    datestr = str(year) + delim + str(month) + delim + str(day)
    try:
        return datetime.datetime.strptime(datestr, format).date()
    except ValueError:
        raise Http404(_("Invalid date string “%(datestr)s” given format "
                        "“%(format)s”") % {"datestr": datestr, "format": format}
                      ) from None


def _get_next_prev(view, date, is_previous, period):
    """The next (previous) period's start for the view's links, or None.

    With allow_empty, the neighbouring period itself (None if it is in the
    future and allow_future is off); without, the period of the nearest
    object there is (None if none, or only future ones when not allowed).
    """
    date_field = view.get_date_field()
    allow_future = view.get_allow_future()
    get_current = getattr(view, "_get_current_%s" % period)
    get_next = getattr(view, "_get_next_%s" % period)
    start, end = get_current(date), get_next(date)
    if view.get_allow_empty():
        result = get_current(start - datetime.timedelta(days=1)) if is_previous \
            else end
        return result if allow_future or result <= timezone_today() else None
    if is_previous:
        lookup = {"%s__lt" % date_field: view._make_date_lookup_arg(start)}
        ordering = "-%s" % date_field
    else:
        lookup = {"%s__gte" % date_field: view._make_date_lookup_arg(end)}
        ordering = date_field
    if not allow_future:
        lookup["%s__lte" % date_field] = now() if view.uses_datetime_field \
            else timezone_today()
    qs = view.get_queryset().filter(**lookup).order_by(ordering)
    try:
        result = getattr(qs[0], date_field)
    except IndexError:
        return None
    if view.uses_datetime_field:
        if settings.USE_TZ:
            result = localtime(result)
        result = result.date()
    return get_current(result)


def timezone_today():
    """Today in the current time zone (the local date without USE_TZ)."""
    return localdate() if settings.USE_TZ else datetime.date.today()
