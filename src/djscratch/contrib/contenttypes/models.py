"""ContentType and its manager (django/contrib/contenttypes/models.py):
one row per model, looked up by model, id or natural key through a
per-database cache.
"""

from djscratch.apps.registry import apps
from djscratch.db.models.fields import AutoField, CharField
from djscratch.db.models.base import Model
from djscratch.db.models.expressions import Q
from djscratch.db.models.manager import Manager

__all__ = [
    "ContentType", "ContentTypeManager",
]


class ContentTypeManager(Manager):
    """ContentType.objects: lookups that go through a per-database cache."""

    use_in_migrations = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # database alias -> {(app_label, model_name): ct, id: ct}; db_manager()
        # copies share this dict, so every alias's cache lives here.
        self._cache = {}

    def get_by_natural_key(self, app_label, model):
        try:
            ct = self._cache[self.db][(app_label, model)]
        except KeyError:
            ct = self.get(app_label=app_label, model=model)
            self._add_to_cache(self.db, ct)
        return ct

    def _get_opts(self, model, for_concrete_model):
        if for_concrete_model:
            model = model._meta.concrete_model
        return model._meta

    def _get_from_cache(self, opts):
        return self._cache[self.db][(opts.app_label, opts.model_name)]

    def get_for_model(self, model, for_concrete_model=True):
        """Return the ContentType of a model class or instance, creating it
        if the table has no row for it yet."""
        opts = self._get_opts(model, for_concrete_model)
        try:
            return self._get_from_cache(opts)
        except KeyError:
            pass
        try:
            # get() first: get_or_create() opens a transaction (savepoint)
            # even when the row exists, which most calls find.
            ct = self.get(app_label=opts.app_label, model=opts.model_name)
        except self.model.DoesNotExist:
            ct, _created = self.get_or_create(
                app_label=opts.app_label, model=opts.model_name)
        self._add_to_cache(self.db, ct)
        return ct

    def get_for_models(self, *models, for_concrete_models=True):
        """Return {model: ContentType} for the models, in one query for the
        ones not cached, creating the missing rows."""
        from collections import defaultdict

        results = {}
        needed_models = defaultdict(set)
        needed_opts = defaultdict(list)
        for model in models:
            opts = self._get_opts(model, for_concrete_models)
            try:
                ct = self._get_from_cache(opts)
            except KeyError:
                needed_models[opts.app_label].add(opts.model_name)
                needed_opts[(opts.app_label, opts.model_name)].append(model)
            else:
                results[model] = ct
        if needed_opts:
            condition = Q(
                *(Q(("app_label", label), ("model__in", sorted(names)))
                  for label, names in needed_models.items()),
                _connector=Q.OR,
            )
            for ct in self.filter(condition):
                for model in needed_opts.pop((ct.app_label, ct.model), []):
                    results[model] = ct
                self._add_to_cache(self.db, ct)
        for (app_label, model_name), opts_models in needed_opts.items():
            ct = self.create(app_label=app_label, model=model_name)
            self._add_to_cache(self.db, ct)
            for model in opts_models:
                results[model] = ct
        return results

    def get_for_id(self, id):
        """Return the ContentType with this id (cached: ids never change)."""
        try:
            ct = self._cache[self.db][id]
        except KeyError:
            ct = self.get(pk=id)
            self._add_to_cache(self.db, ct)
        return ct

    def clear_cache(self):
        """Forget every cached ContentType (after the table was rewritten)."""
        self._cache.clear()

    def _add_to_cache(self, using, ct):
        cache = self._cache.setdefault(using, {})
        cache[(ct.app_label, ct.model)] = ct
        cache[ct.id] = ct


class ContentType(Model):
    """A model known to the project: its app label and lower-case name."""

    id = AutoField(primary_key=True, verbose_name="ID")
    app_label = CharField(max_length=100)
    model = CharField("python model class name", max_length=100)
    objects = ContentTypeManager()

    class Meta:
        app_label = "contenttypes"
        verbose_name = "content type"
        verbose_name_plural = "content types"
        db_table = "django_content_type"
        unique_together = [["app_label", "model"]]

    def __str__(self):
        return self.app_labeled_name

    @property
    def name(self):
        model = self.model_class()
        if not model:
            return self.model
        return str(model._meta.verbose_name)

    @property
    def app_labeled_name(self):
        model = self.model_class()
        if not model:
            return self.model
        config = model._meta.app_config
        app_name = config.verbose_name if config is not None else model._meta.app_label
        return "%s | %s" % (app_name, model._meta.verbose_name)

    def model_class(self):
        """Return the model class this row stands for, or None if it is gone."""
        try:
            return apps.get_model(self.app_label, self.model)
        except LookupError:
            # djscratch lets a model name an app_label that is not installed.
            return apps.all_models.get(self.app_label, {}).get(self.model)

    def get_object_for_this_type(self, using=None, **kwargs):
        """Return the object of this type that matches the lookups."""
        return self.model_class()._base_manager.using(using).get(**kwargs)

    def get_all_objects_for_this_type(self, **kwargs):
        """Return a queryset of this type's objects matching the lookups."""
        return self.model_class()._base_manager.filter(**kwargs)

    def natural_key(self):
        return (self.app_label, self.model)
