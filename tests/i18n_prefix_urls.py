"""URLconf of tests.test_compat_names: two i18n_patterns() groups, the
default language prefixed in one and not in the other."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import path


def page(request):
    return HttpResponse("page")


urlpatterns = i18n_patterns(path("page/", page, name="prefixed"))
urlpatterns += i18n_patterns(path("other/", page, name="unprefixed"),
                             prefix_default_language=False)
