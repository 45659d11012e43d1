from django.urls import path

from . import views

app_name = "notes"
urlpatterns = [
    path("", views.home, name="home"),
    path("mine/", views.my_notes, name="mine"),
    path("new/", views.NoteCreateView.as_view(), name="new"),
]
