"""Password validation (django/contrib/auth/password_validation.py): the
four validators of startproject's AUTH_PASSWORD_VALIDATORS and
validate_password(), with Django's messages.
"""

import functools
import re

from djscratch.utils.functional import cached_property, lazy
from djscratch.utils.translation import gettext, ngettext
from djscratch.utils.module_loading import import_string
from djscratch.core.exceptions import (
    FieldDoesNotExist, ImproperlyConfigured, ValidationError,
)
from djscratch.core.signals import setting_changed
from djscratch.conf import settings
from djscratch.utils.html import format_html, format_html_join

__all__ = [
    "validate_password", "password_changed", "password_validators_help_texts",
    "password_validators_help_text_html", "get_default_password_validators",
    "get_password_validators", "MinimumLengthValidator",
    "UserAttributeSimilarityValidator", "CommonPasswordValidator",
    "NumericPasswordValidator",
]


@functools.cache
def get_default_password_validators():
    return get_password_validators(settings.AUTH_PASSWORD_VALIDATORS)


def _reset_password_validators(*, setting, **kwargs):
    if setting == "AUTH_PASSWORD_VALIDATORS":
        get_default_password_validators.cache_clear()


setting_changed.connect(_reset_password_validators,
                        dispatch_uid="djscratch-password-validators")


def get_password_validators(validator_config):
    """Instantiate the validators a list of {"NAME", "OPTIONS"} dicts names."""
    validators = []
    for validator in validator_config:
        try:
            klass = import_string(validator["NAME"])
        except ImportError:
            raise ImproperlyConfigured(
                "The module in NAME could not be imported: %s. Check your "
                "AUTH_PASSWORD_VALIDATORS setting." % validator["NAME"]) from None
        validators.append(klass(**validator.get("OPTIONS", {})))
    return validators


def validate_password(password, user=None, password_validators=None):
    """Return None if `password` passes every validator, else raise one
    ValidationError holding all their errors."""
    errors = []
    if password_validators is None:
        password_validators = get_default_password_validators()
    for validator in password_validators:
        try:
            validator.validate(password, user)
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationError(errors)


def password_changed(password, user=None, password_validators=None):
    """Tell the validators that have a password_changed() hook."""
    if password_validators is None:
        password_validators = get_default_password_validators()
    for validator in password_validators:
        hook = getattr(validator, "password_changed", lambda *a: None)
        hook(password, user)


def password_validators_help_texts(password_validators=None):
    """Every configured validator's help text, in order."""
    if password_validators is None:
        password_validators = get_default_password_validators()
    return [validator.get_help_text() for validator in password_validators]


def _password_validators_help_text_html(password_validators=None):
    help_texts = password_validators_help_texts(password_validators)
    items = format_html_join("", "<li>{}</li>", ((text,) for text in help_texts))
    return format_html("<ul>{}</ul>", items) if items else ""


password_validators_help_text_html = lazy(_password_validators_help_text_html, str)


class MinimumLengthValidator:
    """Refuse passwords shorter than `min_length` (8)."""

    def __init__(self, min_length=8):
        self.min_length = min_length

    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(self.get_error_message(), code="password_too_short",
                                  params={"min_length": self.min_length})

    def get_error_message(self):
        return ngettext(
            "This password is too short. It must contain at least %d character.",
            "This password is too short. It must contain at least %d characters.",
            self.min_length) % self.min_length

    def get_help_text(self):
        return ngettext(
            "Your password must contain at least %(min_length)d character.",
            "Your password must contain at least %(min_length)d characters.",
            self.min_length) % {"min_length": self.min_length}


def exceeds_maximum_length_ratio(password, max_similarity, value):
    """True when `value` is so much shorter than `password` that they cannot
    be `max_similarity` alike: skips SequenceMatcher on long passwords
    (CVE-2021-45115, a denial of service with huge passwords)."""
    pwd_len = len(password)
    length_bound_similarity = max_similarity / 2 * pwd_len
    value_len = len(value)
    return pwd_len >= 10 * value_len and value_len < length_bound_similarity


class UserAttributeSimilarityValidator:
    """Refuse passwords too similar to the user's username, names or email
    (or any part of them)."""

    DEFAULT_USER_ATTRIBUTES = ("username", "first_name", "last_name", "email")

    def __init__(self, user_attributes=DEFAULT_USER_ATTRIBUTES, max_similarity=0.7):
        self.user_attributes = user_attributes
        if max_similarity < 0.1:
            raise ValueError("max_similarity must be at least 0.1")
        self.max_similarity = max_similarity

    def validate(self, password, user=None):
        if not user:
            return
        from difflib import SequenceMatcher

        password = password.lower()
        for attribute_name in self.user_attributes:
            value = getattr(user, attribute_name, None)
            if not value or not isinstance(value, str):
                continue
            value_lower = value.lower()
            for part in re.split(r"\W+", value_lower) + [value_lower]:
                if exceeds_maximum_length_ratio(password, self.max_similarity, part):
                    continue
                ratio = SequenceMatcher(a=password, b=part).quick_ratio()
                if ratio >= self.max_similarity:
                    raise ValidationError(
                        self.get_error_message(), code="password_too_similar",
                        params={"verbose_name": _verbose_name(user, attribute_name)})

    def get_error_message(self):
        return gettext("The password is too similar to the %(verbose_name)s.")

    def get_help_text(self):
        return gettext("Your password can’t be too similar to your other personal "
                 "information.")


def _verbose_name(user, attribute_name):
    try:
        return str(user._meta.get_field(attribute_name).verbose_name)
    except (FieldDoesNotExist, AttributeError):
        return attribute_name


# The most common passwords, most common first: the first 500 entries of the
# list Django ships (Royce Williams' 20,000, lowercased).  Used only when real
# Django's full list is not installed; see CommonPasswordValidator.
_COMMON_PASSWORDS = (
    "123456 123456789 qwerty password 111111 12345678 abc123 1234567 password1 "
    "12345 1234567890 123123 000000 iloveyou 1234 1q2w3e4r5t qwertyuiop 123 monkey "
    "dragon 123456a 654321 123321 666666 1qaz2wsx 121212 myspace1 homelesspa 123qwe "
    "a123456 1q2w3e4r 123abc qwe123 7777777 qwerty123 987654321 target123 zxcvbnm "
    "tinkle qwerty1 222222 1g2w3e4r gwerty zag12wsx gwerty123 555555 fuckyou "
    "asdfghjkl 112233 1q2w3e qazwsx 123123123 princess computer 12345a 159753 "
    "ashley michael football 1234qwer sunshine aaaaaa iloveyou1 fuckyou1 789456123 "
    "daniel asdfgh 777777 123654 11111 princess1 999999 abcd1234 11111111 "
    "passer2009 love shadow 888888 superman football1 love123 jordan23 jessica "
    "12qwaszx baseball monkey1 killer a12345 123456789a master asd123 asdf samsung "
    "charlie azerty soccer q1w2e3r4t5y6 jordan 88888888 fqrg7cs493 michael1 jesus1 "
    "blink182 789456 qwer1234 linkedin babygirl1 thomas q1w2e3r4 status michelle "
    "liverpool nicole 333333 asdasd qwert j38ifubn 131313 987654 0123456789 lovely "
    "0 andrew gfhjkm joshua anthony hello1 justin angel1 zxcvbn hello iloveyou2 "
    "1111111 1111 jennifer naruto tigger hunter welcome 159357 babygirl 147258369 "
    "pokemon 101010 bitch1 jessica1 robert 0987654321 102030 parola secret 5201314 "
    "fuckyou2 696969 loveme 123456q purple mother anthony1 apple qazwsxedc money1 "
    "trustno1 matthew buster baseball1 1111111111 andrea hannah basketball freedom "
    "passw0rd soccer1 abc iloveu chelsea george friends william samantha amanda "
    "golfer summer chocolate asdf1234 qwerty12 number1 flower maggie letmein "
    "charlie1 pakistan batman superman1 asshole1 butterfly 147258 marina 010203 1 "
    "forever qweqwe fuk19600 12341234 mustang sunshine1 internet alexander london "
    "harley 1qaz2wsx3edc 29rsavoy 3rjs1la7qe ashley1 pepper xbox360 q1w2e3 00000000 "
    "family whatever 666 ! joseph loveyou jasmine orange cookie 50cent junior "
    "212121 qweasdzxc martin 1qazxsw2 hello123 user lol123 google password12 ginger "
    "password2 111222 patrick shadow1 jordan1 12344321 arsenal abcdef mylove "
    "nicole1 starwars taylor brandon 232323 q1w2e3r4t5 angel love12 brandon1 "
    "diamond snoopy 12345q vqsablpzla myspace asshole qweasd chris1 matrix mickey "
    "jonathan school melissa eminem 1234561 lovers cheese 1234567891 richard yellow "
    "12345qwert nikita oliver bailey cjmasterinf 12345678910 a123456789 christian "
    "sophie yuantuo2012 1342 sojdlg123aljg mercedes victoria 147852 matthew1 peanut "
    "290966 456789 wall.e 12413 million2 tudelft benjamin diosesfiel dpbk1234 "
    "red123 pe#5gz29ptzmse abcdefg u38fa39 dragon1 sandra happy1 asdasd5 123654789 "
    "444444 elizabeth prince banana angels angela $hex samuel qqqqqq qwertyu "
    "amanda1 barcelona zaq12wsx computer1 hockey monster michelle1 ghbdtn william1 "
    "nathan 55555 chicken 11223344 carlos antonio welcome1 123789 0000 gabriel !~!1 "
    "silver justin1 killer1 lucky1 jasmine1 bubbles hunter1 slipknot jackson "
    "purple1 morgan austin rainbow andrew1 daniel1 hottie1 fuckoff liverpool1 "
    "madison natasha vanessa metallica adidas america xxxxxx mommy1 chicken1 252525 "
    "87654321 jesus james1 spiderman alexis lauren null 0000000000 ferrari 456123 "
    "steven 147852369 tinkerbell qwaszx !ab#cd$ qwerty12345 robert1 pokemon1 "
    "nirvana butterfly1 buddy1 bandit nicholas 123qweasd danielle 0123456 asdfasdf "
    "1234554321 scooter hannah1 destiny juventus rachel chelsea1 cookie1 chocolate1 "
    "qazxsw a838hfid 1234567a 142536 monica loveme1 stella a1b2c3 freedom1 zzzzzz "
    "america1 00000 741852963 999999999 qwertyui jennifer1 111222tianya 1234abcd "
    "yamaha victor 123asd ronaldo smokey taylor1 cocacola money booboo heather "
    "madison1 success 7654321 david1 1password joshua1 november buster1 daddy1 "
    "jasper a poop samantha1 elizabeth1 mustang1 edward tennis password123 zxc123 "
    "qaz123 diamond1 lovely1 myspace123 qqww1122 whatever1 family1 valentina friend "
    "sweety tigger1 exigent music1 nothing harley1 chester casper hellokitty "
    "thomas1 super123 1q2w3e4r5t6y hahaha a1b2c3d4 startfinding cheese1 n0=acc3ss "
    "david 098765 spongebob1 alexandra canada olivia december sabrina mynoob dennis "
    "dakota patricia playboy barbie friends1 johnny summer1 music loulou nicolas "
    "pretty "
)


def _django_password_list():
    """Path of real Django's common-passwords.txt.gz, if Django is installed.

    PathFinder looks on sys.path without the import hook that makes `django`
    mean djscratch, and nothing is imported."""
    import importlib.machinery
    import os

    spec = importlib.machinery.PathFinder.find_spec("django")
    for location in (spec and spec.submodule_search_locations) or ():
        path = os.path.join(location, "contrib", "auth", "common-passwords.txt.gz")
        if os.path.exists(path):
            return path
    return None


class CommonPasswordValidator:
    """Refuse passwords from a list of common ones (compared lowercased).

    The default list is real Django's 20,000 when Django is installed beside
    djscratch; otherwise the 500 most common of them, embedded (a single file
    cannot carry Django's 80 KB list): pass password_list_path to use a full
    list, gzipped or plain, one lowercased password per line."""

    @cached_property
    def DEFAULT_PASSWORD_LIST_PATH(self):
        return _django_password_list()

    def __init__(self, password_list_path=DEFAULT_PASSWORD_LIST_PATH):
        if password_list_path is CommonPasswordValidator.DEFAULT_PASSWORD_LIST_PATH:
            password_list_path = self.DEFAULT_PASSWORD_LIST_PATH
        if password_list_path is None:
            self.passwords = set(_COMMON_PASSWORDS.split())
            return
        import gzip

        try:
            with gzip.open(password_list_path, "rt", encoding="utf-8") as f:
                self.passwords = {x.strip() for x in f}
        except OSError:
            with open(password_list_path) as f:
                self.passwords = {x.strip() for x in f}

    def validate(self, password, user=None):
        if password.lower().strip() in self.passwords:
            raise ValidationError(self.get_error_message(),
                                  code="password_too_common")

    def get_error_message(self):
        return gettext("This password is too common.")

    def get_help_text(self):
        return gettext("Your password can’t be a commonly used password.")


class NumericPasswordValidator:
    """Refuse passwords made of digits only."""

    def validate(self, password, user=None):
        if password.isdigit():
            raise ValidationError(self.get_error_message(),
                                  code="password_entirely_numeric")

    def get_error_message(self):
        return gettext("This password is entirely numeric.")

    def get_help_text(self):
        return gettext("Your password can’t be entirely numeric.")
