"""URLs of the admin test project: the admin, as startproject mounts it."""
from django.contrib import admin
from django.urls import path

urlpatterns = [
    path('admin/', admin.site.urls),
]
