"""make_template_fragment_key(): the key of a {% cache %} fragment
(django/core/cache/utils.py), so code can delete one.
"""

__all__ = ["make_template_fragment_key", "TEMPLATE_FRAGMENT_KEY_TEMPLATE"]

TEMPLATE_FRAGMENT_KEY_TEMPLATE = "template.cache.%s.%s"


def make_template_fragment_key(fragment_name, vary_on=None):
    """Return the key: the fragment name and the MD5 of the vary-on values."""
    import hashlib  # (a plain import: a dict lookup once loaded)

    hasher = hashlib.md5(usedforsecurity=False)
    for arg in vary_on or ():
        hasher.update(str(arg).encode())
        hasher.update(b":")
    return TEMPLATE_FRAGMENT_KEY_TEMPLATE % (fragment_name, hasher.hexdigest())
