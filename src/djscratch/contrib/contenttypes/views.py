"""The `shortcut` view (django/contrib/contenttypes/views.py): redirect
/<content type id>/<object id>/ to the object's get_absolute_url(), on the
domain of the Site it belongs to when it has one.
"""

from djscratch.utils.translation import gettext
from djscratch.core.exceptions import Http404, ObjectDoesNotExist
from djscratch.apps.registry import apps
from djscratch.http.response import HttpResponseRedirect
from djscratch.contrib.contenttypes.models import ContentType
from djscratch.contrib.sites.shortcuts import get_current_site

__all__ = [
    "shortcut",
]


def shortcut(request, content_type_id, object_id):
    """Redirect to the page of the object `object_id` of `content_type_id`."""
    try:
        content_type = ContentType.objects.get(pk=content_type_id)
        if not content_type.model_class():
            raise Http404(gettext(
                "Content type %(ct_id)s object has no associated model")
                % {"ct_id": content_type_id})
        obj = content_type.get_object_for_this_type(pk=object_id)
    except (ObjectDoesNotExist, ValueError):
        raise Http404(gettext("Content type %(ct_id)s object %(obj_id)s doesn’t exist")
                      % {"ct_id": content_type_id, "obj_id": object_id}) from None
    try:
        get_absolute_url = obj.get_absolute_url
    except AttributeError:
        raise Http404(gettext(
            "%(ct_name)s objects don’t have a get_absolute_url() method")
            % {"ct_name": content_type.name}) from None
    absurl = get_absolute_url()
    if absurl.startswith(("http://", "https://", "//")):
        return HttpResponseRedirect(absurl)  # the object names its domain
    object_domain = _object_domain(request, obj)
    if object_domain is not None:
        return HttpResponseRedirect("%s://%s%s" % (request.scheme, object_domain,
                                                   absurl))
    return HttpResponseRedirect(absurl)


def _object_domain(request, obj):
    """The domain of obj's Site: the current one if obj is on it, else its
    first Site (many-to-many) or its Site (foreign key); else the current
    site's, or None."""
    try:
        object_domain = get_current_site(request).domain
    except ObjectDoesNotExist:
        object_domain = None
    if not apps.is_installed("django.contrib.sites"):
        return object_domain
    Site = apps.get_model("sites.Site")
    for field in obj._meta.many_to_many:
        if field.remote_field.model is Site:
            site_qs = getattr(obj, field.name).all()
            if object_domain and site_qs.filter(domain=object_domain).exists():
                return object_domain
            site = site_qs.first()  # with several, an arbitrary one (as Django)
            if site:
                return site.domain
            return object_domain
    for field in obj._meta.fields:
        if field.remote_field and field.remote_field.model is Site:
            try:
                site = getattr(obj, field.name)
            except Site.DoesNotExist:
                continue
            if site is not None:
                return site.domain
    return object_domain
