from blogapp import views
from django.urls import path

urlpatterns = [
    path("", views.homepage, name="homepage"),
    path("comments.json", views.comments_json, name="comments-json"),
]
