"""URLconf of tests.test_compat_names and tests.test_locale: two
i18n_patterns() groups, the default language prefixed in one and not in the
other; the first has a route given as a lazy translation."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import path
from django.utils.translation import gettext_lazy


def page(request):
    return HttpResponse("page")


urlpatterns = i18n_patterns(
    path("page/", page, name="prefixed"),
    path(gettext_lazy("translated/<int:pk>/"), page, name="translated"))
urlpatterns += i18n_patterns(path("other/", page, name="unprefixed"),
                             prefix_default_language=False)
