"""The action every changelist offers (django/contrib/admin/actions.py):
delete_selected, which asks for confirmation on a page listing everything
the delete reaches, then deletes, logs and says so.
"""

from djscratch.core.exceptions import PermissionDenied
from djscratch.utils.translation import gettext, gettext_lazy
from djscratch.template.response import TemplateResponse
from djscratch.contrib.messages.storage import MESSAGE_SUCCESS
from djscratch.contrib.admin.decorators import action
from djscratch.contrib.admin.utils import model_ngettext

__all__ = [
    "delete_selected",
]

#: The name of the changelist's row checkboxes (helpers.ACTION_CHECKBOX_NAME).
_ACTION_CHECKBOX_NAME = "_selected_action"


@action(permissions=["delete"],
        description=gettext_lazy("Delete selected %(verbose_name_plural)s"))
def delete_selected(modeladmin, request, queryset):
    """Show the confirmation page for deleting the selected objects (with
    what else goes, or why the user may not); once confirmed (POST post=yes),
    delete them and return None, so the changelist shows again."""
    opts = modeladmin.model._meta
    app_label = opts.app_label
    deletable_objects, model_count, perms_needed, protected = (
        modeladmin.get_deleted_objects(queryset, request))
    if request.POST.get("post") and not protected:
        if perms_needed:
            raise PermissionDenied
        n = len(queryset)
        if n:
            modeladmin.log_deletions(request, queryset)
            modeladmin.delete_queryset(request, queryset)
            modeladmin.message_user(
                request, gettext("Successfully deleted %(count)d %(items)s.") % {
                    "count": n, "items": model_ngettext(modeladmin.opts, n)},
                MESSAGE_SUCCESS)
        return None
    objects_name = model_ngettext(queryset)
    if perms_needed or protected:
        title = gettext("Cannot delete %(name)s") % {"name": objects_name}
    else:
        title = gettext("Delete multiple objects")
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "subtitle": None,
        "objects_name": str(objects_name),
        "deletable_objects": [deletable_objects],
        "model_count": dict(model_count).items(),
        "queryset": queryset,
        "perms_lacking": perms_needed,
        "protected": protected,
        "opts": opts,
        "action_checkbox_name": _ACTION_CHECKBOX_NAME,
        "media": modeladmin.media,
    }
    request.current_app = modeladmin.admin_site.name
    return TemplateResponse(
        request,
        modeladmin.delete_selected_confirmation_template or [
            "admin/%s/%s/delete_selected_confirmation.html" % (
                app_label, opts.model_name),
            "admin/%s/delete_selected_confirmation.html" % app_label,
            "admin/delete_selected_confirmation.html",
        ],
        context)
