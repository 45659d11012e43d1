"""Settings of the generic relations scenario."""
SECRET_KEY="x"*50
INSTALLED_APPS=["django.contrib.contenttypes","gr"]
DATABASES={"default":{"ENGINE":"django.db.backends.sqlite3","NAME":":memory:"}}
DEFAULT_AUTO_FIELD="django.db.models.AutoField"
ALLOWED_HOSTS=["example.com"]
