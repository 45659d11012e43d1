"""@admin.display, @admin.action and @admin.register
(django/contrib/admin/decorators.py): the first two set the attributes the
changelist reads, the last registers a ModelAdmin with a site.
"""

# A module that loads later (the admin core: sites.py, options.py), used at
# call time as djscratch.<name>.
import djscratch


__all__ = [
    "action", "display", "register",
]


def action(function=None, *, permissions=None, description=None):
    """Mark an admin action: the permissions it needs (`allowed_permissions`)
    and its label in the actions menu (`short_description`).

        @admin.action(permissions=["publish"], description="Publish")
        def make_published(modeladmin, request, queryset): ...
    """
    def decorator(func):
        if permissions is not None:
            func.allowed_permissions = permissions
        if description is not None:
            func.short_description = description
        return func

    return decorator if function is None else decorator(function)


def display(function=None, *, boolean=None, ordering=None, description=None,
            empty_value=None):
    """Mark a list_display callable: shown as an icon (`boolean`), sorted by
    a field (`admin_order_field`), its column header (`short_description`)
    and what it shows for an empty value (`empty_value_display`)."""
    def decorator(func):
        if boolean is not None and empty_value is not None:
            raise ValueError(
                "The boolean and empty_value arguments to the @display "
                "decorator are mutually exclusive.")
        if boolean is not None:
            func.boolean = boolean
        if ordering is not None:
            func.admin_order_field = ordering
        if description is not None:
            func.short_description = description
        if empty_value is not None:
            func.empty_value_display = empty_value
        return func

    return decorator if function is None else decorator(function)


def register(*models, site=None):
    """Register the decorated ModelAdmin class for `models` with `site` (the
    default admin site when None).

        @admin.register(Author)
        class AuthorAdmin(admin.ModelAdmin): ...
    """
    def _model_admin_wrapper(admin_class):
        if not models:
            raise ValueError("At least one model must be passed to register.")
        admin_site = site or djscratch.contrib.admin.sites._default_admin_site()
        if not isinstance(admin_site, djscratch.contrib.admin.sites.AdminSite):
            raise ValueError("site must subclass AdminSite")
        if not issubclass(admin_class, djscratch.contrib.admin.options.ModelAdmin):
            raise ValueError("Wrapped class must subclass ModelAdmin.")
        admin_site.register(models, admin_class=admin_class)
        return admin_class

    return _model_admin_wrapper
