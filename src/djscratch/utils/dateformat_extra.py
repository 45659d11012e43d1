"""DateFormat's methods a plain page's first response never runs: the
single file keeps them in a section, and DateFormat defines them on first
use (_methods_on_first_use() in djscratch/sections.py).
"""

import datetime

from djscratch.utils.timezone import get_current_timezone, get_default_timezone
from djscratch.utils.formats import _MONTH_NAMES, _MONTHS_AP, _WEEKDAY_NAMES
from djscratch.utils.dateformat import (
    _DATE_REFUSED_SPECIFIERS, _TIME_SPECIFIERS, _date_format_pieces,
    _parse_date_format,
)


class _DateFormatMore:
    """DateFormat's methods defined on first use (never instantiated)."""

    def format(self, formatstr):
        # The parsed format is cached: a page formats many datetimes with few
        # format strings, and the regex split and unescaping were half of
        # each call.
        formatstr = str(formatstr)
        pieces = _date_format_pieces.get(formatstr)
        if pieces is None:
            pieces = _parse_date_format(formatstr)
        out = []
        data_type = type(self.data)
        for is_specifier, piece in pieces:
            if is_specifier:
                if data_type is datetime.date and piece in _DATE_REFUSED_SPECIFIERS:
                    raise TypeError(
                        "The format for date objects may not contain time-related "
                        f"format specifiers (found '{piece}').")
                if data_type is datetime.time and piece not in _TIME_SPECIFIERS:
                    raise TypeError(
                        "The format for time objects may not contain date-related "
                        f"format specifiers (found '{piece}').")
                out.append(str(getattr(self, piece)()))
            else:
                out.append(piece)
        return "".join(out)

    # time
    def a(self):
        return "p.m." if self.data.hour > 11 else "a.m."

    def A(self):
        return "PM" if self.data.hour > 11 else "AM"

    def e(self):
        if self.timezone is None or self.data.utcoffset() is None:
            return ""
        return self.data.tzname() or ""

    def f(self):
        hour, minute = self.data.hour % 12 or 12, self.data.minute
        return "%d:%02d" % (hour, minute) if minute else hour

    def g(self):
        return self.data.hour % 12 or 12

    def G(self):
        return self.data.hour

    def h(self):
        return "%02d" % (self.data.hour % 12 or 12)

    def H(self):
        return "%02d" % self.data.hour

    def i(self):
        return "%02d" % self.data.minute

    def I(self):  # noqa: E743 (Django's format character)
        if self.timezone is None:
            return ""
        return "1" if self.timezone.dst(self._naive()) else "0"

    def O(self):  # noqa: E743
        if self.timezone is None:
            return ""
        seconds = self.Z()
        sign = "-" if seconds < 0 else "+"
        seconds = abs(seconds)
        return "%s%02d%02d" % (sign, seconds // 3600, (seconds // 60) % 60)

    def P(self):
        if self.data.minute == 0 and self.data.hour == 0:
            return "midnight"
        if self.data.minute == 0 and self.data.hour == 12:
            return "noon"
        return f"{self.f()} {self.a()}"

    def s(self):
        return "%02d" % self.data.second

    def T(self):
        if self.timezone is None:
            return ""
        return str(self.timezone.tzname(self._naive()))

    def u(self):
        return "%06d" % self.data.microsecond

    def Z(self):
        if self.timezone is None:
            return ""
        offset = self.timezone.utcoffset(self._naive())
        return offset.days * 86400 + offset.seconds

    def _naive(self):
        if self.data.utcoffset() is not None:
            return self.data.astimezone(self.timezone).replace(tzinfo=None)
        return self.data

    # date
    def b(self):
        return _MONTH_NAMES[self.data.month - 1][:3].lower()

    def c(self):
        return self.data.isoformat()

    def d(self):
        return "%02d" % self.data.day

    def D(self):
        return _WEEKDAY_NAMES[self.data.weekday()][:3]

    def E(self):
        return _MONTH_NAMES[self.data.month - 1]

    def F(self):
        return _MONTH_NAMES[self.data.month - 1]

    def j(self):
        return self.data.day

    def l(self):  # noqa: E743
        return _WEEKDAY_NAMES[self.data.weekday()]

    def L(self):
        import calendar

        return calendar.isleap(self.data.year)

    def m(self):
        return "%02d" % self.data.month

    def M(self):
        return _MONTH_NAMES[self.data.month - 1][:3]

    def n(self):
        return self.data.month

    def N(self):
        return _MONTHS_AP[self.data.month - 1]

    def o(self):
        return self.data.isocalendar()[0]

    def r(self):
        import email.utils

        value = self.data
        if not isinstance(value, datetime.datetime):
            # A date: midnight in the default time zone (Django's rule).
            value = datetime.datetime.combine(value, datetime.time.min).replace(
                tzinfo=get_default_timezone())
        elif value.utcoffset() is None:
            value = value.replace(tzinfo=self.timezone or get_current_timezone())
        return email.utils.format_datetime(value)

    def S(self):
        day = self.data.day
        if day in (11, 12, 13):
            return "th"
        return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")

    def t(self):
        import calendar

        return calendar.monthrange(self.data.year, self.data.month)[1]

    def U(self):
        value = self.data
        if not isinstance(value, datetime.datetime):
            value = datetime.datetime.combine(value, datetime.time.min)
        return int(value.timestamp())

    def w(self):
        return (self.data.weekday() + 1) % 7

    def W(self):
        return self.data.isocalendar()[1]

    def y(self):
        return "%02d" % (self.data.year % 100)

    def Y(self):
        return "%04d" % self.data.year

    def z(self):
        return self.data.timetuple().tm_yday
