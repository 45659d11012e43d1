"""Sites framework scenario: prints each result, to compare both engines."""
# ruff: noqa  (a compact listing, one scenario step per line, run by both engines)
import contextlib, io, os
if os.environ.get("DJS"): import djscratch
import django
django.setup()
from django.conf import settings
from django.core.management import call_command
out = io.StringIO()
with contextlib.redirect_stdout(out):
    call_command("migrate", run_syncdb=True, verbosity=0)
from django.apps import apps
from django.contrib.sites import models as site_models
from django.contrib.sites.checks import check_site_id
from django.contrib.sites.management import create_default_site
from django.contrib.sites.middleware import CurrentSiteMiddleware
from django.contrib.sites.models import Site
from django.contrib.sites.requests import RequestSite
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.test.utils import override_settings
def show(label, f):
    try: print(label, "->", repr(f()))
    except Exception as e: print(label, "!!", type(e).__name__, e)
def req(host, port="80"):
    r = HttpRequest(); r.META = {"SERVER_NAME": host, "SERVER_PORT": port}; return r
show("default site", lambda: list(Site.objects.values_list("pk", "domain", "name")))
show("app config", lambda: (apps.get_app_config("sites").verbose_name, apps.get_app_config("sites").name, type(apps.get_app_config("sites")).__name__))
opts = Site._meta
show("meta", lambda: (opts.db_table, opts.app_label, str(opts.verbose_name), str(opts.verbose_name_plural), list(opts.ordering)))
show("fields", lambda: [(f.name, str(f.verbose_name), f.max_length, f.unique) for f in opts.fields])
show("str", lambda: (str(Site.objects.get()), Site.objects.get().natural_key()))
show("natural key", lambda: Site.objects.get_by_natural_key("example.com").pk)
show("get_current", lambda: Site.objects.get_current().domain)
show("cached", lambda: sorted(map(str, site_models.SITE_CACHE)))
s = Site.objects.get(); s.name = "Example"; s.save()
show("after save", lambda: (dict(site_models.SITE_CACHE), Site.objects.get_current().name))
show("shortcut", lambda: (type(get_current_site(req("example.com"))).__name__, get_current_site(req("example.com")).name))
Site.objects.create(domain="other.test", name="Other")
with override_settings(SITE_ID=None):
    Site.objects.clear_cache()
    show("by host", lambda: get_current_site(req("other.test")).name)
    show("by host, port fallback", lambda: get_current_site(req("other.test", "8000")).name)
    show("cache keys", lambda: sorted(map(str, site_models.SITE_CACHE)))
    show("unknown host", lambda: get_current_site(req("nosuch.test")))
    show("no request", lambda: Site.objects.get_current())
with override_settings(SITE_ID=None):
    show("middleware", lambda: CurrentSiteMiddleware(lambda r: HttpResponse(r.site.name))(req("other.test")).content)
show("middleware SITE_ID", lambda: CurrentSiteMiddleware(lambda r: HttpResponse(str(r.site.pk)))(req("other.test")).content)
rs = RequestSite(req("example.com"))
show("RequestSite", lambda: (rs.domain, rs.name, str(rs)))
show("RequestSite save", lambda: rs.save())
show("RequestSite delete", lambda: rs.delete())
def clean(domain):
    try: Site(domain=domain, name="n").full_clean(); return "valid"
    except ValidationError as e: return e.message_dict
show("clean space", lambda: clean("bad domain"))
show("clean tab", lambda: clean("bad\tdomain"))
show("clean duplicate", lambda: clean("other.test"))
show("clean long", lambda: clean("a" * 101))
show("clean ok", lambda: clean("fine.test"))
for value in (1, None, "1", 1.0, True, 0):
    with override_settings(SITE_ID=value):
        show("check %r" % (value,), lambda: [(e.id, e.msg) for e in check_site_id(None)])
from django.core import checks
with override_settings(SITE_ID="1"):
    show("run_checks sites", lambda: [(e.id, e.msg) for e in checks.run_checks(tags=[checks.Tags.sites])])
with override_settings():
    del settings.SITE_ID
    show("check unset", lambda: check_site_id(None))
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.models import User
from django.core import mail
mail.outbox = []
User.objects.create_user("ann", "ann@example.org", "pw")
def reset(request, **kw):
    form = PasswordResetForm({"email": "ann@example.org"}); form.is_valid()
    form.save(request=request, subject_template_name="reset_subject.txt", email_template_name="reset_email.txt", **kw)
    m = mail.outbox.pop(); return (m.subject, m.body)
show("reset mail, site", lambda: reset(req("other.test")))
show("reset mail, override", lambda: reset(req("other.test"), domain_override="given.test"))
Site.objects.all().delete()
Site.objects.clear_cache()
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    create_default_site(apps.get_app_config("sites"))
show("create_default_site", lambda: (buf.getvalue(), list(Site.objects.values_list("pk", "domain"))))
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    create_default_site(apps.get_app_config("sites"))
show("again", lambda: (buf.getvalue(), Site.objects.count()))
Site.objects.all().delete()
with override_settings(SITE_ID=7):
    create_default_site(apps.get_app_config("sites"), verbosity=0)
show("custom SITE_ID", lambda: list(Site.objects.values_list("pk", flat=True)))
show("another after it", lambda: Site.objects.create(domain="new.test", name="n").pk)
show("deleted current", lambda: (Site.objects.get(pk=7).delete(), Site.objects.get_current()))
