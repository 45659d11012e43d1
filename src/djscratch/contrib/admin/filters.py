"""The changelist's list filters (django/contrib/admin/filters.py): each
reads its parameters from the query string, narrows the queryset and offers
links ("choices") for the sidebar.  A filter sees the changelist only through
changelist.get_query_string() (and add_facets, when the changelist has it).
"""

import datetime

from djscratch.core.exceptions import ImproperlyConfigured, ValidationError
from djscratch.utils.timezone import is_aware, localtime, now
from djscratch.utils.translation import gettext_lazy
from djscratch.db.models.fields import DateField, DateTimeField
from djscratch.db.models.fields_extra import BooleanField
from djscratch.db.models.expressions import Q
from djscratch.db.models.aggregates import Count
from djscratch.contrib.admin.exceptions import (
    IncorrectLookupParameters, NotRegistered,
)
from djscratch.contrib.admin.utils import (
    build_q_object_from_lookup_parameters, get_last_value_from_parameters,
    get_model_from_relation, prepare_lookup_value, reverse_field_path,
)

__all__ = [
    "ListFilter", "FacetsMixin", "SimpleListFilter", "FieldListFilter",
    "RelatedFieldListFilter", "BooleanFieldListFilter", "ChoicesFieldListFilter",
    "DateFieldListFilter", "AllValuesFieldListFilter", "RelatedOnlyFieldListFilter",
    "EmptyFieldListFilter",
]


def _add_facets(changelist):
    """Whether the changelist shows counts beside the links (facets)."""
    return getattr(changelist, "add_facets", False)


class ListFilter:
    """The protocol of a list filter: has_output(), choices(changelist),
    queryset(request, queryset) and expected_parameters()."""

    title = None  # the heading of the filter in the sidebar
    template = "admin/filter.html"

    def __init__(self, request, params, model, model_admin):
        self.request = request
        #: The query-string parameters this filter took (and uses).
        self.used_parameters = {}
        if self.title is None:
            raise ImproperlyConfigured(
                "The list filter '%s' does not specify a 'title'."
                % self.__class__.__name__)

    def has_output(self):
        """Return True if the filter offers any choice."""
        raise NotImplementedError(
            "subclasses of ListFilter must provide a has_output() method")

    def choices(self, changelist):
        """Yield {"selected", "query_string", "display"} per link."""
        raise NotImplementedError(
            "subclasses of ListFilter must provide a choices() method")

    def queryset(self, request, queryset):
        """Return the queryset narrowed by this filter's parameters."""
        raise NotImplementedError(
            "subclasses of ListFilter must provide a queryset() method")

    def expected_parameters(self):
        """Return the query-string parameter names this filter reads."""
        raise NotImplementedError(
            "subclasses of ListFilter must provide an expected_parameters() method")


class FacetsMixin:
    """Counts beside each link, computed in one aggregate query."""

    def get_facet_counts(self, pk_attname, filtered_qs):
        raise NotImplementedError(
            "subclasses of FacetsMixin must provide a get_facet_counts() method.")

    def get_facet_queryset(self, changelist):
        filtered_qs = changelist.get_queryset(
            self.request, exclude_parameters=self.expected_parameters())
        return filtered_qs.aggregate(
            **self.get_facet_counts(changelist.pk_attname, filtered_qs))


class SimpleListFilter(FacetsMixin, ListFilter):
    """A filter of your own: give `title`, `parameter_name`, lookups() (the
    (value, label) pairs) and queryset() (which reads self.value())."""

    parameter_name = None

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        if self.parameter_name is None:
            raise ImproperlyConfigured(
                "The list filter '%s' does not specify a 'parameter_name'."
                % self.__class__.__name__)
        if self.parameter_name in params:
            value = params.pop(self.parameter_name)
            self.used_parameters[self.parameter_name] = value[-1]
        lookup_choices = self.lookups(request, model_admin)
        self.lookup_choices = list(lookup_choices or ())

    def has_output(self):
        return len(self.lookup_choices) > 0

    def value(self):
        """Return the query string's value for this filter (text), or None."""
        return self.used_parameters.get(self.parameter_name)

    def lookups(self, request, model_admin):
        """Return the (value, label) pairs the filter offers."""
        raise NotImplementedError(
            "The SimpleListFilter.lookups() method must be overridden to "
            "return a list of tuples (value, verbose value).")

    def expected_parameters(self):
        return [self.parameter_name]

    def get_facet_counts(self, pk_attname, filtered_qs):
        original_value = self.used_parameters.get(self.parameter_name)
        counts = {}
        for i, choice in enumerate(self.lookup_choices):
            self.used_parameters[self.parameter_name] = choice[0]
            lookup_qs = self.queryset(self.request, filtered_qs)
            if lookup_qs is not None:
                counts[f"{i}__c"] = Count(pk_attname, filter=Q(pk__in=lookup_qs))
        self.used_parameters[self.parameter_name] = original_value
        return counts

    def choices(self, changelist):
        add_facets = _add_facets(changelist)
        facet_counts = self.get_facet_queryset(changelist) if add_facets else None
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": gettext_lazy("All"),
        }
        for i, (lookup, title) in enumerate(self.lookup_choices):
            if add_facets:
                count = facet_counts.get(f"{i}__c", -1)
                title = f"{title} ({count})" if count != -1 else f"{title} (-)"
            yield {
                "selected": self.value() == str(lookup),
                "query_string": changelist.get_query_string(
                    {self.parameter_name: lookup}),
                "display": title,
            }


class FieldListFilter(FacetsMixin, ListFilter):
    """A filter on a model field (list_filter = ["field", ...]); create()
    picks the class registered for the field's kind."""

    _field_list_filters = []
    _take_priority_index = 0
    list_separator = ","

    def __init__(self, field, request, params, model, model_admin, field_path):
        self.field = field
        self.field_path = field_path
        self.title = getattr(field, "verbose_name", field_path)
        super().__init__(request, params, model, model_admin)
        for p in self.expected_parameters():
            if p in params:
                value = params.pop(p)
                self.used_parameters[p] = prepare_lookup_value(
                    p, value, self.list_separator)

    def has_output(self):
        return True

    def queryset(self, request, queryset):
        try:
            q_object = build_q_object_from_lookup_parameters(self.used_parameters)
            return queryset.filter(q_object)
        except (ValueError, ValidationError) as e:
            # A value the field cannot convert ("many" for an integer).
            raise IncorrectLookupParameters(e) from e

    @classmethod
    def register(cls, test, list_filter_class, take_priority=False):
        """Use list_filter_class for the fields test(field) accepts; with
        take_priority, before the built-in filters."""
        if take_priority:
            cls._field_list_filters.insert(cls._take_priority_index,
                                           (test, list_filter_class))
            cls._take_priority_index += 1
        else:
            cls._field_list_filters.append((test, list_filter_class))

    @classmethod
    def create(cls, field, request, params, model, model_admin, field_path):
        """Return the filter of the first registered class for this field."""
        for test, list_filter_class in cls._field_list_filters:
            if test(field):
                return list_filter_class(field, request, params, model, model_admin,
                                         field_path=field_path)


class RelatedFieldListFilter(FieldListFilter):
    """A foreign key, many-to-many or reverse relation: one link per object
    of the related model (read from that model, not from the rows)."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        other_model = get_model_from_relation(field)
        self.lookup_kwarg = "%s__%s__exact" % (field_path, field.target_field.name)
        self.lookup_kwarg_isnull = "%s__isnull" % field_path
        self.lookup_val = params.get(self.lookup_kwarg)
        self.lookup_val_isnull = get_last_value_from_parameters(
            params, self.lookup_kwarg_isnull)
        super().__init__(field, request, params, model, model_admin, field_path)
        self.lookup_choices = self.field_choices(field, request, model_admin)
        if hasattr(field, "verbose_name"):
            self.lookup_title = field.verbose_name
        else:
            self.lookup_title = other_model._meta.verbose_name
        self.title = self.lookup_title
        self.empty_value_display = model_admin.get_empty_value_display()

    @property
    def include_empty_choice(self):
        """Whether to offer the link to rows without a related object."""
        return self.field.null or (self.field.is_relation and self.field.many_to_many)

    def has_output(self):
        extra = 1 if self.include_empty_choice else 0
        return len(self.lookup_choices) + extra > 1

    def expected_parameters(self):
        return [self.lookup_kwarg, self.lookup_kwarg_isnull]

    def field_admin_ordering(self, field, request, model_admin):
        """Return the related model's ModelAdmin ordering, if it has one."""
        try:
            related_admin = model_admin.admin_site.get_model_admin(
                field.remote_field.model)
        except NotRegistered:
            return ()
        return related_admin.get_ordering(request)

    def field_choices(self, field, request, model_admin):
        ordering = self.field_admin_ordering(field, request, model_admin)
        return field.get_choices(include_blank=False, ordering=ordering)

    def get_facet_counts(self, pk_attname, filtered_qs):
        counts = {
            f"{pk_val}__c": Count(pk_attname, filter=Q(**{self.lookup_kwarg: pk_val}))
            for pk_val, _label in self.lookup_choices
        }
        if self.include_empty_choice:
            counts["__c"] = Count(pk_attname,
                                  filter=Q(**{self.lookup_kwarg_isnull: True}))
        return counts

    def choices(self, changelist):
        add_facets = _add_facets(changelist)
        facet_counts = self.get_facet_queryset(changelist) if add_facets else None
        yield {
            "selected": self.lookup_val is None and not self.lookup_val_isnull,
            "query_string": changelist.get_query_string(
                remove=[self.lookup_kwarg, self.lookup_kwarg_isnull]),
            "display": gettext_lazy("All"),
        }
        for pk_val, val in self.lookup_choices:
            if add_facets:
                val = f"{val} ({facet_counts[f'{pk_val}__c']})"
            yield {
                "selected": (self.lookup_val is not None
                             and str(pk_val) in self.lookup_val),
                "query_string": changelist.get_query_string(
                    {self.lookup_kwarg: pk_val}, [self.lookup_kwarg_isnull]),
                "display": val,
            }
        if self.include_empty_choice:
            empty_title = self.empty_value_display
            if add_facets:
                empty_title = f"{empty_title} ({facet_counts['__c']})"
            yield {
                "selected": bool(self.lookup_val_isnull),
                "query_string": changelist.get_query_string(
                    {self.lookup_kwarg_isnull: "True"}, [self.lookup_kwarg]),
                "display": empty_title,
            }


FieldListFilter.register(lambda f: f.remote_field, RelatedFieldListFilter)


class BooleanFieldListFilter(FieldListFilter):
    """A BooleanField: All / Yes / No (and Unknown when it may be null)."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        self.lookup_kwarg = "%s__exact" % field_path
        self.lookup_kwarg2 = "%s__isnull" % field_path
        self.lookup_val = get_last_value_from_parameters(params, self.lookup_kwarg)
        self.lookup_val2 = get_last_value_from_parameters(params, self.lookup_kwarg2)
        super().__init__(field, request, params, model, model_admin, field_path)
        if self.used_parameters.get(self.lookup_kwarg) in ("1", "0"):
            self.used_parameters[self.lookup_kwarg] = bool(
                int(self.used_parameters[self.lookup_kwarg]))

    def expected_parameters(self):
        return [self.lookup_kwarg, self.lookup_kwarg2]

    def get_facet_counts(self, pk_attname, filtered_qs):
        return {
            "true__c": Count(pk_attname, filter=Q(**{self.field_path: True})),
            "false__c": Count(pk_attname, filter=Q(**{self.field_path: False})),
            "null__c": Count(pk_attname, filter=Q(**{self.lookup_kwarg2: True})),
        }

    def choices(self, changelist):
        field_choices = dict(self.field.flatchoices)
        add_facets = _add_facets(changelist)
        facet_counts = self.get_facet_queryset(changelist) if add_facets else None
        for lookup, title, count_field in (
            (None, gettext_lazy("All"), None),
            ("1", field_choices.get(True, gettext_lazy("Yes")), "true__c"),
            ("0", field_choices.get(False, gettext_lazy("No")), "false__c"),
        ):
            if add_facets and count_field is not None:
                title = f"{title} ({facet_counts[count_field]})"
            yield {
                "selected": self.lookup_val == lookup and not self.lookup_val2,
                "query_string": changelist.get_query_string(
                    {self.lookup_kwarg: lookup}, [self.lookup_kwarg2]),
                "display": title,
            }
        if self.field.null:
            display = field_choices.get(None, gettext_lazy("Unknown"))
            if add_facets:
                display = f"{display} ({facet_counts['null__c']})"
            yield {
                "selected": self.lookup_val2 == "True",
                "query_string": changelist.get_query_string(
                    {self.lookup_kwarg2: "True"}, [self.lookup_kwarg]),
                "display": display,
            }


FieldListFilter.register(lambda f: isinstance(f, BooleanField),
                         BooleanFieldListFilter)


class ChoicesFieldListFilter(FieldListFilter):
    """A field with choices: one link per choice (a None choice filters
    the null rows)."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        self.lookup_kwarg = "%s__exact" % field_path
        self.lookup_kwarg_isnull = "%s__isnull" % field_path
        self.lookup_val = params.get(self.lookup_kwarg)
        self.lookup_val_isnull = get_last_value_from_parameters(
            params, self.lookup_kwarg_isnull)
        super().__init__(field, request, params, model, model_admin, field_path)

    def expected_parameters(self):
        return [self.lookup_kwarg, self.lookup_kwarg_isnull]

    def get_facet_counts(self, pk_attname, filtered_qs):
        return {
            f"{i}__c": Count(pk_attname, filter=Q(
                (self.lookup_kwarg, value) if value is not None
                else (self.lookup_kwarg_isnull, True)))
            for i, (value, _label) in enumerate(self.field.flatchoices)
        }

    def choices(self, changelist):
        add_facets = _add_facets(changelist)
        facet_counts = self.get_facet_queryset(changelist) if add_facets else None
        yield {
            "selected": self.lookup_val is None,
            "query_string": changelist.get_query_string(
                remove=[self.lookup_kwarg, self.lookup_kwarg_isnull]),
            "display": gettext_lazy("All"),
        }
        none_title = ""
        for i, (lookup, title) in enumerate(self.field.flatchoices):
            if add_facets:
                title = f"{title} ({facet_counts[f'{i}__c']})"
            if lookup is None:
                none_title = title
                continue
            yield {
                "selected": (self.lookup_val is not None
                             and str(lookup) in self.lookup_val),
                "query_string": changelist.get_query_string(
                    {self.lookup_kwarg: lookup}, [self.lookup_kwarg_isnull]),
                "display": title,
            }
        if none_title:
            yield {
                "selected": bool(self.lookup_val_isnull),
                "query_string": changelist.get_query_string(
                    {self.lookup_kwarg_isnull: "True"}, [self.lookup_kwarg]),
                "display": none_title,
            }


FieldListFilter.register(lambda f: bool(f.choices), ChoicesFieldListFilter)


class DateFieldListFilter(FieldListFilter):
    """A date or datetime: Any date / Today / Past 7 days / This month /
    This year, and No date / Has date when the field may be null.  "Today"
    is the current time zone's."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        self.field_generic = "%s__" % field_path
        self.date_params = {k: v[-1] for k, v in params.items()
                            if k.startswith(self.field_generic)}
        today = self._today(field)
        tomorrow = today + datetime.timedelta(days=1)
        if today.month == 12:
            next_month = today.replace(year=today.year + 1, month=1, day=1)
        else:
            next_month = today.replace(month=today.month + 1, day=1)
        next_year = today.replace(year=today.year + 1, month=1, day=1)
        self.lookup_kwarg_since = "%s__gte" % field_path
        self.lookup_kwarg_until = "%s__lt" % field_path
        since, until = self.lookup_kwarg_since, self.lookup_kwarg_until
        self.links = (
            (gettext_lazy("Any date"), {}),
            (gettext_lazy("Today"), {since: today, until: tomorrow}),
            (gettext_lazy("Past 7 days"), {
                since: today - datetime.timedelta(days=7), until: tomorrow}),
            (gettext_lazy("This month"), {
                since: today.replace(day=1), until: next_month}),
            (gettext_lazy("This year"), {
                since: today.replace(month=1, day=1), until: next_year}),
        )
        if field.null:
            self.lookup_kwarg_isnull = "%s__isnull" % field_path
            self.links += (
                (gettext_lazy("No date"), {self.field_generic + "isnull": True}),
                (gettext_lazy("Has date"), {self.field_generic + "isnull": False}),
            )
        super().__init__(field, request, params, model, model_admin, field_path)

    @staticmethod
    def _today(field):
        """Midnight of today for a DateTimeField, today for a DateField."""
        current = now()
        if is_aware(current):  # "today" where the user is
            current = localtime(current)
        if isinstance(field, DateTimeField):
            return current.replace(hour=0, minute=0, second=0, microsecond=0)
        return current.date()

    def expected_parameters(self):
        params = [self.lookup_kwarg_since, self.lookup_kwarg_until]
        if self.field.null:
            params.append(self.lookup_kwarg_isnull)
        return params

    def get_facet_counts(self, pk_attname, filtered_qs):
        return {f"{i}__c": Count(pk_attname, filter=Q(**param_dict))
                for i, (_title, param_dict) in enumerate(self.links)}

    def choices(self, changelist):
        add_facets = _add_facets(changelist)
        facet_counts = self.get_facet_queryset(changelist) if add_facets else None
        for i, (title, param_dict) in enumerate(self.links):
            param_dict_str = {key: str(value) for key, value in param_dict.items()}
            if add_facets:
                title = f"{title} ({facet_counts[f'{i}__c']})"
            yield {
                "selected": self.date_params == param_dict_str,
                "query_string": changelist.get_query_string(
                    param_dict_str, [self.field_generic]),
                "display": title,
            }


FieldListFilter.register(lambda f: isinstance(f, DateField), DateFieldListFilter)


class AllValuesFieldListFilter(FieldListFilter):
    """Any other field: one link per distinct value in the table (the last
    resort, registered last)."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        self.lookup_kwarg = field_path
        self.lookup_kwarg_isnull = "%s__isnull" % field_path
        self.lookup_val = params.get(self.lookup_kwarg)
        self.lookup_val_isnull = get_last_value_from_parameters(
            params, self.lookup_kwarg_isnull)
        self.empty_value_display = model_admin.get_empty_value_display()
        parent_model, _reverse_path = reverse_field_path(model, field_path)
        # The ModelAdmin's queryset decides the values of its own model.
        if model == parent_model:
            queryset = model_admin.get_queryset(request)
        else:
            queryset = parent_model._default_manager.all()
        self.lookup_choices = queryset.distinct().order_by(
            field.name).values_list(field.name, flat=True)
        super().__init__(field, request, params, model, model_admin, field_path)

    def expected_parameters(self):
        return [self.lookup_kwarg, self.lookup_kwarg_isnull]

    def get_facet_counts(self, pk_attname, filtered_qs):
        return {
            f"{i}__c": Count(pk_attname, filter=Q(
                (self.lookup_kwarg, value) if value is not None
                else (self.lookup_kwarg_isnull, True)))
            for i, value in enumerate(self.lookup_choices)
        }

    def choices(self, changelist):
        add_facets = _add_facets(changelist)
        facet_counts = self.get_facet_queryset(changelist) if add_facets else None
        yield {
            "selected": self.lookup_val is None and self.lookup_val_isnull is None,
            "query_string": changelist.get_query_string(
                remove=[self.lookup_kwarg, self.lookup_kwarg_isnull]),
            "display": gettext_lazy("All"),
        }
        include_none = False
        count = None
        empty_title = self.empty_value_display
        for i, val in enumerate(self.lookup_choices):
            if add_facets:
                count = facet_counts[f"{i}__c"]
            if val is None:
                include_none = True
                empty_title = f"{empty_title} ({count})" if add_facets else empty_title
                continue
            val = str(val)
            yield {
                "selected": self.lookup_val is not None and val in self.lookup_val,
                "query_string": changelist.get_query_string(
                    {self.lookup_kwarg: val}, [self.lookup_kwarg_isnull]),
                "display": f"{val} ({count})" if add_facets else val,
            }
        if include_none:
            yield {
                "selected": bool(self.lookup_val_isnull),
                "query_string": changelist.get_query_string(
                    {self.lookup_kwarg_isnull: "True"}, [self.lookup_kwarg]),
                "display": empty_title,
            }


FieldListFilter.register(lambda f: True, AllValuesFieldListFilter)


class RelatedOnlyFieldListFilter(RelatedFieldListFilter):
    """A relation, offering only the related objects some row points at."""

    def field_choices(self, field, request, model_admin):
        pk_qs = model_admin.get_queryset(request).distinct().values_list(
            "%s__pk" % self.field_path, flat=True)
        ordering = self.field_admin_ordering(field, request, model_admin)
        return field.get_choices(include_blank=False,
                                 limit_choices_to={"pk__in": pk_qs},
                                 ordering=ordering)


class EmptyFieldListFilter(FieldListFilter):
    """All / Empty / Not empty, for a field that may hold "" or null."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        if not field.empty_strings_allowed and not field.null:
            raise ImproperlyConfigured(
                "The list filter '%s' cannot be used with field '%s' which "
                "doesn't allow empty strings and nulls."
                % (self.__class__.__name__, field.name))
        self.lookup_kwarg = "%s__isempty" % field_path
        self.lookup_val = get_last_value_from_parameters(params, self.lookup_kwarg)
        super().__init__(field, request, params, model, model_admin, field_path)

    def get_lookup_condition(self):
        lookup_conditions = []
        if self.field.empty_strings_allowed:
            lookup_conditions.append((self.field_path, ""))
        if self.field.null:
            lookup_conditions.append((f"{self.field_path}__isnull", True))
        return Q.create(lookup_conditions, connector=Q.OR)

    def queryset(self, request, queryset):
        if self.lookup_kwarg not in self.used_parameters:
            return queryset
        if self.lookup_val not in ("0", "1"):
            raise IncorrectLookupParameters
        lookup_condition = self.get_lookup_condition()
        if self.lookup_val == "1":
            return queryset.filter(lookup_condition)
        return queryset.exclude(lookup_condition)

    def expected_parameters(self):
        return [self.lookup_kwarg]

    def get_facet_counts(self, pk_attname, filtered_qs):
        lookup_condition = self.get_lookup_condition()
        return {
            "empty__c": Count(pk_attname, filter=lookup_condition),
            "not_empty__c": Count(pk_attname, filter=~lookup_condition),
        }

    def choices(self, changelist):
        add_facets = _add_facets(changelist)
        facet_counts = self.get_facet_queryset(changelist) if add_facets else None
        for lookup, title, count_field in (
            (None, gettext_lazy("All"), None),
            ("1", gettext_lazy("Empty"), "empty__c"),
            ("0", gettext_lazy("Not empty"), "not_empty__c"),
        ):
            if add_facets and count_field is not None:
                title = f"{title} ({facet_counts[count_field]})"
            yield {
                "selected": self.lookup_val == lookup,
                "query_string": changelist.get_query_string(
                    {self.lookup_kwarg: lookup}),
                "display": title,
            }
