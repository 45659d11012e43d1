"""Write tests/auth_expected.json: password hashes and validator messages
made by Django 5.2 (the oracle for tests/test_auth_passwords.py).

Regenerate it (with every other expectation file, by real Django from
.venv-django; DEVELOPING.md) with:

    python tools/regenerate_expected.py

Hashes use fixed salts; most use a low iteration count so the tests stay
fast, and two use Django 5.2's default count.
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from django.conf import settings  # noqa: E402

settings.configure(
    USE_I18N=False,
    INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes"],
    PASSWORD_HASHERS=[
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
        "django.contrib.auth.hashers.ScryptPasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ])

import django  # noqa: E402

django.setup()

from django.contrib.auth import hashers  # noqa: E402
from django.contrib.auth import password_validation as pv  # noqa: E402
from django.core.exceptions import ValidationError  # noqa: E402

PASSWORDS = ["secret", "correct horse battery staple", "Zoë-пароль-🔑", "", " x "]


def hash_cases():
    cases = []
    sha256 = hashers.PBKDF2PasswordHasher()
    sha1 = hashers.PBKDF2SHA1PasswordHasher()
    md5 = hashers.MD5PasswordHasher()
    for i, password in enumerate(PASSWORDS):
        salt = f"fixedSalt{i}abcdefghijklm"
        cases.append([password, sha256.encode(password, salt, 1000)])
        cases.append([password, sha1.encode(password, salt, 1000)])
        cases.append([password, md5.encode(password, salt)])
    # One at the default count (a million rounds: each check of it costs a
    # quarter second); the count is what it adds to the cases above.
    encoded = hashers.make_password(PASSWORDS[0], "defaultSaltXYZ123456")
    cases.append([PASSWORDS[0], encoded])
    scrypt = hashers.ScryptPasswordHasher()
    cases.append(["secret", scrypt.encode("secret", "scryptSalt0123456789ab", 2**10)])
    return cases


class FakeMeta:
    def get_field(self, name):
        from django.core.exceptions import FieldDoesNotExist

        raise FieldDoesNotExist(name)


class FakeUser:
    _meta = FakeMeta()
    username = "alice_wonder"
    first_name = "Alice"
    last_name = "Liddell"
    email = "alice.wonder@example.com"


def validation_cases():
    validators = pv.get_password_validators([
        {"NAME": "django.contrib.auth.password_validation."
                 "UserAttributeSimilarityValidator"},
        {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
        {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
        {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    ])
    out = {"help_texts": pv.password_validators_help_texts(validators),
           "help_html": str(pv.password_validators_help_text_html(validators)),
           "cases": []}
    for password in ["password", "12345", "98127364518273645", "alicewonder",
                     "liddell1", "monkey", "kR9#mPzQ!2vL", "qwertyuiop",
                     "alice.wonder@example.com", "A" * 1000]:
        try:
            pv.validate_password(password, FakeUser(), validators)
            errors = []
        except ValidationError as e:
            errors = [[err.code, err.messages[0]] for err in e.error_list]
        out["cases"].append([password, errors])
    one = pv.MinimumLengthValidator(min_length=1)
    out["min1"] = [one.get_help_text(), one.get_error_message()]
    return out


data = {
    "iterations": hashers.PBKDF2PasswordHasher.iterations,
    "hashes": hash_cases(),
    "validation": validation_cases(),
    "safe_summary": hashers.PBKDF2PasswordHasher().safe_summary(
        "pbkdf2_sha256$1000$fixedSalt0abcdefghijklm$abcdefghijklmnopqrstuvwxyz="),
    "md5_summary": hashers.MD5PasswordHasher().safe_summary(
        "md5$fixedSalt0$0123456789abcdef0123456789abcdef"),
}
with open(os.path.join(HERE, "auth_expected.json"), "w", encoding="utf-8") as f:
    json.dump(data, f, indent=1, ensure_ascii=False)
    f.write("\n")
