"""numberformat.format(): a number as text with the given decimal
separator, decimal places and digit grouping (django/utils/numberformat.py).
The templates' localize path uses the "en" shortcut in template/runtime.py.
"""

from djscratch.conf import settings
from djscratch.utils.safestring import mark_safe

__all__ = []


def format(
        number, decimal_sep, decimal_pos=None, grouping=0, thousand_sep="",
        force_grouping=False, use_l10n=None):
    """Return `number` (a number or numeric string) formatted: decimal_pos
    places after decimal_sep, and, when grouping applies (USE_THOUSAND_SEPARATOR
    with use_l10n, or force_grouping), thousand_sep between groups of
    `grouping` digits (a sequence gives locale-style sizes, e.g. (3, 2, 0))."""
    import decimal

    if number is None or number == "":
        return mark_safe(number)
    use_grouping = ((use_l10n is None or use_l10n) and settings.USE_THOUSAND_SEPARATOR
                    or force_grouping) and grouping != 0
    if isinstance(number, int) and not use_grouping and not decimal_pos:
        return mark_safe(number)
    if isinstance(number, float) and "e" in str(number).lower():
        number = decimal.Decimal(str(number))  # no float's exponent notation
    if isinstance(number, decimal.Decimal):
        if decimal_pos is not None and abs(number) < decimal.Decimal(
                "0." + "1".rjust(decimal_pos, "0")):
            number = decimal.Decimal("0")  # too small to show in decimal_pos
        _sign, digits, exponent = number.as_tuple()
        if abs(exponent) + len(digits) > 200:
            # "{:f}" would write every digit: keep the exponent notation.
            coefficient, exponent = "{:e}".format(number).split("e")
            coefficient = format(
                coefficient, decimal_sep, decimal_pos, grouping, thousand_sep,
                force_grouping, use_l10n)
            return f"{coefficient}e{exponent}"
        str_number = "{:f}".format(number)
    else:
        str_number = str(number)
    sign = ""
    if str_number[0] == "-":
        sign, str_number = "-", str_number[1:]
    int_part, _, dec_part = str_number.partition(".")
    if decimal_pos is not None:
        dec_part = dec_part[:decimal_pos].ljust(decimal_pos, "0")
    dec_part = dec_part and decimal_sep + dec_part
    if use_grouping:
        int_part = _group_digits(int_part, grouping, thousand_sep)
    return sign + int_part + dec_part


def _group_digits(int_part, grouping, thousand_sep):
    """`int_part` with thousand_sep between groups, counted from the right;
    in a sequence of sizes, 0 repeats the size before it."""
    try:
        intervals = list(grouping)
    except TypeError:
        intervals = [grouping, 0]
    size = intervals.pop(0)
    grouped, count = "", 0
    for digit in reversed(int_part):
        if count and count == size:
            if intervals:
                size = intervals.pop(0) or size
            grouped += thousand_sep[::-1]
            count = 0
        grouped += digit
        count += 1
    return grouped[::-1]
