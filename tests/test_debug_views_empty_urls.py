"""An empty URLconf: the DEBUG 404 shows the "install worked" page."""

urlpatterns = []
