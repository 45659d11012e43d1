"""The admin's template tag libraries (django/contrib/admin/templatetags/):
{% load admin_urls %}, {% load admin_list %}, {% load admin_modify %} and
{% load log %}, for projects whose own admin templates use them.  They render
the admin's template parts with what the views compute.
"""

from djscratch.utils.html import format_html
from djscratch.template.loader import get_template
from djscratch.template.base import Node, TemplateSyntaxError
from djscratch.template.library import InclusionNode, Library, _argspec, parse_bits
from djscratch.template.engine import _EMBEDDED_LIBRARIES
from djscratch.contrib.admin.utils import quote
from djscratch.contrib.admin.models import LogEntry
from djscratch.contrib.admin.options import _add_preserved_filters
from djscratch.contrib.admin.views.main import (
    _date_hierarchy, _pagination_context, result_headers,
    result_hidden_fields, results, SEARCH_VAR,
)

__all__ = []

class InclusionAdminNode(InclusionNode):
    """An inclusion tag whose template a project may override per model, per
    app or for the whole admin (admin/<app>/<model>/<name>, admin/<app>/<name>,
    admin/<name>), as the admin's own tags allow."""

    def __init__(self, parser, token, func, template_name, takes_context=True):
        self.template_name = template_name
        bits = token.split_contents()
        args, kwargs = parse_bits(parser, bits[1:], _argspec(func), takes_context,
                                  bits[0])
        super().__init__(func, takes_context, args, kwargs, filename=None)

    def render(self, context):
        opts = context["opts"]
        app_label, object_name = opts.app_label.lower(), opts.model_name
        # Chosen per render (the node is shared by every model's page).
        context.render_context[self] = context.template.engine.select_template([
            f"admin/{app_label}/{object_name}/{self.template_name}",
            f"admin/{app_label}/{self.template_name}",
            f"admin/{self.template_name}",
        ])
        return super().render(context)


admin_urls_library = Library()
admin_list_library = Library()
admin_modify_library = Library()
admin_log_library = Library()


@admin_urls_library.filter
def admin_urlname(value, arg):
    """{% url opts|admin_urlname:"change" %}: admin:<app>_<model>_<arg>."""
    return "admin:%s_%s_%s" % (value.app_label, value.model_name, arg)


@admin_urls_library.filter
def admin_urlquote(value):
    return quote(value)


@admin_urls_library.simple_tag(takes_context=True)
def add_preserved_filters(context, url, popup=False, to_field=None):
    """`url` with the changelist's filters (_changelist_filters) kept."""
    return _add_preserved_filters(context.get("preserved_filters") or "", url,
                                  context.get("preserved_qsl"), popup, to_field)


def result_list(cl):
    """The changelist's table."""
    headers = list(result_headers(cl))
    return {
        "cl": cl,
        "result_hidden_fields": list(result_hidden_fields(cl)),
        "result_headers": headers,
        "num_sorted_fields": sum(1 for h in headers if h.get("sorted")),
        "results": list(results(cl)),
    }


def pagination(cl):
    return {"cl": cl, **_pagination_context(cl)}


def search_form(cl):
    return {"cl": cl, "search_var": SEARCH_VAR,
            "show_result_count": cl.result_count != cl.full_result_count}


def date_hierarchy(cl):
    """{% date_hierarchy cl %}: the back link and the year / month / day
    choices (None when the changelist has no date_hierarchy)."""
    return _date_hierarchy(cl)


@admin_list_library.tag(name="date_hierarchy")
def _date_hierarchy_tag(parser, token):
    return InclusionAdminNode(parser, token, func=date_hierarchy,
                              template_name="date_hierarchy.html",
                              takes_context=False)


@admin_list_library.simple_tag
def admin_list_filter(cl, spec):
    """{% admin_list_filter cl spec %}: the filter rendered with its own
    template (ListFilter.template, admin/filter.html by default)."""
    return get_template(spec.template).render({
        "title": spec.title, "choices": list(spec.choices(cl)), "spec": spec})


def admin_actions(context):
    """The action bar (its index is the one of the bar on the page)."""
    context["action_index"] = context.get("action_index", -1) + 1
    return context.flatten() if hasattr(context, "flatten") else dict(context)


def change_list_object_tools(context):
    return context.flatten() if hasattr(context, "flatten") else dict(context)


def _paginator_number(cl, i):
    """{% paginator_number cl i %}: one page link, for templates that loop
    over the pages themselves."""
    if i == cl.paginator.ELLIPSIS:
        return format_html("{} ", cl.paginator.ELLIPSIS)
    if i == cl.page_num:
        return format_html('<span class="this-page">{}</span> ', i)
    return format_html('<a href="{}"{}>{}</a> ',
                       cl.get_query_string({"p": i}),
                       ' class="end"' if i == cl.paginator.num_pages else "", i)


admin_list_library.simple_tag(_paginator_number, name="paginator_number")


def submit_row(context):
    """The save buttons (the change view has computed which to show)."""
    return context.flatten() if hasattr(context, "flatten") else dict(context)


def prepopulated_fields_js(context):
    """The context of admin/prepopulated_fields_js.html (djscratch's change
    form fills slugs with its own script; a project may override it)."""
    return context.flatten() if hasattr(context, "flatten") else dict(context)


def change_form_object_tools(context):
    return context.flatten() if hasattr(context, "flatten") else dict(context)


@admin_modify_library.filter
def cell_count(inline_admin_form):
    """The number of cells of a tabular inline's row."""
    count = 1  # the hidden id
    for fieldset in inline_admin_form:
        for line in fieldset:
            for field in line:
                try:
                    is_hidden = field.field.is_hidden
                except AttributeError:
                    is_hidden = field.field["is_hidden"]
                if not is_hidden:
                    count += 1
    if inline_admin_form.formset.can_delete:
        count += 1
    return count


def _register_admin_inclusion_tag(library, func, template_name, takes_context):
    """Register func as Django registers the admin's tags: its template
    chosen per model, per app, then admin/<template_name>."""
    def compile_func(parser, token):
        return InclusionAdminNode(parser, token, func=func,
                                  template_name=template_name,
                                  takes_context=takes_context)

    library.tag(func.__name__, compile_func)


_register_admin_inclusion_tag(admin_list_library, result_list,
                              "change_list_results.html", False)
_register_admin_inclusion_tag(admin_list_library, pagination, "pagination.html",
                              False)
_register_admin_inclusion_tag(admin_list_library, search_form, "search_form.html",
                              False)
_register_admin_inclusion_tag(admin_list_library, admin_actions, "actions.html",
                              True)
_register_admin_inclusion_tag(admin_list_library, change_list_object_tools,
                              "change_list_object_tools.html", True)
_register_admin_inclusion_tag(admin_modify_library, submit_row, "submit_line.html",
                              True)
_register_admin_inclusion_tag(admin_modify_library, change_form_object_tools,
                              "change_form_object_tools.html", True)
_register_admin_inclusion_tag(admin_modify_library, prepopulated_fields_js,
                              "prepopulated_fields_js.html", True)


class AdminLogNode(Node):
    """{% get_admin_log 10 as admin_log for_user user %}."""

    def __init__(self, limit, varname, user):
        self.limit, self.varname, self.user = limit, varname, user

    def render(self, context):
        entries = context.get("log_entries")
        if entries is None:
            entries = LogEntry.objects.select_related("content_type", "user")
        if self.user is not None:
            user_id = self.user
            if not user_id.isdigit():
                user_id = context[self.user].pk
            entries = entries.filter(user__pk=user_id)
        context[self.varname] = list(entries.order_by("-action_time", "-pk")[
            :int(self.limit)])
        return ""


@admin_log_library.tag("get_admin_log")
def get_admin_log(parser, token):
    tokens = token.contents.split()
    if len(tokens) < 4:
        raise TemplateSyntaxError("'get_admin_log' statements require two arguments")
    if not tokens[1].isdigit():
        raise TemplateSyntaxError(
            "First argument to 'get_admin_log' must be an integer")
    if tokens[2] != "as":
        raise TemplateSyntaxError("Second argument to 'get_admin_log' must be 'as'")
    if len(tokens) > 4 and tokens[4] != "for_user":
        raise TemplateSyntaxError(
            "Fourth argument to 'get_admin_log' must be 'for_user'")
    return AdminLogNode(limit=tokens[1], varname=tokens[3],
                        user=(tokens[5] if len(tokens) > 5 else None))


_EMBEDDED_LIBRARIES["django.contrib.admin"] = {
    "admin_urls": admin_urls_library,
    "admin_list": admin_list_library,
    "admin_modify": admin_modify_library,
    "log": admin_log_library,
}
