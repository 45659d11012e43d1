"""Template's and Parser's methods a plain page's first response never runs
(error reports, the debug lexer's ...): the single file keeps them in a
section, and the classes define them on first use (_methods_on_first_use()
in djscratch/sections.py).
"""

from djscratch.utils.regex_helper import _re
from djscratch.template.runtime import (
    _l10n_off_seen, _l10n_state,
)
from djscratch.template.base import (
    _DEBUG_MARK, get_text_list, Template, TemplateSyntaxError, Token, TokenType,
)


class _TemplateMore:
    """Template's methods defined on first use (never instantiated)."""

    def get_exception_info(self, exception, token):
        """The template_debug dict of an error at `token` (a DebugLexer
        token): the message, the source lines around it, the token's text and
        what comes before and after it on its line."""
        start, end = token.position
        source = self.source
        # bounds[n - 1]:bounds[n] is line n, with its line break.
        bounds = [0]
        found = source.find("\n")
        while found >= 0:
            bounds.append(found + 1)
            found = source.find("\n", found + 1)
        bounds.append(len(source) + 1)
        source_lines = [(0, "")]
        line, before, during, after = 0, "", "", ""
        for number in range(1, len(bounds)):
            low, high = bounds[number - 1], bounds[number]
            source_lines.append((number, source[low:high]))
            if low <= start and end <= high:
                line = number
                before, during, after = source[low:start], source[start:end], \
                    source[end:high]
        total = len(source_lines)
        top, bottom = max(1, line - 10), min(total, line + 11)
        try:
            message = str(exception.args[0])
        except (IndexError, UnicodeDecodeError):
            message = "(Could not get exception message)"
        return {"message": message, "source_lines": source_lines[top:bottom],
                "before": before, "during": during, "after": after, "top": top,
                "bottom": bottom, "total": total, "line": line,
                "name": self.origin.name, "start": start, "end": end}

    def _annotate(self, err):
        """Set err.template_debug from the debug mark of the generated line
        that raised it, in the innermost template's code (this one, or one it
        extends or includes), when there is one."""
        failing = template = None
        tb = err.__traceback__
        while tb is not None:  # the innermost frame of a compiled template
            owner = tb.tb_frame.f_globals.get("TEMPLATE")
            if isinstance(owner, Template) and tb.tb_frame.f_code.co_filename == \
                    getattr(owner, "_filename", None):
                failing, template = tb, owner
            tb = tb.tb_next
        if failing is None:
            return
        namespace = failing.tb_frame.f_globals
        compiled = next((c for c in template._variants.values()
                         if c.namespace is namespace), None)
        if compiled is None:
            return
        lines = compiled.source.splitlines()[:failing.tb_lineno]
        mark = _re(_DEBUG_MARK)
        for text in reversed(lines):
            found = mark.search(text)
            if found:
                token = Token(TokenType.TEXT, "", (int(found[1]), int(found[2])))
                err.template_debug = template.get_exception_info(err, token)
                return

    def python_source(self, autoescape=None):
        """Return the Python this template compiles to (for learning)."""
        if autoescape is None:
            autoescape = self.engine.autoescape
        return self._compiled(autoescape).source

    def _render_unlocalized(self, context):
        """_render() with values written as {% localize off %} writes them."""
        old_off = getattr(_l10n_state, "off", False)
        _l10n_state.off, _l10n_off_seen[0] = True, True
        try:
            return self._render(context)
        finally:
            _l10n_state.off = old_off



class _ParserMore:
    """Parser's methods defined on first use (never instantiated)."""

    def error(self, token, message):
        """Return a TemplateSyntaxError naming the template and the line."""
        if isinstance(message, TemplateSyntaxError):
            if getattr(message, "token", None) is not None:
                return message  # located already, by a tag's nested parse
            message = str(message)
        name = getattr(self.origin, "template_name", None)
        if name and f"(in template {name!r}" not in message:
            message = f"{message} (in template {name!r}, line {token.lineno})"
        err = TemplateSyntaxError(message)
        err.token = token
        err.template_name = name
        return err

    def skip_past(self, endtag):
        while self.tokens:
            token = self.next_token()
            if token.token_type == "block" and token.contents == endtag:
                return
        self.unclosed_block_tag([endtag])

    def invalid_block_tag(self, token, command, parse_until=None):
        if parse_until:
            expected = get_text_list([f"'{p}'" for p in parse_until], "or")
            raise self.error(
                token, f"Invalid block tag on line {token.lineno}: '{command}', "
                f"expected {expected}. Did you forget to register or load this tag?")
        raise self.error(
            token, f"Invalid block tag on line {token.lineno}: '{command}'. Did you "
            "forget to register or load this tag?")

    def unclosed_block_tag(self, parse_until):
        command, token = self.command_stack.pop()
        raise self.error(
            token, f"Unclosed tag on line {token.lineno}: '{command}'. Looking for "
            f"one of: {', '.join(parse_until)}.")
