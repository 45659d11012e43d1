from django.apps import AppConfig


class ManagementAppConfig(AppConfig):
    name = "management_app"

    def ready(self):
        from management_app import checks  # noqa: F401 - registers the check
