"""The admin's templates and stylesheet, carried as text so that the single
file serves them (no Django counterpart: Django ships files under
django/contrib/admin/templates/ and static/).  The app-directories template
loader and the static files finder read them when the admin is installed; a
project overrides one with a file of the same name, as in Django.
"""

from djscratch.contrib.staticfiles.finders import _EMBEDDED_STATIC

__all__ = []

_ADMIN_CSS = """\
/* djscratch admin: one stylesheet, no build step, no external assets. */
:root {
  --bg: #fff; --fg: #1d2430; --muted: #5b6472; --line: #d9dee6;
  --accent: #1f5f8b; --accent-fg: #fff; --accent-soft: #e8f1f8;
  --danger: #a61b1b; --ok: #1c6b36; --warn: #8a5a00; --focus: #f0a500;
  --radius: 6px; font-size: 16px;
}
@media (prefers-color-scheme: dark) {
  :root { --bg: #14181e; --fg: #e6e9ee; --muted: #a7b0bd; --line: #323a46;
          --accent: #6cb0e0; --accent-fg: #0b1015; --accent-soft: #1d2a36;
          --danger: #ff8080; --ok: #7ad69a; --warn: #f0c060; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible,
textarea:focus-visible, summary:focus-visible {
  outline: 3px solid var(--focus); outline-offset: 2px; }
.skip-link { position: absolute; left: -999px; top: 0; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
.hidden, .empty-form { display: none; }
.skip-link:focus { left: .5rem; top: .5rem; background: var(--bg); padding: .5rem;
  z-index: 10; }
#header { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center;
  justify-content: space-between; padding: .75rem 1rem; background: var(--accent);
  color: var(--accent-fg); }
#header a { color: var(--accent-fg); }
#site-name { margin: 0; font-size: 1.25rem; }
#site-name a { text-decoration: none; }
#user-tools { display: flex; flex-wrap: wrap; gap: .25rem .75rem;
  align-items: center; font-size: .9rem; }
#logout-form { display: inline; margin: 0; }
#logout-form button { background: none; border: 0; color: inherit; padding: 0;
  font: inherit; text-decoration: underline; cursor: pointer; }
.breadcrumbs { padding: .5rem 1rem; background: var(--accent-soft);
  font-size: .9rem; overflow-wrap: anywhere; }
#main { display: flex; flex-wrap: wrap; gap: 1rem; padding: 1rem;
  max-width: 80rem; margin: 0 auto; }
/* min-width 0: a wide table scrolls in its own box instead of widening the
   page past a phone's screen. */
#main > .content { flex: 1 1 36rem; min-width: 0; }
#content { flex: 1 1 36rem; min-width: 0; }
#content-related { flex: 0 1 20rem; min-width: 0; }
#footer { padding: 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 1rem; font-weight: 600; }
h2 { font-size: 1.15rem; margin: 1rem 0 .5rem; }
.messagelist { list-style: none; padding: 0; margin: 0 0 1rem; }
.messagelist li { padding: .5rem .75rem; border-left: 4px solid var(--accent);
  background: var(--accent-soft); margin-bottom: .5rem; border-radius: var(--radius); }
.messagelist li.success { border-color: var(--ok); }
.messagelist li.warning { border-color: var(--warn); }
.messagelist li.error { border-color: var(--danger); }
.errornote, .errorlist { color: var(--danger); }
.errornote { border: 1px solid var(--danger); padding: .5rem .75rem;
  border-radius: var(--radius); }
.errorlist { margin: .25rem 0; padding-left: 1.25rem; }
.module { border: 1px solid var(--line); border-radius: var(--radius);
  margin-bottom: 1rem; overflow: hidden; }
.module > h2, .module caption, .module > summary { margin: 0; padding: .5rem .75rem;
  background: var(--accent-soft); font-size: 1rem; text-align: left; font-weight: 600; }
.module caption a { text-decoration: none; }
.module table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: .45rem .6rem; border-top: 1px solid var(--line);
  vertical-align: top; }
thead th { background: var(--accent-soft); font-weight: 600; white-space: nowrap; }
.app-list td { white-space: nowrap; width: 1%; }
.app-list th { width: 99%; }
.button, input[type=submit], button.button { display: inline-block;
  padding: .5rem .9rem; border-radius: var(--radius); border: 1px solid var(--accent);
  background: var(--accent); color: var(--accent-fg); font: inherit;
  text-decoration: none; cursor: pointer; line-height: 1.25; }
.button.secondary, input[type=submit].secondary { background: var(--bg);
  color: var(--accent); }
.button.danger, a.deletelink { border-color: var(--danger); }
.button.danger { background: var(--danger); color: #fff; }
a.deletelink { color: var(--danger); padding: .5rem .9rem; border: 1px solid;
  border-radius: var(--radius); text-decoration: none; }
.object-tools { list-style: none; display: flex; flex-wrap: wrap; gap: .5rem;
  padding: 0; margin: 0 0 1rem; }
input[type=text], input[type=password], input[type=email], input[type=url],
input[type=number], input[type=search], input[type=date], input[type=time],
input[type=tel], select, textarea { font: inherit; color: inherit;
  background: var(--bg); border: 1px solid var(--line); border-radius: var(--radius);
  padding: .4rem .5rem; max-width: 100%; }
textarea { width: 40rem; min-height: 6rem; }
input.vTextField { width: 28rem; }
.form-row { padding: .6rem .75rem; border-top: 1px solid var(--line); }
.form-row:first-child { border-top: 0; }
.form-row.errors { background: color-mix(in srgb, var(--danger) 8%, transparent); }
.fieldBox { display: inline-block; margin-right: 1.5rem; }
.form-row label { display: block; font-weight: 600; margin-bottom: .2rem; }
.form-row label.required::after { content: " *"; color: var(--danger); }
.form-row .checkbox-row label { display: inline; font-weight: 600; }
.help { color: var(--muted); font-size: .875rem; margin: .25rem 0 0; }
.readonly { padding: .25rem 0; overflow-wrap: anywhere; }
.description { padding: .5rem .75rem; color: var(--muted); margin: 0; }
/* min-width 0: browsers size a fieldset to its content (the inline's table). */
fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
fieldset.module > legend, details.module > summary { display: block; width: 100%;
  padding: .5rem .75rem; background: var(--accent-soft); font-weight: 600; }
details.module > summary { cursor: pointer; }
.submit-row { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center;
  padding: .75rem; border: 1px solid var(--line); border-radius: var(--radius);
  margin: 1rem 0; }
.submit-row .deletelink-box { margin-left: auto; }
.inline-group { margin-bottom: 1rem; }
/* relative: the visually hidden labels of the cells scroll with the table
   rather than widening the page. */
.tabular-wrap, .results { overflow-x: auto; position: relative; }
.tabular td input[type=text] { width: 100%; min-width: 8rem; }
.tabular td input[type=number] { width: 6rem; }
.inline-related { border-top: 1px solid var(--line); }
/* The object's name and the delete box line up with the row's inputs. */
.tabular td.original p { margin: calc(.4rem + 1px) 0 0; }
.tabular td.delete input[type=checkbox] { margin-top: .75rem; }
.add-row { padding: .5rem .75rem; border-top: 1px solid var(--line); }
.add-row button { font: inherit; background: none; border: 0; padding: 0;
  color: var(--accent); text-decoration: underline; cursor: pointer; }
.add-row button::before { content: "+ "; color: var(--ok); font-weight: 700;
  text-decoration: none; display: inline-block; white-space: pre; }
.inline-related h3 { margin: 0; padding: .4rem .75rem; font-size: .95rem;
  display: flex; justify-content: space-between; gap: 1rem; }
/* The filter goes above the list when they wrap (wrap-reverse); flex-end is
   then the top of each line, so a short list does not sink beside a tall
   filter.  The list and the filter are boxes of their own. */
#changelist { display: flex; flex-wrap: wrap-reverse; gap: 1rem; align-items:
flex-end; }
#changelist.module { border: 0; border-radius: 0; overflow: visible; }
#changelist .changelist-form-container { flex: 1 1 30rem; min-width: 0; }
#changelist-filter { flex: 0 1 15rem; border: 1px solid var(--line);
  border-radius: var(--radius); padding: .5rem .75rem; }
#changelist-filter h2 { margin-top: 0; }
#changelist-filter h3 { font-size: .95rem; margin: .75rem 0 .25rem; }
#changelist-filter summary h3 { display: inline; }
#changelist-filter ul { list-style: none; padding: 0; margin: 0; }
#changelist-filter li { padding: .1rem 0; }
#changelist-filter li.selected a { font-weight: 700; color: var(--fg); }
#toolbar { margin-bottom: .75rem; }
#changelist-search { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
#changelist-search input[type=search] { flex: 1 1 12rem; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center;
  margin-bottom: .75rem; }
.results { overflow-x: auto; border: 1px solid var(--line); border-radius:
var(--radius); }
#result_list { width: 100%; border-collapse: collapse; }
#result_list tbody tr:nth-child(even) { background: color-mix(in srgb,
var(--accent-soft) 40%, transparent); }
#result_list th.sorted a::after { content: " \\25B2"; font-size: .7em; }
#result_list th.sorted.descending a::after { content: " \\25BC"; }
#result_list .action-checkbox, #result_list .action-checkbox-column { width: 2rem; }
.paginator { margin: .75rem 0; display: flex; flex-wrap: wrap; gap: .4rem;
align-items: center; }
.paginator .this-page { font-weight: 700; }
.xfull { margin-bottom: .5rem; }
.small { font-size: .875rem; color: var(--muted); }
img.boolean-icon, .boolean { font-weight: 700; }
.boolean.yes { color: var(--ok); } .boolean.no { color: var(--danger); }
.login #main { max-width: 26rem; }
.login .form-row input { width: 100%; }
.deleted-objects ul { margin: .25rem 0; }
table.history { width: 100%; border-collapse: collapse; }
/* The history's table fills its box (no second border) and the count below
   it keeps off the box's edge. */
.module > .results { border: 0; border-radius: 0; }
.results thead th { border-top: 0; }  /* the box's own border is above it */
.module > .paginator, .module > p { margin: .75rem; }
/* Recent actions: what was done, seen at a glance (the words are there for
   screen readers, visually hidden). */
#recent-actions-module > :not(h2) { margin-left: .75rem; margin-right: .75rem; }
.actionlist { padding-left: 1.5rem; }
.actionlist li.addlink::marker { content: "+  "; color: var(--ok); font-weight: 700; }
.actionlist li.changelink::marker { content: "\\270E  "; color: var(--accent); }
.actionlist li.deletelink::marker { content: "\\2715  "; color: var(--danger); }
/* The admin widgets: date and time boxes with their shortcuts, relation
   links, raw-id lookups, the current file and URL. */
p.date, p.time, p.datetime, p.url, p.file-upload { margin: 0; }
.datetimeshortcuts { white-space: nowrap; }
.datetimeshortcuts button { font: inherit; font-size: .875rem; background: none;
  border: 0; color: var(--accent); text-decoration: underline; cursor: pointer; }
.datetimeshortcut-picker { width: 2.4rem; padding: .2rem; }
.related-widget-wrapper { display: flex; flex-wrap: wrap; align-items: center;
  gap: .25rem; }
.related-widget-wrapper-link img { vertical-align: middle; }
.related-widget-wrapper-link:not([href]) { opacity: .3; pointer-events: none; }
a.related-lookup { text-decoration: none; margin-left: .25rem; }
a.related-lookup::before { content: "\\1F50D"; }
.selectfilter-search { display: block; margin-bottom: .25rem; }
select.selectfilter, select.selectfilterstacked { min-width: 16rem; min-height: 10rem; }
ul.radiolist, div.radiolist { padding-left: 0; }
.radiolist.inline div { display: inline-block; margin-right: 1rem; }
.form-row .radiolist label, .form-row .clearable-file-input label {
  display: inline; font-weight: normal; }
@media (max-width: 640px) {
  :root { font-size: 15px; }
  #main { padding: .5rem; }
  textarea, input.vTextField { width: 100%; }
  .fieldBox { display: block; margin: 0 0 .5rem; }
  .submit-row { flex-direction: column; align-items: stretch; }
  .submit-row .deletelink-box { margin-left: 0; }
  .submit-row a.deletelink { display: block; text-align: center; }
  .submit-row .button, .submit-row input[type=submit] { width: 100%; text-align:
center; }
  #changelist-filter { flex-basis: 100%; }
}
"""

_ADMIN_TPL_BASE = """{% load static %}<!DOCTYPE html>
<html lang="en-us">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="robots" content="NONE,NOARCHIVE">
<title>{% block title %}{% endblock %}</title>
<link rel="stylesheet"
href="{% block stylesheet %}{% static "admin/css/admin.css" %}{% endblock %}">
{% block extrastyle %}{% endblock %}
{% block extrahead %}{% endblock %}
{% block blockbots %}{% endblock %}
</head>
<body class="{% if is_popup %}popup {% endif %}{% block bodyclass %}{% endblock %}"
data-admin-utc-offset="0">
<a href="#content-start" class="skip-link">Skip to main content</a>
<div id="container">
{% block header %}<header id="header">
  <div id="branding">{% block branding %}{% endblock %}</div>
  {% block usertools %}{% if has_permission %}
  <nav id="user-tools" aria-label="User tools">
    {% block welcome-msg %}<span>Welcome,
<strong>{% firstof user.get_short_name user.get_username %}</strong>.</span>
{% endblock %}
    {% block userlinks %}{% if site_url %}<a href="{{ site_url }}">View \
site</a>{% endif %}

{% if user.is_active and user.is_staff %}
{% url "django-admindocs-docroot" as docsroot %}{% if docsroot %}<a
href="{{ docsroot }}">Documentation</a>{% endif %}{% endif %}
    {% if user.has_usable_password %}<a
href="{% url "admin:password_change" %}">Change password</a>{% endif %}
    <form id="logout-form" method="post" \
action="{% url "admin:logout" %}">{% csrf_token %}<button type="submit">Log \
out</button></form>{% endblock %}
  </nav>{% endif %}{% endblock %}
  {% block nav-global %}{% endblock %}
</header>{% endblock %}
{% block nav-breadcrumbs %}<nav class="breadcrumbs"
aria-label="Breadcrumbs">{% block breadcrumbs %}<a
href="{% url "admin:index" %}">Home</a>{% if title %} &rsaquo;
{{ title }}{% endif %}{% endblock %}</nav>{% endblock %}
<div id="main">
  <main id="content-start" class="content" tabindex="-1">
    {% block messages %}{% if messages %}<ul
class="messagelist">{% for message in messages %}<li{% if message.tags %}
class="{{ message.tags }}"{% endif %}>{{ message|capfirst }}</li>{% endfor %}</ul>
{% endif %}{% endblock messages %}
    <div id="content" class="{% block coltype %}colM{% endblock %}">
      {% block pretitle %}{% endblock %}

{% block content_title %}{% if title %}<h1>{{ title }}</h1>{% endif %}{% endblock %}

{% block content_subtitle %}{% if subtitle %}<h2>{{ subtitle }}</h2>{% endif %}
{% endblock %}

{% block content %}{% block object-tools %}{% endblock %}{{ content }}{% endblock %}
    </div>
  </main>
  {% block sidebar %}{% endblock %}
</div>
{% block footer %}<footer id="footer"></footer>{% endblock %}
</div>
{% block extrabody %}{% endblock extrabody %}
</body>
</html>
"""

_ADMIN_TPL_BASE_SITE = """{% extends "admin/base.html" %}
{% block title %}{% if subtitle %}{{ subtitle }} | {% endif %}{{ title }} | \
{{ site_title|default:"Django site admin" }}{% endblock %}
{% block branding %}<p id="site-name"><a
href="{% url "admin:index" %}">{{ site_header|default:"Django administration" }}</a>
</p>{% endblock %}
{% block nav-global %}{% endblock %}
"""

_ADMIN_TPL_APP_LIST = """{% if app_list %}{% for app in app_list %}
<div
class="app-{{ app.app_label }} module{% if app.app_url in request.path|urlencode %}\
 current-app{% endif %}">
<table>
<caption><a href="{{ app.app_url }}" class="section"
title="Models in the {{ app.name }} application">{{ app.name }}</a></caption>
<thead class="visually-hidden"><tr><th scope="col">Model name</th><th scope="col">Add
link</th><th scope="col">Change or view list link</th></tr></thead>
<tbody class="app-list">
{% for model in app.models %}
<tr
class="model-{{ model.object_name|lower }}{% if model.admin_url in\
 request.path|urlencode %} current-model{% endif %}">
  <th scope="row"
id="{{ app.app_label }}-{{ model.object_name|lower }}">{% if model.admin_url %}<a
href="{{ model.admin_url }}"{% if model.admin_url in request.path|urlencode %}
aria-current="page"{% endif %}>{{ model.name }}</a>{% else %}{{ model.name }}
{% endif %}</th>
  <td>{% if model.add_url %}<a href="{{ model.add_url }}" class="addlink"
aria-describedby="{{ app.app_label }}-{{ model.object_name|lower }}">Add</a>
{% endif %}</td>
  <td>{% if model.admin_url and show_changelinks %}{% if model.view_only %}<a
href="{{ model.admin_url }}" class="viewlink"
aria-describedby="{{ app.app_label }}-{{ model.object_name|lower }}">View</a>
{% else %}<a href="{{ model.admin_url }}" class="changelink"
aria-describedby="{{ app.app_label }}-{{ model.object_name|lower }}">Change</a>
{% endif %}{% endif %}</td>
</tr>
{% endfor %}
</tbody>
</table>
</div>
{% endfor %}{% else %}<p>You don’t have permission to view or edit \
anything.</p>{% endif %}
"""

_ADMIN_TPL_INDEX = """{% extends "admin/base_site.html" %}
{% block bodyclass %}{{ block.super }} dashboard{% endblock %}
{% block nav-breadcrumbs %}{% endblock %}
{% block content %}
<div id="content-main">
{% include "admin/app_list.html" with app_list=app_list show_changelinks=True %}
</div>
{% endblock %}
{% block sidebar %}
<aside id="content-related" aria-labelledby="recent-actions-title">
<div class="module" id="recent-actions-module">
<h2 id="recent-actions-title">Recent actions</h2>
<h3 class="small">My actions</h3>
{% if recent_actions %}
<ul class="actionlist">
{% for entry in recent_actions %}
<li
class="{% if entry.is_addition %}addlink{% endif %}{% if entry.is_change %}changelink\
{% endif %}{% if entry.is_deletion %}deletelink{% endif %}">
<span
class="visually-hidden">{% if entry.is_addition %}Added:
{% elif entry.is_change %}Changed:{% elif entry.is_deletion %}Deleted:{% endif\
 %}</span>
{% if entry.is_deletion or not entry.get_admin_url %}{{ entry.object_repr }}{% else %}
<a href="{{ entry.get_admin_url }}">{{ entry.object_repr }}</a>{% endif %}
<br><span
class="mini quiet small">{% if entry.content_type %}{% filter capfirst %}{{\
 entry.content_type.name }}
{% endfilter %}{% else %}Unknown content{% endif %}</span>
</li>
{% endfor %}
</ul>
{% else %}<p>None available</p>{% endif %}
</div>
</aside>
{% endblock %}
"""

_ADMIN_TPL_APP_INDEX = """{% extends "admin/index.html" %}
{% block bodyclass %}{{ block.super }} app-{{ app_label }} app-list{% endblock %}
{% block nav-breadcrumbs %}<nav class="breadcrumbs" aria-label="Breadcrumbs"><a
href="{% url "admin:index" %}">Home</a> &rsaquo;
{% for app in app_list %}{{ app.name }}{% endfor %}</nav>{% endblock %}
{% block sidebar %}{% endblock %}
"""

_ADMIN_TPL_LOGIN = """{% extends "admin/base_site.html" %}
{% block title %}{% if form.errors %}Error: {% endif %}{{ block.super }}{% endblock %}
{% block bodyclass %}{{ block.super }} login{% endblock %}
{% block extrahead %}{{ block.super }}{{ form.media }}{% endblock %}
{% block usertools %}{% endblock %}
{% block nav-breadcrumbs %}{% endblock %}
{% block content_title %}{% endblock %}
{% block content %}
<h1>{{ site_header|default:"Django administration" }}</h1>
{% if form.errors and not form.non_field_errors %}
<p class="errornote">{% if form.errors.items|length == 1 %}\
Please correct the error below.{% else %}Please correct the errors below.{% endif %}</p>
{% endif %}
{% if form.non_field_errors %}{% for error in form.non_field_errors %}<p
class="errornote">{{ error }}</p>{% endfor %}{% endif %}
<div id="content-main">
{% if user.is_authenticated %}
<p class="errornote">You are authenticated as {{ username }}, but are not authorized \
to access this page. Would you like to login to a different account?</p>
{% endif %}
<form action="{{ app_path }}" method="post" id="login-form">{% csrf_token %}
  <div class="form-row">
    {{ form.username.errors }}
    {{ form.username.label_tag }} {{ form.username }}
  </div>
  <div class="form-row">
    {{ form.password.errors }}
    {{ form.password.label_tag }} {{ form.password }}
    <input type="hidden" name="next" value="{{ next }}">
  </div>
  {% url "admin_password_reset" as password_reset_url %}
  {% if password_reset_url %}<div class="password-reset-link"><a
href="{{ password_reset_url }}">Forgotten your login credentials?</a></div>{% endif %}
  <div class="submit-row"><input type="submit" value="Log in"></div>
</form>
</div>
{% endblock %}
"""

_ADMIN_TPL_LOGGED_OUT = """{% extends "admin/base_site.html" %}
{% block breadcrumbs %}<a href="{% url "admin:index" %}">Home</a>{% endblock %}
{% block content_title %}{% endblock %}
{% block content %}
<h1>Logged out</h1>
<p>Thanks for spending some quality time with the web site today.</p>
<p><a href="{% url "admin:index" %}">Log in again</a></p>
{% endblock %}
"""

_ADMIN_TPL_PASSWORD_CHANGE_FORM = """{% extends "admin/base_site.html" %}
{% block title %}{% if form.errors %}Error: {% endif %}{{ block.super }}{% endblock %}
{% block breadcrumbs %}<a href="{% url "admin:index" %}">Home</a> &rsaquo; Password \
change{% endblock %}
{% block content %}<div id="content-main">
<form method="post">{% csrf_token %}
{% if form.errors %}<p class="errornote">{% if form.errors.items|length == 1 %}\
Please correct the error below.{% else %}Please correct the errors below.\
{% endif %}</p>{% endif %}
<p>Please enter your old password, for security’s sake, and then enter your new \
password twice so we can verify you typed it in correctly.</p>
<fieldset class="module">
<div class="form-row">{{ form.old_password.errors }}{{ form.old_password.label_tag }}
{{ form.old_password }}</div>
<div
class="form-row">{{ form.new_password1.errors }}{{ form.new_password1.label_tag }}
{{ form.new_password1 }}
{% if form.new_password1.help_text %}<div class="help"\
{% if form.new_password1.id_for_label %} \
id="{{ form.new_password1.id_for_label }}_helptext"{% endif %}>
{{ form.new_password1.help_text|safe }}</div>{% endif %}</div>
<div
class="form-row">{{ form.new_password2.errors }}{{ form.new_password2.label_tag }}
{{ form.new_password2 }}
{% if form.new_password2.help_text %}<div class="help"\
{% if form.new_password2.id_for_label %} \
id="{{ form.new_password2.id_for_label }}_helptext"{% endif %}>
{{ form.new_password2.help_text|safe }}</div>{% endif %}</div>
</fieldset>
<div class="submit-row"><input type="submit" value="Change my password"
class="default"></div>
</form></div>
{% endblock %}
"""

_ADMIN_TPL_PASSWORD_CHANGE_DONE = """{% extends "admin/base_site.html" %}
{% block breadcrumbs %}<a href="{% url "admin:index" %}">Home</a> &rsaquo; Password \
change{% endblock %}
{% block content %}<p>Your password was changed.</p>{% endblock %}
"""

_ADMIN_TPL_PASSWORD_RESET_FORM = """{% extends "admin/base_site.html" %}
{% block title %}{% if form.email.errors %}Error: {% endif %}{{ block.super }}\
{% endblock %}
{% block breadcrumbs %}<a href="{% url "admin:index" %}">Home</a> &rsaquo; Password \
reset{% endblock %}
{% block content %}
<p>Forgotten your password? Enter your email address below, and we’ll email \
instructions for setting a new one.</p>
<form method="post">{% csrf_token %}
<fieldset class="module aligned">
<div class="form-row field-email">{{ form.email.errors }}
<div class="flex-container"><label for="id_email">Email address:</label>
{{ form.email }}</div></div>
</fieldset>
<div class="submit-row"><input type="submit" value="Reset my password"></div>
</form>
{% endblock %}
"""

_ADMIN_TPL_PASSWORD_RESET_DONE = """{% extends "admin/base_site.html" %}
{% block breadcrumbs %}<a href="{% url "admin:index" %}">Home</a> &rsaquo; Password \
reset{% endblock %}
{% block content %}
<p>We’ve emailed you instructions for setting your password, if an account exists \
with the email you entered. You should receive them shortly.</p>
<p>If you don’t receive an email, please make sure you’ve entered the address you \
registered with, and check your spam folder.</p>
{% endblock %}
"""

_ADMIN_TPL_PASSWORD_RESET_CONFIRM = """{% extends "admin/base_site.html" %}
{% block title %}{% if form.new_password1.errors or form.new_password2.errors %}\
Error: {% endif %}{{ block.super }}{% endblock %}
{% block breadcrumbs %}<a href="{% url "admin:index" %}">Home</a> &rsaquo; Password \
reset confirmation{% endblock %}
{% block content %}{% if validlink %}
<p>Please enter your new password twice so we can verify you typed it in \
correctly.</p>
<form method="post">{% csrf_token %}
<fieldset class="module aligned">
<input class="hidden" autocomplete="username" value="{{ form.user.get_username }}">
<div class="form-row field-password1">{{ form.new_password1.errors }}
<div class="flex-container"><label for="id_new_password1">New password:</label>
{{ form.new_password1 }}</div></div>
<div class="form-row field-password2">{{ form.new_password2.errors }}
<div class="flex-container"><label for="id_new_password2">Confirm password:</label>
{{ form.new_password2 }}</div></div>
</fieldset>
<div class="submit-row"><input type="submit" value="Change my password"></div>
</form>
{% else %}
<p>The password reset link was invalid, possibly because it has already been used. \
Please request a new password reset.</p>
{% endif %}{% endblock %}
"""

_ADMIN_TPL_PASSWORD_RESET_COMPLETE = """{% extends "admin/base_site.html" %}
{% block breadcrumbs %}<a href="{% url "admin:index" %}">Home</a> &rsaquo; Password \
reset{% endblock %}
{% block content %}
<p>Your password has been set.  You may go ahead and log in now.</p>
<p><a href="{{ login_url }}">Log in</a></p>
{% endblock %}
"""

_ADMIN_TPL_CHANGE_LIST = """{% extends "admin/base_site.html" %}{% load admin_list %}
{% block extrahead %}{{ block.super }}{{ media }}{% endblock %}
{% block title %}{% if cl.formset and cl.formset.errors %}Error: {% endif %}\
{{ block.super }}{% endblock %}
{% block bodyclass %}{{ block.super }} app-{{ opts.app_label }} \
model-{{ opts.model_name }} change-list{% endblock %}
{% block breadcrumbs %}<a href="{% url "admin:index" %}">Home</a>
&rsaquo; <a href="{% url "admin:app_list" app_label=cl.opts.app_label %}">\
{{ cl.opts.app_config.verbose_name }}</a>
&rsaquo; {{ cl.opts.verbose_name_plural|capfirst }}{% endblock %}
{% block coltype %}{% endblock %}
{% block object-tools %}{% if has_add_permission %}<ul class="object-tools">\
{% block object-tools-items %}{% change_list_object_tools %}{% endblock %}</ul>\
{% endif %}{% endblock %}
{% block content %}
{{ block.super }}
<div id="content-main">
{% if cl.formset and cl.formset.errors %}
<p class="errornote">{% if cl.formset.total_error_count == 1 %}\
Please correct the error below.{% else %}Please correct the errors below.{% endif %}</p>
{{ cl.formset.non_form_errors }}
{% endif %}
<div class="module{% if cl.has_filters %} filtered{% endif %}" id="changelist">
  <div class="changelist-form-container">
    {% block search %}{% search_form cl %}{% endblock %}
    {% block date_hierarchy %}{% if cl.date_hierarchy %}{% date_hierarchy cl %}\
{% endif %}{% endblock %}
    <form id="changelist-form" method="post"\
{% if cl.formset and cl.formset.is_multipart %} enctype="multipart/form-data"\
{% endif %} novalidate>{% csrf_token %}
    {% if cl.formset %}<div>{{ cl.formset.management_form }}</div>{% endif %}
    {% block result_list %}
      {% if action_form and actions_on_top and cl.show_admin_actions %}\
{% admin_actions %}{% endif %}
      {% result_list cl %}
      {% if action_form and actions_on_bottom and cl.show_admin_actions %}\
{% admin_actions %}{% endif %}
    {% endblock %}
    {% block pagination %}{% pagination cl %}{% endblock %}
    </form>
    {% if action_form %}<script>
    (function () {
      var form = document.getElementById("changelist-form");
      var toggle = document.getElementById("action-toggle");
      if (!form || !toggle) return;
      var boxes = form.querySelectorAll("input.action-select");
      var counters = form.querySelectorAll(".action-counter");
      function update() {
        var n = 0;
        boxes.forEach(function (b) { if (b.checked) n += 1; });
        counters.forEach(function (c) {
          c.textContent = n + " of " + boxes.length + " selected";
        });
        toggle.checked = n === boxes.length && n > 0;
      }
      toggle.addEventListener("change", function () {
        boxes.forEach(function (b) { b.checked = toggle.checked; });
        update();
      });
      boxes.forEach(function (b) { b.addEventListener("change", update); });
    })();
    </script>{% endif %}
  </div>
  {% block filters %}{% if cl.has_filters %}
  <nav id="changelist-filter" aria-labelledby="changelist-filter-header">
    <h2 id="changelist-filter-header">Filter</h2>
    {% if cl.is_facets_optional or cl.has_active_filters %}\
<div id="changelist-filter-extra-actions">
    {% if cl.is_facets_optional %}<h3 id="changelist-filter-facets">\
{% if cl.add_facets %}<a href="{{ cl.remove_facet_link }}">Hide counts</a>\
{% else %}<a href="{{ cl.add_facet_link }}">Show counts</a>{% endif %}</h3>{% endif %}
    {% if cl.has_active_filters %}<h3 id="changelist-filter-clear">\
<a href="{{ cl.clear_all_filters_qs }}">&#10006; Clear all filters</a></h3>{% endif %}
    </div>{% endif %}
    {% for spec in filter_specs %}{% include spec.spec.template with \
title=spec.title choices=spec.choices spec=spec.spec %}{% endfor %}
  </nav>{% endif %}{% endblock %}
</div>
</div>
{% endblock %}
"""

_ADMIN_TPL_CHANGE_LIST_OBJECT_TOOLS = """{% block object-tools-items %}\
<li><a href="{{ add_url }}" class="addlink button">Add {{ cl.opts.verbose_name }}</a>\
</li>{% endblock %}
"""

_ADMIN_TPL_SEARCH_FORM = """{% if cl.search_fields %}
<div id="toolbar"><form id="changelist-search" method="get" role="search">
  <label for="searchbar" class="visually-hidden">Search</label>
  <input type="search" size="40" name="{{ search_var }}" value="{{ cl.query }}" \
id="searchbar"{% if cl.search_help_text %} aria-describedby="searchbar_helptext"\
{% endif %}>
  <input type="submit" value="Search">
  {% if show_result_count %}<span class="small quiet">{{ cl.result_count }} \
result{{ cl.result_count|pluralize }} (<a href="?{% if cl.is_popup %}_popup=1\
{% if cl.add_facets %}&_facets{% endif %}{% elif cl.add_facets %}_facets{% endif %}">\
{% if cl.show_full_result_count %}\
{{ cl.full_result_count }} total{% else %}Show all{% endif %}</a>)</span>{% endif %}
  {% for pair in cl.params.items %}{% if pair.0 != search_var %}\
<input type="hidden" name="{{ pair.0 }}" value="{{ pair.1 }}">{% endif %}{% endfor %}
</form>
{% if cl.search_help_text %}<div class="help" id="searchbar_helptext">\
{{ cl.search_help_text }}</div>{% endif %}
</div>{% endif %}
"""

_ADMIN_TPL_DATE_HIERARCHY = """{% if show %}\
<nav class="xfull" aria-label="Dates">{% block date-hierarchy-toplinks %}\
<ul class="toplinks object-tools">
{% block date-hierarchy-back %}{% if back %}<li class="date-back">\
<a href="{{ back.link }}">&lsaquo; {{ back.title }}</a></li>{% endif %}{% endblock %}
{% block date-hierarchy-choices %}{% for choice in choices %}<li>\
{% if choice.link %}<a href="{{ choice.link }}">{% endif %}{{ choice.title }}\
{% if choice.link %}</a>{% endif %}</li>{% endfor %}{% endblock %}
</ul>{% endblock %}</nav>{% endif %}
"""

_ADMIN_TPL_CHANGE_LIST_RESULTS = """{% if results %}
<div class="results">
<table id="result_list">
<thead><tr>
{% for header in result_headers %}<th scope="col"{{ header.class_attrib }}\
{% if header.sorted %} aria-sort="{% if header.ascending %}ascending\
{% else %}descending{% endif %}"{% endif %}>
{% if header.sortable %}<a href="{{ header.url_primary }}">\
{{ header.text|capfirst }}</a>\
{% if header.sorted %} <a class="sortremove small" href="{{ header.url_remove }}" \
title="Remove from sorting">&times;<span class="visually-hidden">Remove from sorting\
</span></a>{% if num_sorted_fields > 1 %} <span class="sortpriority small" \
title="Sorting priority: {{ header.sort_priority }}">{{ header.sort_priority }}</span>\
{% endif %}{% endif %}{% elif header.checkbox %}<input type="checkbox" \
id="action-toggle" aria-label="Select all objects on this page for an action">\
{% else %}{{ header.text|capfirst }}{% endif %}
</th>{% endfor %}
</tr></thead>
<tbody>
{% for result in results %}
{% if result.form and result.form.non_field_errors %}\
<tr><td colspan="{{ result|length }}">\
{{ result.form.non_field_errors }}</td></tr>{% endif %}
<tr>{% for item in result %}{{ item }}{% endfor %}</tr>
{% endfor %}
</tbody>
</table>
</div>
{% for hidden in result_hidden_fields %}{{ hidden }}{% endfor %}
{% endif %}
"""

_ADMIN_TPL_PAGINATION = """<p class="paginator">
{% if pagination_required %}{% for i in page_range %}\
{% if i == cl.paginator.ELLIPSIS %}<span>{{ cl.paginator.ELLIPSIS }}</span> \
{% elif i == cl.page_num %}<span class="this-page" aria-current="page">{{ i }}</span> \
{% else %}<a href="{{ i.url }}"{% if i.is_end %} class="end"{% endif %}>{{ i }}</a> \
{% endif %}{% endfor %}{% endif %}
<span class="result-count">
{{ cl.result_count }} {% if cl.result_count == 1 %}{{ cl.opts.verbose_name }}\
{% else %}{{ cl.opts.verbose_name_plural }}{% endif %}
</span>
{% if show_all_url %}<a href="{{ show_all_url }}" class="showall">Show all</a>\
{% endif %}
{% if cl.formset and cl.result_count %}<input type="submit" name="_save" \
class="default" value="Save">{% endif %}
</p>
"""

_ADMIN_TPL_FILTER = """<details data-filter-title="{{ title }}" open>
<summary><h3 class="filter-title">By {{ title }}</h3></summary>
<ul>{% for choice in choices %}<li{% if choice.selected %} class="selected"\
{% endif %}><a href="{{ choice.query_string|iriencode }}"{% if choice.selected %} \
aria-current="true"{% endif %}>{{ choice.display }}</a></li>{% endfor %}</ul>
</details>
"""

_ADMIN_TPL_CHANGE_FORM_OBJECT_TOOLS = """{% block object-tools-items %}\
<li><a href="{{ history_url }}" class="historylink button secondary">History</a></li>
{% if has_absolute_url %}<li><a href="{{ absolute_url }}" \
class="viewsitelink button secondary">View on site</a></li>{% endif %}\
{% endblock %}
"""

_ADMIN_TPL_ACTIONS = """<div class="actions">
{% block actions %}
{% block actions-form %}{% for field in action_form %}{% if field.label %}<label>
{{ field.label }} {{ field }}</label>{% else %}{{ field }}{% endif %}{% endfor %}
{% endblock %}
{% block actions-submit %}<button type="submit" class="button"
title="Run the selected action" name="index"
value="{{ action_index|default:0 }}">Go</button>{% endblock %}
{% block actions-counter %}{% if actions_selection_counter %}<span
class="action-counter small"
data-actions-icnt="{{ cl.result_list|length }}">{{ selection_note }}</span>{% endif %}
{% endblock %}
{% endblock %}
</div>
"""

_ADMIN_TPL_FIELDSET = """{% with name=fieldset.name|default:"" %}
{% if fieldset.is_collapsible %}<details
class="module {{ fieldset.classes }}"{% if fieldset.name %}
aria-labelledby="{{ prefix }}-{{ id_suffix }}-heading"{% endif %}>
<summary><span
id="{{ prefix }}-{{ id_suffix }}-heading">{{ fieldset.name }}</span></summary>
{% else %}<fieldset class="module aligned {{ fieldset.classes }}"\
{% if fieldset.name %} aria-labelledby="{{ prefix }}-{{ id_suffix }}-heading"\
{% endif %}>
{% if fieldset.name %}<h2 id="{{ prefix }}-{{ id_suffix }}-heading"
class="fieldset-heading">{{ fieldset.name }}</h2>{% endif %}{% endif %}
{% if fieldset.description %}<div
class="description">{{ fieldset.description|safe }}</div>{% endif %}
{% for line in fieldset %}
<div class="form-row{% if line.fields|length == 1 and line.errors %} errors\
{% endif %}{% if not line.has_visible_field %} hidden{% endif %}\
{% for field in line %}{% if field.field.name %} field-{{ field.field.name }}\
{% endif %}{% endfor %}">
  {% if line.fields|length == 1 %}{{ line.errors }}{% endif %}
  {% for field in line %}
  <div{% if not line.fields|length == 1 %}
class="fieldBox{% if field.field.name %} field-{{ field.field.name }}{% endif %}{% if\
 not field.is_readonly and field.errors %} errors{% endif %}{% if\
 field.field.is_hidden %} hidden{% endif %}"{% elif field.is_checkbox %}\
 class="checkbox-row"{% endif %}>

{% if not line.fields|length == 1 and not field.is_readonly %}{{ field.errors }}
{% endif %}
    {% if field.is_checkbox %}{{ field.field }}{{ field.label_tag }}
    {% else %}{{ field.label_tag }}
      {% if field.is_readonly %}<div class="readonly">{{ field.contents }}</div>\
{% else %}{{ field.field }}{% endif %}
    {% endif %}
    {% if field.field.help_text %}<div class="help"{% if field.field.id_for_label %}
id="{{ field.field.id_for_label }}_helptext"{% endif %}>
{{ field.field.help_text|safe }}</div>{% endif %}
  </div>
  {% endfor %}
</div>
{% endfor %}
{% if fieldset.is_collapsible %}</details>{% else %}</fieldset>{% endif %}
{% endwith %}
"""

_ADMIN_TPL_SUBMIT_LINE = """<div class="submit-row">
{% block submit-row %}
{% if show_save %}<input type="submit" value="Save" class="default"
name="_save">{% endif %}
{% if show_save_as_new %}<input type="submit" value="Save as new" name="_saveasnew"
class="secondary">{% endif %}
{% if show_save_and_add_another %}<input type="submit" value="Save and add another"
name="_addanother" class="secondary">{% endif %}
{% if show_save_and_continue %}<input type="submit"
value="{% if can_change %}Save and continue editing{% else %}Save and view{% endif %}"
name="_continue" class="secondary">{% endif %}
{% if show_close %}<a href="{{ changelist_url }}"
class="closelink button secondary">Close</a>{% endif %}
{% if show_delete_link and original %}<span class="deletelink-box"><a
href="{{ delete_url }}" class="deletelink">Delete</a></span>{% endif %}
{% endblock %}
</div>
"""

_ADMIN_TPL_CHANGE_FORM = """{% extends "admin/base_site.html" %}{% load admin_modify %}
{% block extrahead %}{{ block.super }}{{ media }}{% endblock %}
{% block title %}{% if errors %}Error: {% endif %}{{ block.super }}{% endblock %}
{% block bodyclass %}{{ block.super }} app-{{ opts.app_label }} \
model-{{ opts.model_name }} change-form{% endblock %}
{% block breadcrumbs %}<a href="{% url "admin:index" %}">Home</a>
&rsaquo; <a
href="{% url "admin:app_list" app_label=opts.app_label %}">
{{ opts.app_config.verbose_name }}</a>
&rsaquo; {% if has_view_permission %}<a
href="{{ changelist_url }}">{{ opts.verbose_name_plural|capfirst }}</a>{% else %}
{{ opts.verbose_name_plural|capfirst }}{% endif %}
&rsaquo; {% if add %}Add
{{ opts.verbose_name }}{% else %}{{ original|truncatewords:"18" }}{% endif %}
{% endblock %}
{% block object-tools %}{% if change and not is_popup %}<ul class="object-tools">\
{% block object-tools-items %}{% change_form_object_tools %}{% endblock %}</ul>\
{% endif %}{% endblock %}
{% block content %}
{{ block.super }}
<div id="content-main">
<form {% if has_file_field %}enctype="multipart/form-data" {% endif %}\
{% if form_url %}action="{{ form_url }}" {% endif %}method="post" \
id="{{ opts.model_name }}_form" novalidate>{% csrf_token %}\
{% block form_top %}{% endblock %}
<div>
{% if is_popup %}<input type="hidden" name="{{ is_popup_var }}" value="1">{% endif %}
{% if to_field %}<input type="hidden" name="{{ to_field_var }}"
value="{{ to_field }}">{% endif %}
{% if save_on_top %}{% submit_row %}{% endif %}
{% if errors %}
<p class="errornote" role="alert">{% if errors|length == 1 %}\
Please correct the error below.{% else %}Please correct the errors below.{% endif %}</p>
{{ adminform.form.non_field_errors }}
{% endif %}
{% block field_sets %}{% for fieldset in adminform %}
{% include "admin/includes/fieldset.html" with prefix="fieldset" %}
{% endfor %}{% endblock %}
{% block after_field_sets %}{% endblock %}
{% block inline_field_sets %}{% for inline_admin_formset in inline_admin_formsets %}
{% include inline_admin_formset.opts.template %}{% endfor %}{% endblock %}
{% if inline_admin_formsets %}<script>
/* "Add another": a copy of the inline's empty form, numbered, before it. */
document.querySelectorAll(".js-inline-admin-formset[data-inline-formset]")
  .forEach(function (group) {
    var prefix = JSON.parse(group.dataset.inlineFormset).options.prefix;
    var button = group.querySelector("button.inline-add");
    var template = document.getElementById(prefix + "-empty");
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var max = document.getElementById("id_" + prefix + "-MAX_NUM_FORMS");
    if (!button || !template || !total) return;
    function update() {
      button.hidden = !!max && max.value !== "" &&
        Number(total.value) >= Number(max.value);
    }
    button.addEventListener("click", function () {
      var index = Number(total.value);
      var form = template.cloneNode(true);
      form.classList.remove("empty-form");
      form.id = prefix + "-" + index;
      form.innerHTML = form.innerHTML.replace(/__prefix__/g, String(index));
      template.parentNode.insertBefore(form, template);
      total.value = index + 1;
      update();
      var first = form.querySelector(
        "input:not([type=hidden]):not([type=checkbox]), select, textarea");
      if (first) first.focus();
    });
    update();
  });
</script>{% endif %}
{% block after_related_objects %}{% endblock %}
{% block submit_buttons_bottom %}{% submit_row %}{% endblock %}
{% prepopulated_fields_js %}
{% block admin_change_form_document_ready %}{% if adminform.prepopulated_fields %}
<script>
document.addEventListener("DOMContentLoaded", function () {
  var slugs = {{ prepopulated_json|safe }};
  slugs.forEach(function (spec) {
    var target = document.getElementById(spec.id);
    if (!target) return;
    var touched = target.value !== "";
    target.addEventListener("input", function () { touched = true; });
    spec.dependency_ids.forEach(function (id) {
      var source = document.getElementById(id);
      if (!source) return;
      source.addEventListener("input", function () {
        if (touched) return;
        var text = spec.dependency_ids.map(function (d) {
          var el = document.getElementById(d); return el ? el.value : "";
        }).join(" ");
        target.value = text.normalize("NFKD").replace(/[\\u0300-\\u036f]/g, "")
          .toLowerCase().replace(/[^\\w\\s-]/g, "").trim().replace(/[-\\s]+/g, "-")
          .slice(0, spec.maxLength || 50);
      });
    });
  });
});
</script>{% endif %}{% endblock %}
</div>
</form></div>
{% endblock %}
"""

_ADMIN_TPL_TABULAR = """<div class="js-inline-admin-formset inline-group" \
id="{{ inline_admin_formset.formset.prefix }}-group"
data-inline-formset="{{ inline_admin_formset.inline_formset_data }}">
<div class="tabular inline-related {% if forloop.last %}last-related{% endif %}">
{{ inline_admin_formset.formset.management_form }}
<fieldset class="module {{ inline_admin_formset.classes }}"
aria-labelledby="{{ inline_admin_formset.formset.prefix }}-heading">
<h2 id="{{ inline_admin_formset.formset.prefix }}-heading"
class="inline-heading">{% if inline_admin_formset.formset.max_num == 1 %}\
{{ inline_admin_formset.opts.verbose_name|capfirst }}{% else %}\
{{ inline_admin_formset.opts.verbose_name_plural|capfirst }}{% endif %}</h2>
{{ inline_admin_formset.formset.non_form_errors }}
<div class="tabular-wrap">
<table>
<thead><tr>
<th class="original"><span class="visually-hidden">Object</span></th>
{% for field in inline_admin_formset.fields %}<th \
class="column-{{ field.name }}{% if field.required %} required{% endif %}{% if\
 field.widget.is_hidden %} hidden{% endif %}">{{ field.label|capfirst }}{% if\
 field.help_text %} <span
class="help small"
title="{{ field.help_text|striptags }}">(?)</span>{% endif %}</th>{% endfor %}
{% if inline_admin_formset.can_delete_forms %}<th>Delete?</th>{% endif %}
</tr></thead>
<tbody>
{% for inline_admin_form in inline_admin_formset %}
{% if inline_admin_form.form.non_field_errors %}<tr class="row-form-errors"><td
colspan="{{ inline_admin_formset.column_count }}">
{{ inline_admin_form.form.non_field_errors }}</td></tr>{% endif %}
<tr
class="form-row{% if inline_admin_form.original or inline_admin_form.show_url %}\
 has_original{% endif %}{% if forloop.last and\
 inline_admin_formset.has_add_permission %} empty-form{% endif %}" id="{{\
 inline_admin_formset.formset.prefix }}-{% if forloop.last and\
 inline_admin_formset.has_add_permission %}empty{% else %}{{ forloop.counter0 }}{%\
 endif %}">
<td
class="original">{% if inline_admin_form.original or inline_admin_form.show_url %}<p>
{% if inline_admin_form.original %}{{ inline_admin_form.original }}
{% if inline_admin_form.show_change_link %} <a \
href="{{ inline_admin_form.change_url }}" class="inlinechangelink">Change</a>
{% endif %}{% endif %}{% if inline_admin_form.show_url %} <a
href="{{ inline_admin_form.absolute_url }}">View on site</a>{% endif %}</p>{% endif %}
{% if inline_admin_form.needs_explicit_pk_field %}
{{ inline_admin_form.pk_field.field }}{% endif %}
{% if inline_admin_form.fk_field %}{{ inline_admin_form.fk_field.field }}{% endif %}
{% for fieldset in inline_admin_form %}{% for line in fieldset %}\
{% for field in line %}{% if not field.is_readonly and field.field.is_hidden %}\
{{ field.field }}{% endif %}\
{% endfor %}{% endfor %}{% endfor %}
</td>
{% for fieldset in inline_admin_form %}{% for line in fieldset %}
{% for field in line %}{% if field.is_readonly or not field.field.is_hidden %}
<td
class="field-{{ field.field.name }}">{% if field.is_readonly %}\
<p>{{ field.contents }}</p>{% else %}{{ field.field.errors.as_ul }}\
<label class="visually-hidden"
for="{{ field.field.id_for_label }}">{{ field.field.label }}</label>{{ field.field }}
{% endif %}</td>
{% endif %}{% endfor %}{% endfor %}{% endfor %}
{% if inline_admin_formset.can_delete_forms %}<td class="delete">
{% if inline_admin_form.original %}<label class="visually-hidden"
for="{{ inline_admin_form.deletion_field.field.id_for_label }}">Delete</label>
{{ inline_admin_form.deletion_field.field }}{% endif %}</td>{% endif %}
</tr>
{% endfor %}
</tbody>
</table>
</div>
{% if inline_admin_formset.has_add_permission %}<div class="add-row"><button
type="button" class="addlink inline-add">Add another \
{{ inline_admin_formset.opts.verbose_name|capfirst }}</button></div>{% endif %}
</fieldset>
</div>
</div>
"""

_ADMIN_TPL_STACKED = """<div class="js-inline-admin-formset inline-group" \
id="{{ inline_admin_formset.formset.prefix }}-group"
data-inline-formset="{{ inline_admin_formset.inline_formset_data }}">
<fieldset class="module {{ inline_admin_formset.classes }}"
aria-labelledby="{{ inline_admin_formset.formset.prefix }}-heading">
<h2 id="{{ inline_admin_formset.formset.prefix }}-heading"
class="inline-heading">{% if inline_admin_formset.formset.max_num == 1 %}\
{{ inline_admin_formset.opts.verbose_name|capfirst }}{% else %}\
{{ inline_admin_formset.opts.verbose_name_plural|capfirst }}{% endif %}</h2>
{{ inline_admin_formset.formset.management_form }}
{{ inline_admin_formset.formset.non_form_errors }}
{% for inline_admin_form in inline_admin_formset %}
<div class="inline-related{% if inline_admin_form.original or \
inline_admin_form.show_url %} has_original{% endif %}{% if forloop.last and\
 inline_admin_formset.has_add_permission %} empty-form last-related{% endif %}" id="\
{{ inline_admin_formset.formset.prefix }}-{% if forloop.last and\
 inline_admin_formset.has_add_permission %}empty{% else %}{{ forloop.counter0 }}{%\
 endif %}">
<h3><span><b>{{ inline_admin_formset.opts.verbose_name|capfirst }}:</b> <span
class="inline_label">{% if inline_admin_form.original %}
{{ inline_admin_form.original }}
{% if inline_admin_form.show_change_link %} <a \
href="{{ inline_admin_form.change_url }}" class="inlinechangelink">Change</a>
{% endif %}{% else %}#{{ forloop.counter }}{% endif %}</span></span>
{% if inline_admin_form.show_url %}<a href="{{ inline_admin_form.absolute_url }}">View \
on site</a>{% endif %}
{% if inline_admin_formset.can_delete_forms and inline_admin_form.original %}<span
class="delete">{{ inline_admin_form.deletion_field.field }}
{{ inline_admin_form.deletion_field.label_tag }}</span>{% endif %}
</h3>
{% if inline_admin_form.form.non_field_errors %}
{{ inline_admin_form.form.non_field_errors }}{% endif %}
{% for fieldset in inline_admin_form %}
{% with prefix=inline_admin_formset.formset.prefix %}
{% include "admin/includes/fieldset.html" with id_suffix=forloop.counter0 %}
{% endwith %}{% endfor %}
{% if inline_admin_form.needs_explicit_pk_field %}
{{ inline_admin_form.pk_field.field }}{% endif %}
{% if inline_admin_form.fk_field %}{{ inline_admin_form.fk_field.field }}{% endif %}
</div>
{% endfor %}
{% if inline_admin_formset.has_add_permission %}<div class="add-row"><button
type="button" class="addlink inline-add">Add another \
{{ inline_admin_formset.opts.verbose_name|capfirst }}</button></div>{% endif %}
</fieldset>
</div>
"""

_ADMIN_TPL_DELETE_CONFIRMATION = """{% extends "admin/base_site.html" %}\
{% load static %}
{% block extrahead %}{{ block.super }}{{ media }}<script \
src="{% static "admin/js/cancel.js" %}" async></script>{% endblock %}
{% block bodyclass %}{{ block.super }} app-{{ opts.app_label }} \
model-{{ opts.model_name }} delete-confirmation{% endblock %}
{% block breadcrumbs %}<a href="{% url "admin:index" %}">Home</a>
&rsaquo; <a
href="{% url "admin:app_list" app_label=opts.app_label %}">
{{ opts.app_config.verbose_name }}</a>
&rsaquo; <a href="{{ changelist_url }}">{{ opts.verbose_name_plural|capfirst }}</a>
&rsaquo; <a href="{{ change_url }}">{{ object|truncatewords:"18" }}</a>
&rsaquo; Delete{% endblock %}
{% block content %}
{% if perms_lacking %}
<p>Deleting the {{ object_name }} '{{ object }}' would result in deleting \
related objects, but your account doesn't have permission to delete the following \
types of objects:</p>
<ul
id="deleted-objects-perms">{% for obj in perms_lacking %}<li>{{ obj }}</li>
{% endfor %}</ul>
{% elif protected %}
<p>Deleting the {{ object_name }} '{{ object }}' would require deleting the \
following protected related objects:</p>
<ul
id="deleted-objects-protected">{% for obj in protected %}<li>{{ obj }}</li>
{% endfor %}</ul>
{% else %}
<p>Are you sure you want to delete the {{ object_name }} "{{ object }}"? All of \
the following related items will be deleted:</p>
{% include "admin/includes/object_delete_summary.html" %}
<h2>Objects</h2>
<ul id="deleted-objects"
class="deleted-objects">{{ deleted_objects|unordered_list }}</ul>
<form method="post">{% csrf_token %}
<div class="submit-row">
<input type="hidden" name="post" value="yes">
{% if is_popup %}<input type="hidden" name="{{ is_popup_var }}" value="1">{% endif %}
{% if to_field %}<input type="hidden" name="{{ to_field_var }}"
value="{{ to_field }}">{% endif %}
<input type="submit" value="Yes, I’m sure" class="button danger">
<a href="{{ change_url }}" class="button cancel-link secondary">No, take me back</a>
</div>
</form>
{% endif %}
{% endblock %}
"""

_ADMIN_TPL_DELETE_SUMMARY = """<h2>Summary</h2>
<ul
id="delete-summary">{% for model_name, object_count in model_count %}
<li>{{ model_name|capfirst }}: {{ object_count }}</li>{% endfor %}</ul>
"""

_ADMIN_TPL_DELETE_SELECTED_CONFIRMATION = """{% extends "admin/base_site.html" %}\
{% load static %}
{% block extrahead %}{{ block.super }}{{ media }}<script \
src="{% static "admin/js/cancel.js" %}" async></script>{% endblock %}
{% block bodyclass %}{{ block.super }} app-{{ opts.app_label }} \
model-{{ opts.model_name }} delete-confirmation delete-selected-confirmation\
{% endblock %}
{% block breadcrumbs %}<a href="{% url "admin:index" %}">Home</a>
&rsaquo; <a
href="{% url "admin:app_list" app_label=opts.app_label %}">
{{ opts.app_config.verbose_name }}</a>
&rsaquo; <a href="{{ request.path }}">{{ opts.verbose_name_plural|capfirst }}</a>
&rsaquo; Delete multiple objects{% endblock %}
{% block content %}
{% if perms_lacking %}
<p>Deleting the selected {{ objects_name }} would result in deleting related \
objects, but your account doesn't have permission to delete the following types of \
objects:</p>
<ul
id="deleted-objects-perms">{% for obj in perms_lacking %}<li>{{ obj }}</li>
{% endfor %}</ul>
{% elif protected %}
<p>Deleting the selected {{ objects_name }} would require deleting the \
following protected related objects:</p>
<ul
id="deleted-objects-protected">{% for obj in protected %}<li>{{ obj }}</li>
{% endfor %}</ul>
{% else %}
<p>Are you sure you want to delete the selected {{ objects_name }}? All of the \
following objects and their related items will be deleted:</p>
{% include "admin/includes/object_delete_summary.html" %}
<h2>Objects</h2>
{% for deletable_object in deletable_objects %}<ul
class="deleted-objects">{{ deletable_object|unordered_list }}</ul>{% endfor %}
<form method="post">{% csrf_token %}
<div class="submit-row">
{% for obj in queryset %}<input type="hidden" name="{{ action_checkbox_name }}"
value="{{ obj.pk|stringformat:"s" }}">{% endfor %}
<input type="hidden" name="action" value="delete_selected">
<input type="hidden" name="post" value="yes">
<input type="submit" value="Yes, I’m sure" class="button danger">
<a href="" class="button cancel-link secondary">No, take me back</a>
</div>
</form>
{% endif %}
{% endblock %}
"""

_ADMIN_TPL_OBJECT_HISTORY = """{% extends "admin/base_site.html" %}
{% block breadcrumbs %}<a href="{% url "admin:index" %}">Home</a>
&rsaquo; <a
href="{% url "admin:app_list" app_label=opts.app_label %}">
{{ opts.app_config.verbose_name }}</a>
&rsaquo; <a href="{{ changelist_url }}">{{ module_name }}</a>
&rsaquo; <a href="{{ change_url }}">{{ object|truncatewords:"18" }}</a>
&rsaquo; History{% endblock %}
{% block content %}
<div id="content-main"><div class="module">
{% if action_list %}
<div class="results"><table id="change-history" class="history">
<thead><tr><th scope="col">Date/time</th><th scope="col">User</th><th
scope="col">Action</th></tr></thead>
<tbody>
{% for action in action_list %}
<tr><th scope="row">{{ action.action_time|date:"DATETIME_FORMAT" }}</th>
<td>{{ action.user.get_username }}{% if action.user.get_full_name %}
({{ action.user.get_full_name }}){% endif %}</td>
<td>{{ action.get_change_message }}</td></tr>
{% endfor %}
</tbody></table></div>
{% if pagination_required %}<p
class="paginator">{% for i in page_range %}
{% if i == action_list.paginator.ELLIPSIS %}<span>{{ action_list.paginator.ELLIPSIS }}
</span>{% elif i == action_list.number %}<span class="this-page" aria-current="page">
{{ i }}</span>{% else %}<a href="?{{ page_var }}={{ i }}"
{% if i == action_list.paginator.num_pages %} class="end"{% endif %}>{{ i }}</a>
{% endif %} {% endfor %}</p>{% endif %}
<p class="paginator">{{ action_list.paginator.count }}
{% if action_list.paginator.count == 1 %}entry{% else %}entries{% endif %}</p>
{% else %}
<p>This object doesn’t have a change history. It probably wasn’t added via this admin \
site.</p>
{% endif %}
</div></div>
{% endblock %}
"""

_ADMIN_TPL_INVALID_SETUP = """{% extends "admin/base_site.html" %}
{% block breadcrumbs %}<a href="{% url "admin:index" %}">Home</a> &rsaquo;
{{ title }}{% endblock %}
{% block content %}
<p>Something’s wrong with your database installation. Make sure the appropriate \
database tables have been created, and make sure the database is readable by the \
appropriate user.</p>
{% endblock %}
"""

_ADMIN_TPL_POPUP_RESPONSE = """{% load static %}<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Popup closing…</title></head>
<body><script id="django-admin-popup-response-constants"
 src="{% static "admin/js/popup_response.js" %}"
 data-popup-response="{{ popup_response_data }}"></script>
<p>This window can be closed.</p></body></html>
"""

_ADMIN_TPL_USER_PASSWORD = """{% extends "admin/base_site.html" %}
{% block title %}{% if form.errors %}Error: {% endif %}{{ block.super }}{% endblock %}
{% block bodyclass %}{{ block.super }} app-{{ opts.app_label }} \
model-{{ opts.model_name }} change-form{% endblock %}
{% block breadcrumbs %}<a href="{% url "admin:index" %}">Home</a>
&rsaquo; <a href="{% url "admin:app_list" app_label=opts.app_label %}">
{{ opts.app_config.verbose_name }}</a>
&rsaquo; <a href="{{ change_url }}">{{ original|truncatewords:"18" }}</a>
&rsaquo; {% if form.user.has_usable_password %}Change password{% else %}Set password\
{% endif %}{% endblock %}
{% block content %}<div id="content-main">
<form{% if form_url %} action="{{ form_url }}"{% endif %} method="post" \
id="{{ opts.model_name }}_form">{% csrf_token %}
<input type="text" name="username" value="{{ original.get_username }}"
 class="hidden" autocomplete="username">
{% if form.errors %}<p class="errornote" role="alert">{% if form.errors|length == 1 %}
Please correct the error below.{% else %}Please correct the errors below.{% endif\
 %}</p>
{{ form.non_field_errors }}{% endif %}
<p>Enter a new password for the user <strong>{{ original }}</strong>.</p>
{% for fieldset in adminform %}
{% include "admin/includes/fieldset.html" with prefix="fieldset" id_suffix=0 %}
{% endfor %}
<div class="submit-row">{% if form.user.has_usable_password %}
<input type="submit" name="set-password" value="Change password" \
class="default set-password">
<input type="submit" name="unset-password" \
value="Disable password-based authentication" class="unset-password">
{% else %}
<input type="submit" name="set-password" \
value="Enable password-based authentication" class="default set-password">
{% endif %}</div>
</form></div>
{% endblock %}
"""

# -- The admin widgets' templates (contrib.admin.widgets): Django's names and
# markup, which projects override and tests assert.

_ADMIN_TPL_W_DATE = """<p class="date">
  {% include "django/forms/widgets/date.html" %}
</p>
"""

_ADMIN_TPL_W_TIME = """<p class="time">
  {% include "django/forms/widgets/time.html" %}
</p>
"""

_ADMIN_TPL_W_SPLIT_DATETIME = """<p class="datetime">
  {{ date_label }} {% with widget=widget.subwidgets.0 %}\
{% include widget.template_name %}{% endwith %}<br>
  {{ time_label }} {% with widget=widget.subwidgets.1 %}\
{% include widget.template_name %}{% endwith %}
</p>
"""

_ADMIN_TPL_W_RADIO = '{% include "django/forms/widgets/multiple_input.html" %}\n'

_ADMIN_TPL_W_CLEARABLE_FILE = """{% if widget.is_initial %}<p \
class="file-upload">{{ widget.initial_text }}: <a \
href="{{ widget.value.url }}">{{ widget.value }}</a>{% if not widget.required %}
<span class="clearable-file-input">
<input type="checkbox" name="{{ widget.checkbox_name }}" \
id="{{ widget.checkbox_id }}"{% if widget.attrs.disabled %} disabled{% endif %}\
{% if widget.attrs.checked %} checked{% endif %}>
<label for="{{ widget.checkbox_id }}">{{ widget.clear_checkbox_label }}</label>\
</span>{% endif %}<br>
{{ widget.input_text }}:{% endif %}
<input type="{{ widget.type }}" name="{{ widget.name }}"\
{% include "django/forms/widgets/attrs.html" %}>{% if widget.is_initial %}</p>\
{% endif %}
"""

_ADMIN_TPL_W_FK_RAW_ID = """{% if related_url %}<div>{% endif %}\
{% include "django/forms/widgets/input.html" %}{% if related_url %}<a \
href="{{ related_url }}" class="related-lookup" id="lookup_id_{{ widget.name }}" \
title="{{ link_title }}"></a>{% endif %}{% if link_label %}
<strong>{% if link_url %}<a href="{{ link_url }}">{{ link_label }}</a>{% else %}\
{{ link_label }}{% endif %}</strong>{% endif %}{% if related_url %}</div>{% endif %}
"""

_ADMIN_TPL_W_M2M_RAW_ID = '{% include "admin/widgets/foreign_key_raw_id.html" %}\n'

# The links sit on one line ({% spaceless %}): whitespace between them would
# be drawn as gaps.
_ADMIN_TPL_W_RELATED_WRAPPER = """{% load static %}
<div class="related-widget-wrapper" {% if not model_has_limit_choices_to %}\
data-model-ref="{{ model_name }}"{% endif %}>
    {{ rendered_widget }}
    {% block links %}{% spaceless %}{% if not is_hidden %}
    {% if can_change_related %}<a class="related-widget-wrapper-link change-related" \
id="change_id_{{ name }}"
        data-href-template="{{ change_related_template_url }}?{{ url_params }}"
        data-popup="yes" title="Change selected {{ model }}">
        <img src="{% static "admin/img/icon-changelink.svg" %}" alt="" width="24" \
height="24"></a>{% endif %}
    {% if can_add_related %}<a class="related-widget-wrapper-link add-related" \
id="add_id_{{ name }}"
        data-popup="yes" href="{{ add_related_url }}?{{ url_params }}"
        title="Add another {{ model }}">
        <img src="{% static "admin/img/icon-addlink.svg" %}" alt="" width="24" \
height="24"></a>{% endif %}
    {% if can_delete_related %}<a class="related-widget-wrapper-link delete-related" \
id="delete_id_{{ name }}"
        data-href-template="{{ delete_related_template_url }}?{{ url_params }}"
        data-popup="yes" title="Delete selected {{ model }}">
        <img src="{% static "admin/img/icon-deletelink.svg" %}" alt="" width="24" \
height="24"></a>{% endif %}
    {% if can_view_related %}<a class="related-widget-wrapper-link view-related" \
id="view_id_{{ name }}"
        data-href-template="{{ change_related_template_url }}?\
{{ view_related_url_params }}"
        title="View selected {{ model }}">
        <img src="{% static "admin/img/icon-viewlink.svg" %}" alt="" width="24" \
height="24"></a>{% endif %}
    {% endif %}{% endspaceless %}{% endblock %}
</div>
"""

_ADMIN_TPL_W_URL = """{% if url_valid %}<p class="url">{{ current_label }} <a \
href="{{ widget.href }}">{{ widget.value }}</a><br>{{ change_label }} {% endif %}\
{% include "django/forms/widgets/input.html" %}{% if url_valid %}</p>{% endif %}
"""

# -- The admin's scripts: djscratch's own, no library; each file works alone.

#: Popups for the related-object links and the raw-id lookup, and the
#: functions the popup's response page calls in the page that opened it.
_ADMIN_JS_RELATED = """\
/* djscratch admin: related objects edited in a popup window. */
(function () {
  "use strict";
  /* A popup is named after the field it fills, with its depth (a popup may
     open one of its own): "id_owner__1". */
  function target(win) {
    return document.getElementById(win.name.replace(/__\\d+$/, ""));
  }
  function popupName(link) {
    var depth = /__(\\d+)$/.exec(window.name);
    return link.id.replace(/^(add|change|delete|view|lookup)_/, "") + "__"
      + (depth ? Number(depth[1]) + 1 : 1);
  }
  function open(link, url) {
    var popup = window.open(url, popupName(link), "height=600,width=1000,"
      + "resizable=yes,scrollbars=yes");
    if (popup) { popup.focus(); }
  }
  function withPopup(url) {
    return url + (url.indexOf("?") === -1 ? "?" : "&") + "_popup=1";
  }
  function changed(elem) {
    elem.dispatchEvent(new Event("change", {bubbles: true}));
  }
  /* A relation is a select, or radio buttons (radio_fields) in a box that
     carries the field's id. */
  function radios(elem) {
    return Array.prototype.slice.call(elem.querySelectorAll("input[type=radio]"));
  }
  function chosenValue(wrapper) {
    var select = wrapper.querySelector("select");
    if (select) { return select.value; }
    var checked = wrapper.querySelector("input[type=radio]:checked");
    return checked ? checked.value : "";
  }
  /* The change, delete and view links name the chosen object. */
  function updateLinks(wrapper) {
    var value = chosenValue(wrapper);
    wrapper.querySelectorAll("[data-href-template]").forEach(function (link) {
      if (value) {
        link.href = link.dataset.hrefTemplate.replace("__fk__",
          encodeURIComponent(value));
      } else {
        link.removeAttribute("href");
      }
    });
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a");
    if (!link) { return; }
    if (link.dataset.popupOpener !== undefined && window.opener) {
      event.preventDefault();
      window.opener.dismissRelatedLookupPopup(window, link.dataset.popupOpener);
    } else if (link.classList.contains("related-lookup")) {
      event.preventDefault();
      open(link, withPopup(link.href));
    } else if (link.dataset.popup === "yes" && link.href) {
      event.preventDefault();
      open(link, link.href);
    }
  });
  document.addEventListener("change", function (event) {
    var wrapper = event.target.closest(".related-widget-wrapper");
    if (wrapper) { updateLinks(wrapper); }
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".related-widget-wrapper").forEach(updateLinks);
  });
  window.dismissRelatedLookupPopup = function (win, value) {
    var elem = target(win);
    if (elem) {
      if (elem.classList.contains("vManyToManyRawIdAdminField") && elem.value) {
        elem.value += "," + value;
      } else {
        elem.value = value;
      }
      changed(elem);
    }
    win.close();
  };
  window.dismissAddRelatedObjectPopup = function (win, value, label) {
    var elem = target(win);
    if (elem && elem.tagName === "SELECT") {
      elem.add(new Option(label, value, true, true));
      changed(elem);
    } else if (elem && elem.tagName === "INPUT") {
      window.dismissRelatedLookupPopup(win, value);
      return;
    } else if (elem && radios(elem).length) {
      /* A new radio button like the others, chosen. */
      var last = radios(elem).pop();
      var row = last.closest("div").cloneNode(true);
      var input = row.querySelector("input");
      var id = elem.id + "_" + radios(elem).length;
      input.id = id;
      input.value = value;
      input.checked = true;
      row.querySelector("label").htmlFor = id;
      row.querySelector("label").lastChild.textContent = " " + label;
      last.closest("div").after(row);
      changed(input);
    }
    win.close();
  };
  window.dismissChangeRelatedObjectPopup = function (win, oldValue, label, value) {
    var elem = target(win);
    if (elem && elem.tagName === "SELECT") {
      Array.prototype.forEach.call(elem.options, function (option) {
        if (option.value === oldValue) { option.text = label; option.value = value; }
      });
      changed(elem);
    } else if (elem) {
      radios(elem).forEach(function (input) {
        if (input.value === oldValue) {
          input.value = value;
          input.closest("label").lastChild.textContent = " " + label;
          changed(input);
        }
      });
    }
    win.close();
  };
  window.dismissDeleteRelatedObjectPopup = function (win, value) {
    var elem = target(win);
    if (elem && elem.tagName === "SELECT") {
      Array.prototype.slice.call(elem.options).forEach(function (option) {
        if (option.value === value) { option.remove(); }
      });
      changed(elem);
    } else if (elem) {
      radios(elem).forEach(function (input) {
        if (input.value === value) {
          var wrapper = input.closest(".related-widget-wrapper");
          input.closest("div").remove();
          if (wrapper) { updateLinks(wrapper); }
        }
      });
    }
    win.close();
  };
})();
"""

#: The page a popup shows when its object is saved or deleted: it hands the
#: result to the page that opened it (RelatedObjectLookups.js's functions).
_ADMIN_JS_POPUP_RESPONSE = """\
/* djscratch admin: a popup's result, handed to the page that opened it. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById(
    "django-admin-popup-response-constants").dataset.popupResponse);
  var opener = window.opener;
  if (!opener || !opener.dismissAddRelatedObjectPopup) { return; }
  if (data.action === "change") {
    opener.dismissChangeRelatedObjectPopup(window, data.value, data.obj,
                                           data.new_value);
  } else if (data.action === "delete") {
    opener.dismissDeleteRelatedObjectPopup(window, data.value);
  } else {
    opener.dismissAddRelatedObjectPopup(window, data.value, data.obj);
  }
})();
"""

#: "No, take me back" on a delete page shown in a popup closes the popup
#: (elsewhere the link goes back to the object, without a script).
_ADMIN_JS_CANCEL = """\
/* djscratch admin: cancelling a deletion in a popup closes it. */
document.addEventListener("click", function (event) {
  "use strict";
  var link = event.target.closest(".cancel-link");
  if (link && window.opener
      && new URLSearchParams(window.location.search).has("_popup")) {
    event.preventDefault();
    window.close();
  }
});
"""

#: "Today" and a calendar (the browser's own picker) beside a date box,
#: "Now" beside a time box.  A value the picker gives is ISO 8601, which
#: every project's DATE_INPUT_FORMATS accepts (Django appends the ISO ones).
_ADMIN_JS_DATETIME_SHORTCUTS = """\
/* djscratch admin: date and time shortcuts. */
(function () {
  "use strict";
  function pad(n) { return String(n).padStart(2, "0"); }
  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }
  function now() {
    var d = new Date();
    return pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" + pad(d.getSeconds());
  }
  function shortcut(input, text, value) {
    var link = document.createElement("button");
    link.type = "button";
    link.className = "datetimeshortcut";
    link.textContent = text;
    link.addEventListener("click", function () {
      input.value = value();
      input.dispatchEvent(new Event("change", {bubbles: true}));
    });
    return link;
  }
  function calendar(input) {
    var picker = document.createElement("input");
    picker.type = "date";
    picker.className = "datetimeshortcut-picker";
    picker.setAttribute("aria-label", "Choose a date");
    picker.tabIndex = -1;
    picker.addEventListener("change", function () {
      input.value = picker.value;
      input.dispatchEvent(new Event("change", {bubbles: true}));
    });
    return picker;
  }
  function init() {
    document.querySelectorAll("input.vDateField, input.vTimeField")
      .forEach(function (input) {
        if (input.dataset.shortcuts || input.name.indexOf("__prefix__") !== -1) {
          return;
        }
        input.dataset.shortcuts = "1";
        var box = document.createElement("span");
        box.className = "datetimeshortcuts";
        if (input.classList.contains("vDateField")) {
          box.append(" ", shortcut(input, "Today", today), " ", calendar(input));
        } else {
          box.append(" ", shortcut(input, "Now", now));
        }
        input.after(box);
      });
  }
  document.addEventListener("DOMContentLoaded", init);
  document.addEventListener("click", function (event) {
    if (event.target.matches("button.inline-add")) { setTimeout(init); }
  });
})();
"""

#: filter_horizontal / filter_vertical: a search box that hides the options
#: of the multiple select that do not match.
_ADMIN_JS_SELECT_FILTER = """\
/* djscratch admin: a filter box above a long multiple select. */
(function () {
  "use strict";
  function attach(select) {
    var box = document.createElement("input");
    box.type = "search";
    box.className = "selectfilter-search";
    box.placeholder = "Filter";
    box.setAttribute("aria-label", "Filter " + select.dataset.fieldName);
    box.addEventListener("input", function () {
      var words = box.value.toLowerCase().split(/\\s+/).filter(Boolean);
      Array.prototype.forEach.call(select.options, function (option) {
        var text = option.text.toLowerCase();
        option.hidden = !option.selected && !words.every(function (word) {
          return text.indexOf(word) !== -1;
        });
      });
    });
    /* Above the select and its related-object links. */
    (select.closest(".related-widget-wrapper") || select).before(box);
  }
  function init() {
    document.querySelectorAll("select.selectfilter, select.selectfilterstacked")
      .forEach(function (select) {
        if (select.dataset.filterBox || select.name.indexOf("__prefix__") !== -1) {
          return;
        }
        select.dataset.filterBox = "1";
        attach(select);
      });
  }
  document.addEventListener("DOMContentLoaded", init);
  /* An inline's "Add another" row, copied from its empty form. */
  document.addEventListener("click", function (event) {
    if (event.target.matches("button.inline-add")) { setTimeout(init); }
  });
})();
"""

#: autocomplete_fields: a search box whose words ask the admin's
#: autocomplete view (the select's data-ajax--url) for matching objects.
_ADMIN_JS_AUTOCOMPLETE = """\
/* djscratch admin: a select filled, as the user types, from the admin's
   autocomplete view. */
(function () {
  "use strict";
  function attach(select) {
    var box = document.createElement("input");
    var timer = null;
    box.type = "search";
    box.className = "admin-autocomplete-search";
    box.placeholder = "Search";
    box.setAttribute("aria-label", "Search " + select.dataset.fieldName);
    function load() {
      /* select2's nested keys (data-ajax--url) are not dataset names. */
      var url = new URL(select.getAttribute("data-ajax--url"),
                        window.location.href);
      url.searchParams.set("term", box.value);
      url.searchParams.set("app_label", select.dataset.appLabel);
      url.searchParams.set("model_name", select.dataset.modelName);
      url.searchParams.set("field_name", select.dataset.fieldName);
      fetch(url, {credentials: "same-origin"}).then(function (response) {
        return response.ok ? response.json() : {results: []};
      }).then(function (data) {
        Array.prototype.slice.call(select.options).forEach(function (option) {
          if (!option.selected && option.value !== "") { option.remove(); }
        });
        /* A required select starts empty: a blank first option keeps the
           browser from choosing the first result for the user. */
        if (!select.multiple && select.options.length === 0) {
          select.add(new Option("---------", "", true, true));
        }
        var present = {};
        Array.prototype.forEach.call(select.options, function (option) {
          present[option.value] = true;
        });
        data.results.forEach(function (result) {
          if (!present[result.id]) { select.add(new Option(result.text, result.id)); }
        });
      });
    }
    box.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(load,
                         Number(select.getAttribute("data-ajax--delay")) || 250);
    });
    box.addEventListener("focus", function () {
      if (select.options.length <= 1) { load(); }
    }, {once: true});
    (select.closest(".related-widget-wrapper") || select).before(box);
  }
  function init() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      if (select.dataset.searchBox || select.name.indexOf("__prefix__") !== -1) {
        return;
      }
      select.dataset.searchBox = "1";
      attach(select);
    });
  }
  document.addEventListener("DOMContentLoaded", init);
  /* An inline's "Add another" row, copied from its empty form. */
  document.addEventListener("click", function (event) {
    if (event.target.matches("button.inline-add")) { setTimeout(init); }
  });
})();
"""

_ADMIN_CSS_AUTOCOMPLETE = """\
/* djscratch admin: the autocomplete search box above its select. */
.admin-autocomplete-search { display: block; margin-bottom: .25rem; }
"""


#: Template name -> source, served by the app-directories loader.
_ADMIN_TEMPLATES = {
    "admin/base.html": _ADMIN_TPL_BASE,
    "admin/base_site.html": _ADMIN_TPL_BASE_SITE,
    "admin/app_list.html": _ADMIN_TPL_APP_LIST,
    "admin/index.html": _ADMIN_TPL_INDEX,
    "admin/app_index.html": _ADMIN_TPL_APP_INDEX,
    "admin/login.html": _ADMIN_TPL_LOGIN,
    "admin/change_list.html": _ADMIN_TPL_CHANGE_LIST,
    "admin/actions.html": _ADMIN_TPL_ACTIONS,
    "admin/change_list_object_tools.html": _ADMIN_TPL_CHANGE_LIST_OBJECT_TOOLS,
    "admin/search_form.html": _ADMIN_TPL_SEARCH_FORM,
    "admin/date_hierarchy.html": _ADMIN_TPL_DATE_HIERARCHY,
    "admin/change_list_results.html": _ADMIN_TPL_CHANGE_LIST_RESULTS,
    "admin/pagination.html": _ADMIN_TPL_PAGINATION,
    "admin/filter.html": _ADMIN_TPL_FILTER,
    "admin/change_form_object_tools.html": _ADMIN_TPL_CHANGE_FORM_OBJECT_TOOLS,
    "admin/includes/fieldset.html": _ADMIN_TPL_FIELDSET,
    "admin/submit_line.html": _ADMIN_TPL_SUBMIT_LINE,
    # Empty: djscratch's change form fills slugs with its own script.
    "admin/prepopulated_fields_js.html": "",
    "admin/change_form.html": _ADMIN_TPL_CHANGE_FORM,
    "admin/edit_inline/tabular.html": _ADMIN_TPL_TABULAR,
    "admin/edit_inline/stacked.html": _ADMIN_TPL_STACKED,
    "admin/delete_confirmation.html": _ADMIN_TPL_DELETE_CONFIRMATION,
    "admin/includes/object_delete_summary.html": _ADMIN_TPL_DELETE_SUMMARY,
    "admin/delete_selected_confirmation.html": _ADMIN_TPL_DELETE_SELECTED_CONFIRMATION,
    "admin/object_history.html": _ADMIN_TPL_OBJECT_HISTORY,
    "admin/invalid_setup.html": _ADMIN_TPL_INVALID_SETUP,
    "admin/popup_response.html": _ADMIN_TPL_POPUP_RESPONSE,
    "admin/auth/user/change_password.html": _ADMIN_TPL_USER_PASSWORD,
    "registration/logged_out.html": _ADMIN_TPL_LOGGED_OUT,
    "registration/password_change_form.html": _ADMIN_TPL_PASSWORD_CHANGE_FORM,
    "registration/password_change_done.html": _ADMIN_TPL_PASSWORD_CHANGE_DONE,
    "registration/password_reset_form.html": _ADMIN_TPL_PASSWORD_RESET_FORM,
    "registration/password_reset_done.html": _ADMIN_TPL_PASSWORD_RESET_DONE,
    "registration/password_reset_confirm.html": _ADMIN_TPL_PASSWORD_RESET_CONFIRM,
    "registration/password_reset_complete.html": _ADMIN_TPL_PASSWORD_RESET_COMPLETE,
    "admin/widgets/date.html": _ADMIN_TPL_W_DATE,
    "admin/widgets/time.html": _ADMIN_TPL_W_TIME,
    "admin/widgets/split_datetime.html": _ADMIN_TPL_W_SPLIT_DATETIME,
    "admin/widgets/radio.html": _ADMIN_TPL_W_RADIO,
    "admin/widgets/clearable_file_input.html": _ADMIN_TPL_W_CLEARABLE_FILE,
    "admin/widgets/foreign_key_raw_id.html": _ADMIN_TPL_W_FK_RAW_ID,
    "admin/widgets/many_to_many_raw_id.html": _ADMIN_TPL_W_M2M_RAW_ID,
    "admin/widgets/related_widget_wrapper.html": _ADMIN_TPL_W_RELATED_WRAPPER,
    "admin/widgets/url.html": _ADMIN_TPL_W_URL,
}

#: The boolean icons display_for_value() names (drawn for djscratch).
_ADMIN_ICON_YES = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="13" height="13" '
    'viewBox="0 0 16 16"><circle cx="8" cy="8" r="8" fill="#1c6b36"/>'
    '<path d="M4 8.5l2.5 2.5L12 5.5" stroke="#fff" stroke-width="2" '
    'fill="none"/></svg>\n')
_ADMIN_ICON_NO = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="13" height="13" '
    'viewBox="0 0 16 16"><circle cx="8" cy="8" r="8" fill="#a61b1b"/>'
    '<path d="M5 5l6 6M11 5l-6 6" stroke="#fff" stroke-width="2"/></svg>\n')
_ADMIN_ICON_UNKNOWN = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="13" height="13" '
    'viewBox="0 0 16 16"><circle cx="8" cy="8" r="8" fill="#5b6472"/>'
    '<path d="M6 6a2 2 0 1 1 2.5 1.9V9.5M8 11.5v1" stroke="#fff" '
    'stroke-width="1.8" fill="none"/></svg>\n')

#: The related-object links' icons (drawn for djscratch).
_ADMIN_ICON_ADDLINK = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" '
    'viewBox="0 0 24 24"><path d="M12 5v14M5 12h14" stroke="#1c6b36" '
    'stroke-width="2.5" fill="none"/></svg>\n')
_ADMIN_ICON_CHANGELINK = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" '
    'viewBox="0 0 24 24"><path d="M5 19l1-4L16 5l3 3L9 18z" stroke="#1f5f8b" '
    'stroke-width="2" fill="none"/></svg>\n')
_ADMIN_ICON_DELETELINK = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" '
    'viewBox="0 0 24 24"><path d="M6 6l12 12M18 6L6 18" stroke="#a61b1b" '
    'stroke-width="2.5" fill="none"/></svg>\n')
_ADMIN_ICON_VIEWLINK = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" '
    'viewBox="0 0 24 24"><path d="M2 12s4-7 10-7 10 7 10 7-4 7-10 7S2 12 2 12z" '
    'stroke="#1f5f8b" stroke-width="2" fill="none"/><circle cx="12" cy="12" '
    'r="3" fill="#1f5f8b"/></svg>\n')

_EMBEDDED_STATIC["django.contrib.admin"] = {
    "admin/css/admin.css": _ADMIN_CSS,
    "admin/img/icon-yes.svg": _ADMIN_ICON_YES,
    "admin/img/icon-no.svg": _ADMIN_ICON_NO,
    "admin/img/icon-unknown.svg": _ADMIN_ICON_UNKNOWN,
    "admin/img/icon-addlink.svg": _ADMIN_ICON_ADDLINK,
    "admin/img/icon-changelink.svg": _ADMIN_ICON_CHANGELINK,
    "admin/img/icon-deletelink.svg": _ADMIN_ICON_DELETELINK,
    "admin/img/icon-viewlink.svg": _ADMIN_ICON_VIEWLINK,
    "admin/js/admin/RelatedObjectLookups.js": _ADMIN_JS_RELATED,
    "admin/js/popup_response.js": _ADMIN_JS_POPUP_RESPONSE,
    "admin/js/cancel.js": _ADMIN_JS_CANCEL,
    "admin/js/admin/DateTimeShortcuts.js": _ADMIN_JS_DATETIME_SHORTCUTS,
    "admin/js/SelectFilter2.js": _ADMIN_JS_SELECT_FILTER,
    "admin/js/autocomplete.js": _ADMIN_JS_AUTOCOMPLETE,
    "admin/css/autocomplete.css": _ADMIN_CSS_AUTOCOMPLETE,
}
