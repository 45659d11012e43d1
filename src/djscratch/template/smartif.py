"""The {% if %} expression parser as Django exposes it
(django/template/smartif.py): IfParser(tokens).parse() gives a tree whose
eval(context) computes the value.  djscratch's {% if %} tag compiles its own
tree to Python (defaulttags._IfParser); this one is for code that uses the API.
"""

__all__ = [
    "IfParser", "Literal", "EndToken", "TokenBase", "infix", "prefix", "OPERATORS",
]


class TokenBase:
    """An operator or a literal in an if expression (a Pratt parser's token)."""

    id = None  # the operator's text, or "literal"
    value = None
    first = second = None

    def nud(self, parser):
        raise parser.error_class(
            f"Not expecting '{self.id}' in this position in if tag.")

    def led(self, left, parser):
        raise parser.error_class(
            f"Not expecting '{self.id}' as infix operator in if tag.")

    def display(self):
        """The token as the template writes it (for error messages)."""
        return self.id

    def __repr__(self):
        parts = [str(x) for x in (self.id, self.first, self.second) if x is not None]
        return "(" + " ".join(parts) + ")"


def _smartif_safe(function):
    """An operator is False when evaluating it raises (None < 1, a lookup)."""
    def evaluate(self, context):
        try:
            return function(context, self.first, self.second)
        except Exception:
            return False
    return evaluate


def infix(bp, function):
    """A binary operator class binding with power `bp`."""
    class Operator(TokenBase):
        lbp = bp

        def led(self, left, parser):
            self.first = left
            self.second = parser.expression(bp)
            return self

        eval = _smartif_safe(function)

    return Operator


def prefix(bp, function):
    """A unary prefix operator class binding with power `bp`."""
    class Operator(TokenBase):
        lbp = bp

        def nud(self, parser):
            self.first = parser.expression(bp)
            self.second = None
            return self

        eval = _smartif_safe(function)

    return Operator


def _with_ids(operators):
    """Give each operator class its text as `id`."""
    for text, operator_class in operators.items():
        operator_class.id = text
    return operators


OPERATORS = _with_ids({
    "or": infix(6, lambda c, x, y: x.eval(c) or y.eval(c)),
    "and": infix(7, lambda c, x, y: x.eval(c) and y.eval(c)),
    "not": prefix(8, lambda c, x, _y: not x.eval(c)),
    "in": infix(9, lambda c, x, y: x.eval(c) in y.eval(c)),
    "not in": infix(9, lambda c, x, y: x.eval(c) not in y.eval(c)),
    "is": infix(10, lambda c, x, y: x.eval(c) is y.eval(c)),
    "is not": infix(10, lambda c, x, y: x.eval(c) is not y.eval(c)),
    "==": infix(10, lambda c, x, y: x.eval(c) == y.eval(c)),
    "!=": infix(10, lambda c, x, y: x.eval(c) != y.eval(c)),
    ">": infix(10, lambda c, x, y: x.eval(c) > y.eval(c)),
    ">=": infix(10, lambda c, x, y: x.eval(c) >= y.eval(c)),
    "<": infix(10, lambda c, x, y: x.eval(c) < y.eval(c)),
    "<=": infix(10, lambda c, x, y: x.eval(c) <= y.eval(c)),
})


class Literal(TokenBase):
    """A value in the expression; eval() returns it."""

    id = "literal"
    lbp = 0

    def __init__(self, value):
        self.value = value

    def display(self):
        return repr(self.value)

    def nud(self, parser):
        return self

    def eval(self, context):
        return self.value

    def __repr__(self):
        return f"({self.id} {self.value!r})"


class _EndToken(TokenBase):
    lbp = 0

    def nud(self, parser):
        raise parser.error_class("Unexpected end of expression in if tag.")


EndToken = _EndToken()


class IfParser:
    """Parse a list of operands and operator strings into a tree."""

    error_class = ValueError

    def __init__(self, tokens):
        mapped, i = [], 0
        while i < len(tokens):  # "is not" and "not in" are one operator each
            token = tokens[i]
            if i + 1 < len(tokens) and (token, tokens[i + 1]) in (
                    ("is", "not"), ("not", "in")):
                token, i = f"{token} {tokens[i + 1]}", i + 1
            mapped.append(self.translate_token(token))
            i += 1
        self.tokens, self.pos = mapped, 0
        self.current_token = self.next_token()

    def translate_token(self, token):
        try:
            operator_class = OPERATORS[token]
        except (KeyError, TypeError):  # an unhashable operand is no operator
            return self.create_var(token)
        return operator_class()

    def next_token(self):
        if self.pos >= len(self.tokens):
            return EndToken
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def parse(self):
        result = self.expression()
        if self.current_token is not EndToken:
            raise self.error_class(
                f"Unused '{self.current_token.display()}' at end of if expression.")
        return result

    def expression(self, rbp=0):
        token = self.current_token
        self.current_token = self.next_token()
        left = token.nud(self)
        while rbp < self.current_token.lbp:
            token = self.current_token
            self.current_token = self.next_token()
            left = token.led(left, self)
        return left

    def create_var(self, value):
        return Literal(value)
