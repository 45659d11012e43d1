"""A URLconf for the template corpus ({% url %} cases)."""

from django.urls import path


def view(request, *args, **kwargs):
    return None


urlpatterns = [
    path("", view, name="home"),
    path("post/<int:pk>/", view, name="post"),
    path("tag/<slug:slug>/page/<int:page>/", view, name="tag-page"),
    path("search/<str:q>/", view, name="search"),
]
