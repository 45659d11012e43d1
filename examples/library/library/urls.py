from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="catalog:book-list"), name="home"),
    path("books/", include("catalog.urls")),
]
