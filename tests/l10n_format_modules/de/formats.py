"""This project's German formats: every format Django's FORMAT_SETTINGS
names, plus a project-defined one (CUSTOM_DAY_FORMAT)."""

DATE_FORMAT = "d.m.Y"
TIME_FORMAT = "H.i"
DATETIME_FORMAT = "d.m.Y H.i"
YEAR_MONTH_FORMAT = "m/Y"
MONTH_DAY_FORMAT = "d.m."
SHORT_DATE_FORMAT = "d.m.y"
SHORT_DATETIME_FORMAT = "d.m.y H.i"
FIRST_DAY_OF_WEEK = 1
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%d.%m.%y"]
TIME_INPUT_FORMATS = ["%H.%M", "%H:%M"]
DATETIME_INPUT_FORMATS = ["%d.%m.%Y %H.%M", "%d.%m.%Y %H:%M"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
CUSTOM_DAY_FORMAT = "Y|m|d"
