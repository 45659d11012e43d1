from django.urls import path

from . import views

app_name = "catalog"
urlpatterns = [
    path("", views.BookListView.as_view(), name="book-list"),
    path("<int:pk>/", views.BookDetailView.as_view(), name="book-detail"),
    path("authors/<int:pk>/", views.AuthorDetailView.as_view(), name="author-detail"),
    path("authors/<str:name>/", views.author_by_name, name="author-by-name"),
]
