"""The text filters' fast paths give what the general code they short-cut gives.

urlize() (only the words that could be links go to handle_word()),
trim_punctuation(), is_email_simple(), Truncator.words(), slugify(),
mark_safe(), conditional_escape() and _LazyRegex, each checked against the
general path over many generated inputs.
"""

import random
import re
import unicodedata
import unittest

import djscratch

from djscratch import override_settings

from . import TEST_SETTINGS

# Pieces of text urlize() treats differently: links, emails, entities,
# brackets, trailing punctuation, every separator it splits on (Unicode white
# space included), and non-ASCII letters.
_URL_PIECES = [
    "http://example.com", "https://x.org/p?q=1&r=2#f", "www.example.com",
    "example.com", "example.com/a", "user@example.com", "a@b", "@", "mailto:x",
    "ftp://x.y", "https://[::1]/", "http://ex.com/%20x", "HTTPS://EX.COM",
    "word", "end.", "end,", "e.g.", "a:b", "&amp;", "&lt;", "x&amp;;", ";;",
    "(", ")", "[", "]", "(www.x.com)", "[a@b.co]", "www.x.com).", "!", ":",
    ".", "..", "é", "漢字.com", "\U0001f600", "<", ">", '"', "'", "&",
]
_SEPARATORS = [" ", "  ", "\n", "\t", "\xa0", "\u3000", "\x1c", "<", '"', "'",
               " <", "> "]


def _texts(seed=7, count=400):
    rng = random.Random(seed)
    texts = ["", " ", "plain words only", "see https://example.com/p/3 and more",
             "Hello there. This is it. Mail me at a@b.com, or (www.x.org).",
             "x" * 300 + ".com", "&amp;" * 20 + ";"]
    for _ in range(count):
        pieces = []
        for _ in range(rng.randint(1, 12)):
            pieces.append(rng.choice(_URL_PIECES) + rng.choice(["", "", ".", ",", ";",
                                                                ")", "!"]))
            pieces.append(rng.choice(_SEPARATORS))
        texts.append("".join(pieces[:-1] if rng.random() < 0.5 else pieces))
    return texts


@override_settings(**TEST_SETTINGS)
class UrlizeTests(unittest.TestCase):
    def test_links_path_matches_every_word_to_handle_word(self):
        urlizer = djscratch.urlizer
        for text in _texts():
            for safe in (False, True):
                value = djscratch.mark_safe(text) if safe else text
                for autoescape, nofollow, limit in ((True, False, None),
                                                    (False, True, None),
                                                    (True, True, 8)):
                    with self.subTest(text=text, safe=safe, autoescape=autoescape):
                        self.assertEqual(
                            urlizer._urlize_links(text, safe, limit, nofollow,
                                                  autoescape),
                            urlizer._urlize_words(text, safe, limit, nofollow,
                                                  autoescape))
                        self.assertEqual(
                            urlizer(value, trim_url_limit=limit, nofollow=nofollow,
                                    autoescape=autoescape),
                            urlizer._urlize_words(text, safe, limit, nofollow,
                                                  autoescape))

    def test_link_words_are_the_split_words_holding_a_link_character(self):
        urlizer = djscratch.urlizer
        for text in _texts(seed=3):
            with self.subTest(text=text):
                words = urlizer.word_split_re.split(text)[::2]
                self.assertEqual(
                    [m[0] for m in urlizer._link_word_re.finditer(text)],
                    [w for w in words if "." in w or "@" in w or ":" in w])

    def test_a_subclass_handle_word_sees_every_word(self):
        seen = []

        class Recording(djscratch.Urlizer):
            def handle_word(self, word, **kwargs):
                seen.append(word)
                return word.upper()

        self.assertEqual(Recording()("a b.c <d>"), "A B.C <D>")
        self.assertEqual(seen, ["a", " ", "b.c", " <", "d", ">", ""])

    def test_urlunsplit_matches_urllib(self):
        import urllib.parse

        urls = ["http://x.org", "http://x.org/", "https://x.org/a?b=1#c", "http://x.org?q",
                "http://x.org#f", "http://x.org/?#", "http://x.org/a b", "x.org/a",
                "//x.org/a", "mailto:a@b", "http:///path", "http:path", "", "/a?b",
                "HTTP://X.ORG/A", "https://[::1]:80/p;x?y#z", "file:///etc", "s://h/%41"]
        parts = [urllib.parse.urlsplit(url) for url in urls]
        parts += [("http", "h", "p", "", ""), ("", "h", "/p", "q", "f"),
                  ("https", "", "/p", "", ""), ("http", "h", "//p", "", ""),
                  ("ftp", "h", "", "q", "")]
        for part in parts:
            with self.subTest(parts=part):
                self.assertEqual(djscratch._urlunsplit(*part),
                                 urllib.parse.urlunsplit(part))

    def test_a_subclass_url_template_is_used(self):
        class Bracketed(djscratch.Urlizer):
            url_template = "[{url}]({href}){attrs}"

        self.assertEqual(Bracketed()("go to www.x.org now", nofollow=True),
                         'go to [www.x.org](http://www.x.org) rel="nofollow" now')

    def test_trim_punctuation_fast_path_matches_the_general_one(self):
        urlizer = djscratch.urlizer
        rng = random.Random(11)
        alphabet = "ab.,:;!&()[]@x/é"
        words = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 9)))
                 for _ in range(3000)]
        words += [w + p for w in ("word", "x.com", "a&amp", "") for p in
                  ("", ".", ".,;!", ";", ":.", "&;")]
        for word in words:
            with self.subTest(word=word):
                self.assertEqual(urlizer.trim_punctuation(word),
                                 urlizer._trim_punctuation(word))

    def test_is_email_simple_matches_the_validator(self):
        def general(value):
            try:
                djscratch.EmailValidator(allowlist=[])(value)
            except djscratch.ValidationError:
                return False
            return True

        for value in ["", "a", "a.b", "a@b", "a@b.com", "@", "x@", "@x.org",
                      "a b@c.de", "é@é.fr", "a@[127.0.0.1]", "a@b.c" * 80]:
            with self.subTest(value=value):
                self.assertEqual(djscratch.Urlizer.is_email_simple(value),
                                 general(value))


class TruncateWordsTests(unittest.TestCase):
    def test_words_match_splitting_every_word(self):
        def general(text, length, truncate=None):
            words = text.split()
            if len(words) > length:
                return djscratch._add_truncation_text(" ".join(words[:length]),
                                                      truncate)
            return " ".join(words)

        rng = random.Random(5)
        alphabet = ["a", "bb", " ", "  ", "\n", "\t", "\xa0", "\u2003", "é", "."]
        texts = ["", " ", "one", " one ", "one two", "one two ", "  one  two  "]
        texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
                  for _ in range(600)]
        for text in texts:
            for length in (1, 2, 3, 8):
                for truncate in (None, " …"):
                    with self.subTest(text=text, length=length, truncate=truncate):
                        self.assertEqual(
                            djscratch.Truncator(text).words(length, truncate=truncate),
                            general(text, length, truncate))


class SlugifyTests(unittest.TestCase):
    def test_slugify_matches_normalizing_every_text(self):
        def general(value, allow_unicode=False):
            value = str(value)
            if allow_unicode:
                value = unicodedata.normalize("NFKC", value)
            else:
                value = unicodedata.normalize("NFKD", value).encode(
                    "ascii", "ignore").decode("ascii")
            value = re.sub(r"[^\w\s-]", "", value.lower())
            return re.sub(r"[-\s]+", "-", value).strip("-_")

        rng = random.Random(2)
        alphabet = "aZ09 _-.,!&'\t\n\x1c\x7fé\u00bdﬁ漢\U0001d400"
        values = ["", "Hello World & Friends 3!", "__a--b__", 42, "ÉCOLE ß"]
        values += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
                   for _ in range(800)]
        for value in values:
            for allow_unicode in (False, True):
                with self.subTest(value=value, allow_unicode=allow_unicode):
                    self.assertEqual(djscratch.slugify(value, allow_unicode),
                                     general(value, allow_unicode))


class _StrSub(str):
    pass


class _Html:
    def __html__(self):
        return "<b>html</b>"


class SafeStringTests(unittest.TestCase):
    def test_mark_safe_and_conditional_escape_of_a_str_as_before(self):
        for value in ["", "<a href='x'>&</a>", "plain", "x" * 200 + "<"]:
            with self.subTest(value=value):
                marked = djscratch.mark_safe(value)
                self.assertIs(type(marked), djscratch.SafeString)
                self.assertEqual(marked, value)
                escaped = djscratch.conditional_escape(value)
                self.assertIs(type(escaped), djscratch.SafeString)
                self.assertEqual(escaped, djscratch.escape(value))
        # Other values still take the general path.
        self.assertIs(type(djscratch.mark_safe(_StrSub("<s>"))), djscratch.SafeString)
        safe = djscratch.mark_safe("<i>")
        self.assertIs(djscratch.mark_safe(safe), safe)
        self.assertIs(djscratch.conditional_escape(safe), safe)
        self.assertEqual(djscratch.conditional_escape(_Html()), "<b>html</b>")
        self.assertEqual(djscratch.conditional_escape(_StrSub("<s>")), "&lt;s&gt;")
        self.assertEqual(djscratch.mark_safe(lambda: "<x>")(), "<x>")
        self.assertIs(type(djscratch.mark_safe(lambda: "<x>")()), djscratch.SafeString)


class LazyRegexTests(unittest.TestCase):
    def test_attributes_are_the_compiled_patterns(self):
        lazy = djscratch._lazy_re_compile(r"(a+)(b)?", re.IGNORECASE)
        compiled = re.compile(r"(a+)(b)?", re.IGNORECASE)
        for _ in range(2):  # the first read compiles, the second is kept
            self.assertEqual(lazy.pattern, compiled.pattern)
            self.assertEqual(lazy.flags, compiled.flags)
            self.assertEqual(lazy.groups, 2)
            self.assertEqual(lazy.split("xAAby"), compiled.split("xAAby"))
            self.assertEqual(lazy.match("aab").span(), (0, 3))
            self.assertIsNone(lazy.fullmatch("c"))
        self.assertIs(lazy.match.__self__, lazy._compiled)
        with self.assertRaises(AttributeError):
            lazy.no_such_attribute
        precompiled = djscratch._lazy_re_compile(compiled)
        self.assertEqual(precompiled.sub("-", "aab"), "-")
        self.assertIs(precompiled._compiled, compiled)


if __name__ == "__main__":
    unittest.main()
