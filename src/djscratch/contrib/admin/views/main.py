"""The changelist (django/contrib/admin/views/main.py and the changelist
parts of templatetags/admin_list.py): filters, search, ordering by column,
pages, and the rows and headers the template shows.  Two queries a page:
the count and the page itself.
"""

import datetime
import functools
import operator
import warnings

from djscratch.core.exceptions import (
    FieldDoesNotExist, FieldError, ImproperlyConfigured, ObjectDoesNotExist,
    SuspiciousOperation, ValidationError,
)
from djscratch.utils.html import format_html
from djscratch.utils.safestring import mark_safe
from djscratch.utils.http import urlencode
from djscratch.conf import settings
from djscratch.core.exceptions import NoReverseMatch
from djscratch.utils.timezone import is_aware, localtime, make_aware
from djscratch.utils.formats import date_format
from djscratch.utils.text import capfirst
from djscratch.utils.inspect import func_supports_parameter
from djscratch.utils.deprecation import RemovedInDjango60Warning
from djscratch.core.paginator import InvalidPage
from djscratch.db.models.expressions import Expression, F, OrderBy, Q
from djscratch.db.models.aggregates import Max, Min
from djscratch.db.models.fields import DateField, DateTimeField, Field
from djscratch.db.models.fields_extra import TimeField
from djscratch.db.models.related import ForeignKey, ManyToOneRel
from djscratch.urls.base import reverse
from djscratch.contrib.messages.api import _msg_error
from djscratch.contrib.admin.utils import (
    display_for_field, display_for_value, get_fields_from_path, label_for_field,
    lookup_field, lookup_spawns_duplicates, prepare_lookup_value, quote,
)
from djscratch.contrib.admin.filters import FieldListFilter
from djscratch.contrib.admin.options import (
    _add_preserved_filters, IS_FACETS_VAR, IS_POPUP_VAR, ShowFacets, TO_FIELD_VAR,
)
from djscratch.contrib.admin.exceptions import (
    DisallowedModelAdminLookup, DisallowedModelAdminToField, IncorrectLookupParameters,
)

__all__ = [
    "ALL_VAR", "ORDER_VAR", "PAGE_VAR", "SEARCH_VAR", "ERROR_FLAG", "IGNORED_PARAMS",
    "ChangeList",
]

ALL_VAR = "all"
ORDER_VAR = "o"
PAGE_VAR = "p"
SEARCH_VAR = "q"
ERROR_FLAG = "e"

IGNORED_PARAMS = (ALL_VAR, ORDER_VAR, SEARCH_VAR, IS_FACETS_VAR, IS_POPUP_VAR,
                  TO_FIELD_VAR)

#: Errors a query string's lookup can raise while the queryset is built or
#: counted: each means "bad parameters", a redirect with ?e=1, never a 500.
_LOOKUP_ERRORS = (FieldDoesNotExist, FieldError, ValidationError, ValueError,
                  TypeError, LookupError, AttributeError)


def _q_from_lookup_params(parameters):
    """AND of the parameters, OR of each one's values (Django's
    build_q_object_from_lookup_parameters)."""
    q_object = Q()
    for param, param_item_list in parameters.items():
        if not isinstance(param_item_list, list):
            param_item_list = [param_item_list]
        q_object &= functools.reduce(
            operator.or_, (Q((param, item)) for item in param_item_list))
    return q_object


class ChangeList:
    """One request's list of objects: what is filtered, searched, sorted and
    shown on this page."""

    search_form_class = None

    def __init__(self, request, model, list_display, list_display_links,
                 list_filter, date_hierarchy, search_fields, list_select_related,
                 list_per_page, list_max_show_all, list_editable, model_admin,
                 sortable_by, search_help_text):
        self.model = model
        self.opts = model._meta
        self.lookup_opts = self.opts
        self.root_queryset = model_admin.get_queryset(request)
        self.list_display = list_display
        self.list_display_links = list_display_links
        self.list_filter = list_filter
        self.has_filters = None
        self.has_active_filters = None
        self.clear_all_filters_qs = None
        self.date_hierarchy = date_hierarchy
        self.search_fields = search_fields
        self.list_select_related = list_select_related
        self.list_per_page = list_per_page
        self.list_max_show_all = list_max_show_all
        self.model_admin = model_admin
        self.preserved_filters = model_admin.get_preserved_filters(request)
        self.sortable_by = sortable_by
        self.search_help_text = search_help_text
        self.formset = None
        query = request.GET.get(SEARCH_VAR, "")
        if "\x00" in query:
            _msg_error(request, "Null characters are not allowed.")
            query = ""
        self.query = query
        try:
            self.page_num = int(request.GET.get(PAGE_VAR, 1))
        except ValueError:
            self.page_num = 1
        self.show_all = ALL_VAR in request.GET
        self.is_popup = IS_POPUP_VAR in request.GET
        show_facets = model_admin.show_facets
        self.add_facets = show_facets is ShowFacets.ALWAYS or (
            show_facets is ShowFacets.ALLOW and IS_FACETS_VAR in request.GET)
        self.is_facets_optional = show_facets is ShowFacets.ALLOW
        to_field = request.GET.get(TO_FIELD_VAR)
        if to_field and not model_admin.to_field_allowed(request, to_field):
            raise DisallowedModelAdminToField(
                "The field %s cannot be referenced." % to_field)
        self.to_field = to_field
        self.params = dict(request.GET.items())
        self.filter_params = dict(request.GET.lists())
        for name in (PAGE_VAR, ERROR_FLAG):
            self.params.pop(name, None)
            self.filter_params.pop(name, None)
        self.remove_facet_link = self.get_query_string(remove=[IS_FACETS_VAR])
        self.add_facet_link = self.get_query_string({IS_FACETS_VAR: True})
        self.list_editable = () if self.is_popup else list_editable
        self.queryset = self.get_queryset(request)
        try:
            self.get_results(request)
        except _LOOKUP_ERRORS as exc:
            # The database met a value the lookup cannot take (a date that is
            # not a date, ...): bad parameters, as Django reports them.
            raise IncorrectLookupParameters(exc) from exc
        if self.is_popup:
            title = "Select %s"
        elif self.model_admin.has_change_permission(request):
            title = "Select %s to change"
        else:
            title = "Select %s to view"
        self.title = title % self.opts.verbose_name
        self.pk_attname = self.lookup_opts.pk.attname

    def __repr__(self):
        return "<%s: model=%s model_admin=%s>" % (
            self.__class__.__qualname__, self.model.__qualname__,
            self.model_admin.__class__.__qualname__)

    def get_filters_params(self, params=None):
        """The query string's parameters less the changelist's own."""
        params = params or self.filter_params
        lookup_params = params.copy()
        for ignored in IGNORED_PARAMS:
            lookup_params.pop(ignored, None)
        return lookup_params

    def get_filters(self, request):
        """(filter specs, has filters, remaining lookups, may have
        duplicates, has active filters)."""
        lookup_params = self.get_filters_params()
        may_have_duplicates = False
        has_active_filters = False
        # A lookup_allowed() without `request` is still called, until Django 6.0.
        supports_request = func_supports_parameter(self.model_admin.lookup_allowed,
                                                   "request")
        if not supports_request:
            warnings.warn(
                "`request` must be added to the signature of %s.lookup_allowed()."
                % type(self.model_admin).__qualname__, RemovedInDjango60Warning)
        for key, value_list in lookup_params.items():
            for value in value_list:
                args = (key, value, request) if supports_request else (key, value)
                if not self.model_admin.lookup_allowed(*args):
                    raise DisallowedModelAdminLookup(f"Filtering by {key} not allowed")
        filter_specs = []
        for list_filter in self.list_filter:
            lookup_params_count = len(lookup_params)
            if callable(list_filter) and not isinstance(list_filter, Field):
                spec = list_filter(request, lookup_params, self.model,
                                   self.model_admin)
            else:
                field_path = None
                if isinstance(list_filter, (tuple, list)):
                    field, field_list_filter_class = list_filter
                else:
                    field, field_list_filter_class = (list_filter,
                                                      FieldListFilter.create)
                if not isinstance(field, Field):
                    field_path = field
                    field = get_fields_from_path(self.model, field_path)[-1]
                spec = field_list_filter_class(field, request, lookup_params,
                                               self.model, self.model_admin,
                                               field_path=field_path)
                if lookup_params_count > len(lookup_params):
                    may_have_duplicates |= lookup_spawns_duplicates(
                        self.lookup_opts, field_path)
            if spec and spec.has_output():
                filter_specs.append(spec)
                if lookup_params_count > len(lookup_params):
                    has_active_filters = True
        if self.date_hierarchy:
            self._date_hierarchy_bounds(lookup_params)
        try:
            for key, value in lookup_params.items():
                lookup_params[key] = prepare_lookup_value(key, value)
                may_have_duplicates |= lookup_spawns_duplicates(
                    self.lookup_opts, key)
        except FieldDoesNotExist as e:
            raise IncorrectLookupParameters(e) from e
        return (filter_specs, bool(filter_specs), lookup_params, may_have_duplicates,
                has_active_filters)

    def _date_hierarchy_bounds(self, lookup_params):
        """Turn <field>__year/__month/__day into a bounded range (an index
        can serve it)."""
        field = self.date_hierarchy
        year = lookup_params.pop("%s__year" % field, None)
        if year is None:
            return
        month = lookup_params.pop("%s__month" % field, None)
        day = lookup_params.pop("%s__day" % field, None)
        try:
            from_date = datetime.datetime(
                int(year[-1]), int(month[-1] if month is not None else 1),
                int(day[-1] if day is not None else 1))
        except ValueError as e:
            raise IncorrectLookupParameters(e) from e
        if day:
            to_date = from_date + datetime.timedelta(days=1)
        elif month:
            to_date = (from_date + datetime.timedelta(days=32)).replace(day=1)
        else:
            to_date = from_date.replace(year=from_date.year + 1)
        if settings.USE_TZ:
            from_date = make_aware(from_date)
            to_date = make_aware(to_date)
        lookup_params.update({"%s__gte" % field: [from_date],
                              "%s__lt" % field: [to_date]})

    def get_query_string(self, new_params=None, remove=None):
        """This changelist's query string with `new_params` set (None: left
        out) and every key starting with one of `remove` left out."""
        new_params = new_params or {}
        remove = remove or []
        p = self.filter_params.copy()
        for r in remove:
            for k in list(p):
                if k.startswith(r):
                    del p[k]
        for k, v in new_params.items():
            if v is None:
                p.pop(k, None)
            else:
                p[k] = v
        return "?%s" % urlencode(sorted(p.items()), doseq=True)

    def get_results(self, request):
        paginator = self.model_admin.get_paginator(request, self.queryset,
                                                   self.list_per_page)
        result_count = paginator.count
        if self.model_admin.show_full_result_count:
            full_result_count = (result_count if self.queryset_is_root
                                 else self.root_queryset.count())
        else:
            full_result_count = None
        can_show_all = result_count <= self.list_max_show_all
        multi_page = result_count > self.list_per_page
        if (self.show_all and can_show_all) or not multi_page:
            result_list = self.queryset._clone()
        else:
            try:
                result_list = paginator.page(self.page_num).object_list
            except InvalidPage:
                raise IncorrectLookupParameters from None
        self.result_count = result_count
        self.show_full_result_count = self.model_admin.show_full_result_count
        self.show_admin_actions = not self.show_full_result_count or bool(
            full_result_count)
        self.full_result_count = full_result_count
        self.result_list = result_list
        self.can_show_all = can_show_all
        self.multi_page = multi_page
        self.paginator = paginator

    def _get_default_ordering(self):
        if self.model_admin.ordering:
            return self.model_admin.ordering
        return self.lookup_opts.ordering or []

    def get_ordering_field(self, field_name):
        """The model field (or admin_order_field) a list_display column sorts
        by, or None if it cannot sort."""
        try:
            field = self.lookup_opts.get_field(field_name)
            return field.name
        except FieldDoesNotExist:
            if callable(field_name):
                attr = field_name
            elif hasattr(self.model_admin, field_name):
                attr = getattr(self.model_admin, field_name)
            else:
                try:
                    attr = getattr(self.model, field_name)
                except AttributeError:
                    if "__" in field_name:
                        return field_name
                    raise
            if isinstance(attr, property) and hasattr(attr, "fget"):
                attr = attr.fget
            return getattr(attr, "admin_order_field", None)

    def get_ordering(self, request, queryset):
        """The ordering: ?o=, else the admin's or model's, made total."""
        params = self.params
        ordering = list(self.model_admin.get_ordering(request)
                        or self._get_default_ordering())
        if params.get(ORDER_VAR):
            ordering = []
            for p in params[ORDER_VAR].split("."):
                _none, pfx, idx = p.rpartition("-")
                try:
                    field_name = self.list_display[int(idx)]
                    order_field = self.get_ordering_field(field_name)
                except (IndexError, ValueError, AttributeError):
                    continue  # an invalid column number: skipped
                if not order_field:
                    continue
                if isinstance(order_field, OrderBy):
                    # Already ordered (F("x").asc(nulls_last=True)): reversed
                    # for "-", never wrapped in a second ORDER BY term.
                    if pfx == "-":
                        order_field = order_field.copy()
                        order_field.reverse_ordering()
                    ordering.append(order_field)
                elif hasattr(order_field, "resolve_expression"):
                    ordering.append(order_field.desc() if pfx == "-"
                                    else order_field.asc())
                elif pfx == "-" and order_field.startswith(pfx):
                    ordering.append(order_field.removeprefix(pfx))
                else:
                    ordering.append(pfx + order_field)
        ordering.extend(_query_ordering(queryset))
        return self._get_deterministic_ordering(ordering)

    def _get_deterministic_ordering(self, ordering):
        """Add "-pk" unless a unique non-null field, or all the fields of a
        unique_together or total UniqueConstraint, already order totally."""
        ordering = list(ordering)
        ordering_fields = set()
        total_ordering_fields = {"pk"} | {
            field.attname for field in self.lookup_opts.fields
            if field.unique and not field.null}
        for part in ordering:
            field_name = _ordering_field_name(part)
            if not field_name:
                continue
            try:
                field = self.lookup_opts.get_field(field_name)
            except FieldDoesNotExist:
                continue  # "?" or a lookup across a relation
            if field.remote_field and field_name == field.name:
                continue  # orders by the related model's ordering
            if field.attname in total_ordering_fields:
                break
            ordering_fields.add(field.attname)
        else:
            constraint_field_names = (
                *self.lookup_opts.unique_together,
                *(constraint.fields
                  for constraint in self.lookup_opts.total_unique_constraints))
            for field_names in constraint_field_names:
                fields = [self.lookup_opts.get_field(name) for name in field_names]
                # A NULL in one column makes a composite key no total order.
                if any(field.null for field in fields):
                    continue
                if ordering_fields.issuperset(field.attname for field in fields):
                    break
            else:
                ordering.append("-pk")
        return ordering

    def get_ordering_field_columns(self):
        """column index -> "asc"/"desc" of the columns the list sorts by."""
        ordering = self._get_default_ordering()
        ordering_fields = {}
        if ORDER_VAR not in self.params:
            for field in ordering:
                if isinstance(field, Expression):
                    if not isinstance(field, OrderBy):
                        field = field.asc()
                    if not isinstance(field.expression, F):
                        continue
                    order_type = "desc" if field.descending else "asc"
                    field = field.expression.name
                elif not isinstance(field, str):
                    continue
                elif field.startswith("-"):
                    field, order_type = field[1:], "desc"
                else:
                    order_type = "asc"
                for index, attr in enumerate(self.list_display):
                    try:
                        matches = self.get_ordering_field(attr) == field
                    except AttributeError:
                        matches = False
                    if matches:
                        ordering_fields[index] = order_type
                        break
        else:
            for p in self.params[ORDER_VAR].split("."):
                _none, pfx, idx = p.rpartition("-")
                try:
                    idx = int(idx)
                except ValueError:
                    continue
                ordering_fields[idx] = "desc" if pfx == "-" else "asc"
        return ordering_fields

    @property
    def queryset_is_root(self):
        return getattr(self, "_queryset_is_root", False)

    def get_queryset(self, request, exclude_parameters=None):
        """The filtered, searched and ordered queryset (not yet run)."""
        (self.filter_specs, self.has_filters, remaining_lookup_params,
         filters_may_have_duplicates, self.has_active_filters) = self.get_filters(
            request)
        qs = self.root_queryset
        for filter_spec in self.filter_specs:
            if (exclude_parameters is None
                    or filter_spec.expected_parameters() != exclude_parameters):
                new_qs = filter_spec.queryset(request, qs)
                if new_qs is not None:
                    qs = new_qs
        # A filter may narrow the rows with no parameter given (a default):
        # the full count can then reuse the page's count only if none did.
        filtered_by_spec = qs is not self.root_queryset
        try:
            qs = qs.filter(_q_from_lookup_params(remaining_lookup_params))
        except (SuspiciousOperation, ImproperlyConfigured):
            raise
        except Exception as e:
            # Keys and values come from the query string; any error in them
            # is bad parameters, never a server error.
            raise IncorrectLookupParameters(e) from e
        if not _has_select_related(qs):
            qs = self.apply_select_related(qs)
        qs = qs.order_by(*self.get_ordering(request, qs))
        qs, search_may_have_duplicates = self.model_admin.get_search_results(
            request, qs, self.query)
        self.clear_all_filters_qs = self.get_query_string(
            new_params=remaining_lookup_params, remove=self.get_filters_params())
        self._queryset_is_root = not (
            remaining_lookup_params or self.query or self.has_active_filters
            or filtered_by_spec)
        if filters_may_have_duplicates | search_may_have_duplicates:
            return qs.distinct()
        return qs

    def apply_select_related(self, qs):
        if self.list_select_related is True:
            return qs.select_related()
        if self.list_select_related is False:
            if self.has_related_field_in_list_display():
                return qs.select_related()
        if self.list_select_related:
            return qs.select_related(*self.list_select_related)
        return qs

    def has_related_field_in_list_display(self):
        for field_name in self.list_display:
            try:
                field = self.lookup_opts.get_field(field_name)
            except (FieldDoesNotExist, TypeError):
                continue
            if isinstance(field.remote_field, ManyToOneRel) and (
                    field_name != field.attname):
                return True
        return False

    def url_for_result(self, result):
        pk = getattr(result, self.pk_attname)
        return reverse(
            "admin:%s_%s_change" % (self.opts.app_label, self.opts.model_name),
            args=(quote(pk),),
            current_app=self.model_admin.admin_site.name)


def _query_ordering(queryset):
    """The ordering a queryset already has (its order_by())."""
    query = getattr(queryset, "query", None)
    order_by = getattr(query, "order_by", None)
    if order_by is None:
        order_by = getattr(getattr(queryset, "_query", None), "order_by", ())
    return list(order_by or ())


def _ordering_field_name(part):
    """The field name an ordering entry sorts by ("-name", F("name"),
    F("name").desc()), or None for another expression."""
    if isinstance(part, str):
        return part.lstrip("-")
    if isinstance(part, F):
        return part.name
    if isinstance(part, OrderBy) and isinstance(part.expression, F):
        return part.expression.name
    return None


def _has_select_related(queryset):
    query = getattr(queryset, "query", None) or getattr(queryset, "_query", None)
    return bool(getattr(query, "select_related", False))


# -- What the changelist template shows (Django's admin_list tags).

def _coerce_field_name(field_name, field_index):
    """A name for a list_display entry (a callable's is its __name__)."""
    if callable(field_name):
        if field_name.__name__ == "<lambda>":
            return "lambda" + str(field_index)
        return field_name.__name__
    return field_name


def result_headers(cl):
    """One dict per column: its text and the ?o= links that sort by it."""
    ordering_field_columns = cl.get_ordering_field_columns()
    for i, field_name in enumerate(cl.list_display):
        text, attr = label_for_field(field_name, cl.model,
                                           model_admin=cl.model_admin,
                                           return_attr=True)
        is_field_sortable = cl.sortable_by is None or field_name in cl.sortable_by
        if attr:
            field_name = _coerce_field_name(field_name, i)
            if field_name == "action_checkbox":
                yield {"text": text, "checkbox": True, "sortable": False,
                       "class_attrib": mark_safe(' class="action-checkbox-column"')}
                continue
            admin_order_field = getattr(attr, "admin_order_field", None)
            if isinstance(attr, property) and hasattr(attr, "fget"):
                admin_order_field = getattr(attr.fget, "admin_order_field", None)
            if not admin_order_field and "__" not in field_name:
                is_field_sortable = False
        if not is_field_sortable:
            yield {"text": text, "sortable": False,
                   "class_attrib": format_html(' class="column-{}"', field_name)}
            continue
        th_classes = ["sortable", "column-{}".format(field_name)]
        order_type = ""
        new_order_type = "asc"
        sort_priority = 0
        is_sorted = i in ordering_field_columns
        if is_sorted:
            order_type = ordering_field_columns.get(i).lower()
            sort_priority = list(ordering_field_columns).index(i) + 1
            th_classes.append("sorted %sending" % order_type)
            new_order_type = {"asc": "desc", "desc": "asc"}[order_type]
        o_list_primary, o_list_remove, o_list_toggle = [], [], []

        def make_qs_param(t, n):
            return ("-" if t == "desc" else "") + str(n)

        for j, ot in ordering_field_columns.items():
            if j == i:
                param = make_qs_param(new_order_type, j)
                o_list_primary.insert(0, param)
                o_list_toggle.append(param)
            else:
                param = make_qs_param(ot, j)
                o_list_primary.append(param)
                o_list_toggle.append(param)
                o_list_remove.append(param)
        if i not in ordering_field_columns:
            o_list_primary.insert(0, make_qs_param(new_order_type, i))
        yield {
            "text": text,
            "sortable": True,
            "sorted": is_sorted,
            "ascending": order_type == "asc",
            "sort_priority": sort_priority,
            "url_primary": cl.get_query_string({ORDER_VAR: ".".join(o_list_primary)}),
            "url_remove": cl.get_query_string({ORDER_VAR: ".".join(o_list_remove)}),
            "url_toggle": cl.get_query_string({ORDER_VAR: ".".join(o_list_toggle)}),
            "class_attrib": format_html(' class="{}"', " ".join(th_classes)),
        }


def items_for_result(cl, result, form):
    """The <th>/<td> cells of one row (the first linked to the change page)."""

    def link_in_col(is_first, field_name):
        if cl.list_display_links is None:
            return False
        if is_first and not cl.list_display_links:
            return True
        return field_name in cl.list_display_links

    first = True
    pk = cl.lookup_opts.pk.attname
    for field_index, field_name in enumerate(cl.list_display):
        empty_value_display = cl.model_admin.get_empty_value_display()
        row_classes = ["field-%s" % _coerce_field_name(field_name, field_index)]
        link_to_changelist = link_in_col(first, field_name)
        try:
            f, attr, value = lookup_field(field_name, result, cl.model_admin)
        except ObjectDoesNotExist:
            result_repr = empty_value_display
        else:
            empty_value_display = getattr(attr, "empty_value_display",
                                          empty_value_display)
            if isinstance(value, str) and value.strip() == "":
                value = ""
            if f is None or getattr(f, "auto_created", False):
                if field_name == "action_checkbox":
                    row_classes = ["action-checkbox"]
                boolean = getattr(attr, "boolean", False)
                if isinstance(attr, property) and hasattr(attr, "fget"):
                    boolean = getattr(attr.fget, "boolean", False)
                result_repr = display_for_value(value, empty_value_display,
                                                      boolean)
                if isinstance(value, (datetime.date, datetime.time)):
                    row_classes.append("nowrap")
            else:
                if isinstance(f.remote_field, ManyToOneRel):
                    field_val = getattr(result, f.name)
                    result_repr = (empty_value_display if field_val is None
                                   else field_val)
                else:
                    # A link column is a link already: no file/URL link in it.
                    result_repr = display_for_field(value, f, empty_value_display,
                                                    avoid_link=link_to_changelist)
                if isinstance(f, (DateField, TimeField, ForeignKey)):
                    row_classes.append("nowrap")
        row_class = mark_safe(' class="%s"' % " ".join(row_classes))
        if link_to_changelist:
            table_tag = "th" if first else "td"
            first = False
            try:
                url = cl.url_for_result(result)
            except NoReverseMatch:
                link_or_text = result_repr
            else:
                url = _add_preserved_filters(cl.preserved_filters, url)
                attr_name = str(cl.to_field) if cl.to_field else pk
                value = result.serializable_value(attr_name)
                link_or_text = format_html(
                    '<a href="{}"{}>{}</a>', url,
                    format_html(' data-popup-opener="{}"', value) if cl.is_popup
                    else "", result_repr)
            yield format_html("<{}{}>{}</{}>", table_tag, row_class, link_or_text,
                              table_tag)
        else:
            if (form and field_name in form.fields and not (
                    field_name == cl.model._meta.pk.name
                    and form[cl.model._meta.pk.name].is_hidden)):
                bf = form[field_name]
                result_repr = mark_safe(str(bf.errors) + str(bf))
            yield format_html("<td{}>{}</td>", row_class, result_repr)
    if form and not form[cl.model._meta.pk.name].is_hidden:
        yield format_html("<td>{}</td>", form[cl.model._meta.pk.name])


class ResultList(list):
    """One row's cells, with the list_editable form of the row (if any)."""

    def __init__(self, form, *items):
        self.form = form
        super().__init__(*items)


def results(cl):
    if cl.formset:
        for res, form in zip(cl.result_list, cl.formset.forms):
            yield ResultList(form, items_for_result(cl, res, form))
    else:
        for res in cl.result_list:
            yield ResultList(None, items_for_result(cl, res, None))


def result_hidden_fields(cl):
    if cl.formset:
        for res, form in zip(cl.result_list, cl.formset.forms):
            if form[cl.model._meta.pk.name].is_hidden:
                yield mark_safe(form[cl.model._meta.pk.name])


class _PageLink:
    """A page number in the paginator, with its URL."""

    def __init__(self, number, url, is_end):
        self.number, self.url, self.is_end = number, url, is_end

    def __str__(self):
        return str(self.number)

    def __eq__(self, other):
        return self.number == (other.number if isinstance(other, _PageLink)
                               else other)

    def __hash__(self):
        return hash(self.number)


def _pagination_context(cl):
    pagination_required = (not cl.show_all or not cl.can_show_all) and cl.multi_page
    page_range = []
    if pagination_required:
        num_pages = cl.paginator.num_pages
        for number in cl.paginator.get_elided_page_range(cl.page_num):
            if number == cl.paginator.ELLIPSIS:
                page_range.append(number)
            else:
                page_range.append(_PageLink(
                    number, cl.get_query_string({PAGE_VAR: number}),
                    number == num_pages))
    need_show_all_link = cl.can_show_all and not cl.show_all and cl.multi_page
    return {
        "pagination_required": pagination_required,
        "page_range": page_range,
        "show_all_url": need_show_all_link and cl.get_query_string({ALL_VAR: ""}),
    }


def _filter_choices(cl, spec):
    return {"title": spec.title, "choices": list(spec.choices(cl)), "spec": spec}


def _date_hierarchy(cl):
    """Django's {% date_hierarchy cl %} context: the back link and the year /
    month / day choices of the current level.  Without a date chosen, rows
    of one year (one month) start at that year's months (that month's days),
    as in Django."""
    field_name = cl.date_hierarchy
    if not field_name:
        return None
    field = get_fields_from_path(cl.model, field_name)[-1]
    kind_method = ("datetimes" if isinstance(field, DateTimeField) else "dates")
    year_field, month_field, day_field = (f"{field_name}__year",
                                          f"{field_name}__month",
                                          f"{field_name}__day")
    year_lookup = cl.params.get(year_field)
    month_lookup = cl.params.get(month_field)
    day_lookup = cl.params.get(day_field)

    def link(filters):
        return cl.get_query_string(filters, [f"{field_name}__"])

    if not (year_lookup or month_lookup or day_lookup):
        year_lookup, month_lookup = _date_hierarchy_start(cl, field_name, kind_method)
    if year_lookup and month_lookup and day_lookup:
        day = datetime.date(int(year_lookup), int(month_lookup), int(day_lookup))
        return {"show": True,
                "back": {"link": link({year_field: year_lookup,
                                       month_field: month_lookup}),
                         "title": capfirst(date_format(day, "YEAR_MONTH_FORMAT"))},
                "choices": [{"title": capfirst(date_format(day, "MONTH_DAY_FORMAT"))}]}
    dates = getattr(cl.queryset, kind_method)
    if year_lookup and month_lookup:
        return {"show": True,
                "back": {"link": link({year_field: year_lookup}),
                         "title": str(year_lookup)},
                "choices": [{
                    "link": link({year_field: year_lookup, month_field: month_lookup,
                                  day_field: day.day}),
                    "title": capfirst(date_format(day, "MONTH_DAY_FORMAT")),
                } for day in dates(field_name, "day")]}
    if year_lookup:
        return {"show": True,
                "back": {"link": link({}), "title": "All dates"},
                "choices": [{
                    "link": link({year_field: year_lookup, month_field: month.month}),
                    "title": capfirst(date_format(month, "YEAR_MONTH_FORMAT")),
                } for month in dates(field_name, "month")]}
    return {"show": True, "back": None,
            "choices": [{"link": link({year_field: str(year.year)}),
                         "title": str(year.year)}
                        for year in dates(field_name, "year")]}


def _date_hierarchy_start(cl, field_name, kind_method):
    """(year, month) to start at when no date is chosen: the year of rows of
    one year, and the month too when they are of one month (one query)."""
    date_range = cl.queryset.aggregate(first=Min(field_name), last=Max(field_name))
    first, last = date_range["first"], date_range["last"]
    if not (first and last):
        return None, None
    if kind_method == "datetimes":
        first, last = (localtime(v) if is_aware(v) else v for v in (first, last))
    if first.year != last.year:
        return None, None
    return first.year, (first.month if first.month == last.month else None)


def _changelist_display_context(cl):
    """The headers, rows, pages and filters of the changelist template."""
    headers = list(result_headers(cl))
    num_sorted_fields = sum(1 for h in headers if h.get("sortable") and h.get(
        "sorted"))
    return {
        "result_headers": headers,
        "num_sorted_fields": num_sorted_fields,
        "results": list(results(cl)),
        "result_hidden_fields": list(result_hidden_fields(cl)),
        # A ChangeList subclass whose get_queryset() skips get_filters() has
        # none (Django's template reads the missing attribute as empty).
        "filter_specs": [_filter_choices(cl, spec)
                         for spec in getattr(cl, "filter_specs", ())],
        "search_var": SEARCH_VAR,
        "show_result_count": cl.result_count != cl.full_result_count,
        **_pagination_context(cl),
    }
