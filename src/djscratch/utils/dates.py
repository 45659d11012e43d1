"""Day and month names (django/utils/dates.py): dicts of lazy translations,
as Django's widgets, date views and templates use them.
"""

from djscratch.utils.translation import gettext_lazy, pgettext_lazy

__all__ = [
    "WEEKDAYS", "WEEKDAYS_ABBR", "MONTHS", "MONTHS_3", "MONTHS_AP", "MONTHS_ALT",
]

_MONTH_WORDS = ("January February March April May June July August September "
                "October November December").split()

#: 0 (Monday) .. 6 -> the day's name.
WEEKDAYS = {number: gettext_lazy(name) for number, name in enumerate(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())}
WEEKDAYS_ABBR = {number: gettext_lazy(name) for number, name in enumerate(
    "Mon Tue Wed Thu Fri Sat Sun".split())}
#: 1 (January) .. 12 -> the month's name.
MONTHS = {number: gettext_lazy(name)
          for number, name in enumerate(_MONTH_WORDS, start=1)}
MONTHS_3 = {number: gettext_lazy(name[:3].lower())
            for number, name in enumerate(_MONTH_WORDS, start=1)}
#: Associated Press style abbreviations.
MONTHS_AP = {number: pgettext_lazy("abbrev. month", name) for number, name in
             enumerate("Jan. Feb. March April May June July Aug. Sept. Oct. Nov. "
                       "Dec.".split(), start=1)}
#: The names some locales use in long dates.
MONTHS_ALT = {number: pgettext_lazy("alt. month", name)
              for number, name in enumerate(_MONTH_WORDS, start=1)}
