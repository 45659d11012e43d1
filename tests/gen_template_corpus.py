"""Regenerate tests/template_corpus.json with real Django 5.2.

Regenerate it (with every other expectation file, by real Django from
.venv-django; DEVELOPING.md) with:

    python tools/regenerate_expected.py

Each case is a template in Django syntax, optional extra templates (for
include/extends, served by the locmem loader) and optional engine options;
the context is tests/template_corpus_fixtures.base_context().  The expected
output (or the exception type and message) is what Django produced.
tests/test_templates_corpus.py replays every case on djscratch, once with
Django's delimiters and once with the native ones.
"""

import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

LIB = {"mylib": "tests.template_corpus_tags"}
#: What a DjangoTemplates backend adds to every engine (Engine alone has none).
STANDARD_LIBRARIES = {"static": "django.templatetags.static", **LIB}

INCLUDES = {
    "inc_item.html": "[{{ item|default:'no item' }}]",
    "inc_name.html": "<i>{{ name }}</i>",
    "inc_loop.html": "{{ forloop.counter }}={{ x }};",
    "inc_with.html": "{{ greeting }} {{ name|default:'nobody' }}",
    "base.html": ("<title>{% block title %}Base title{% endblock %}</title>"
                  "<main>{% block content %}base content{% endblock %}</main>"
                  "<footer>{% block footer %}(c) {{ name }}{% endblock %}</footer>"),
    "middle.html": ("{% extends 'base.html' %}{% block title %}Middle - "
                    "{{ block.super }}{% endblock %}{% block content %}<div>"
                    "{% block inner %}middle inner{% endblock %}</div>{% endblock %}"),
    "child.html": ("{% extends 'middle.html' %}{% block inner %}child inner, "
                   "{{ block.super }}{% endblock %}{% block footer %}{{ block.super }}"
                   " + child{% endblock %}"),
    "loopbase.html": ("{% for x in items %}{% block row %}({{ x }}){% endblock %}"
                      "{% endfor %}"),
    "loopchild.html": ("{% extends 'loopbase.html' %}{% block row %}[{{ x }}:"
                       "{{ forloop.counter }}]{% endblock %}"),
    "ignored.html": ("{% extends 'base.html' %}text outside blocks is ignored"
                     "{% block title %}T{% endblock %}"),
    "var_extends.html": "{% extends parent %}{% block title %}V{% endblock %}",
    "tag_user.html": "{% load mylib %}{% shout name %}|{{ name|twice }}",
}

T = []  # (template, options)


def case(template, **options):
    T.append((template, options))


# -- Variables, lookups, literals, escaping
for tpl in [
    "{{ name }}", "{{ safe_html }}", "{{ num }}", "{{ neg }}", "{{ flt }}",
    "{{ tiny }}", "{{ dec }}", "{{ none }}", "{{ true }}", "{{ false }}",
    "{{ missing }}", "{{ missing.attr }}", "{{ items }}", "{{ items.0 }}",
    "{{ items.5 }}", "{{ dict.a }}", "{{ dict.b.c }}", "{{ dict.items }}",
    "{{ dict.0 }}", "{{ obj.name }}", "{{ obj.inner.value }}", "{{ obj }}",
    "{{ func }}", "{{ account.greeting }}", "{{ account.delete }}",
    "{{ account.balance }}", "{{ account.needs_args }}", "{{ enumish.label }}",
    "{{ fragile.quiet }}|", "{{ indexable.k }}", "{{ indexable.attr }}",
    "{{ people.1.name }}", "{{ 'literal <b>' }}", '{{ "double" }}', "{{ 42 }}",
    "{{ 3.5 }}", "{{ -2 }}", "{{ _('translated') }}", "{{ d }}", "{{ dt }}",
    "{{ dt_naive }}", "{{ t }}", "{{ midnight }}", "{{ noon }}", "{{ quote }}",
    "{{ mixed }}", "{{ pairs }}", "{{ data }}", "{{ big }}", "{{ flt3 }}",
    "{{ comments.0.author }} at {{ comments.0.time }}",
    "{{ None }}{{ True }}{{ False }}", "{{ name|upper|lower }}",
    "{{ 'x' | upper }}", "{{ items|length }} items",
]:
    case(tpl)

# -- Filters (each a few ways)
FILTER_CASES = [
    "{{ num|add:3 }}", "{{ numstr|add:'8' }}", "{{ items|add:nums }}",
    "{{ s|add:'!' }}", "{{ none|add:1 }}", "{{ quote|addslashes }}",
    "{{ s|capfirst }}", "{{ empty|capfirst }}", "[{{ s|center:17 }}]",
    "{{ s|cut:'o' }}", "{{ safe_html|cut:'b' }}", "{{ d|date }}",
    "{{ dt|date }}", "{{ dt|date:'Y-m-d H:i' }}", "{{ dt|date:'D, d M Y' }}",
    "{{ dt|date:'l jS \\o\\f F Y h:i:s A' }}", "{{ dt|date:'N j, Y, P' }}",
    "{{ dt|date:'SHORT_DATE_FORMAT' }}", "{{ dt|date:'DATETIME_FORMAT' }}",
    "{{ dt|date:'c' }}", "{{ dt|date:'U' }}", "{{ dt|date:'w W z t L o' }}",
    "{{ dt|date:'a A f g G h H i s u' }}", "{{ dt|date:'b E n y' }}",
    "{{ dt|date:'e O T Z I' }}", "{{ noon|date:'P' }}", "{{ midnight|date:'P' }}",
    "{{ dt_naive|date:'P f' }}", "{{ d|date:'jS F' }}", "{{ missing|date }}",
    "{{ s|date }}", "{{ dt|time }}", "{{ t|time }}", "{{ t|time:'H:i' }}",
    "{{ dt|time:'g:i a' }}", "{{ none|default:'nothing' }}",
    "{{ empty|default:'was empty' }}", "{{ zero|default:'zero!' }}",
    "{{ missing|default:'missing!' }}", "{{ none|default_if_none:'N' }}",
    "{{ empty|default_if_none:'N' }}", "{% for p in people|dictsort:'age' %}"
    "{{ p.name }} {% endfor %}", "{% for p in people|dictsortreversed:'name' %}"
    "{{ p.name }} {% endfor %}", "{% for p in pairs|dictsort:1 %}{{ p.0 }}"
    "{% endfor %}", "{{ people|dictsort:'_private' }}|",
    "{{ num|divisibleby:7 }}", "{{ num|divisibleby:5 }}", "{{ name|escape }}",
    "{{ safe_html|escape }}", "{{ js|escapejs }}", "{{ mixed|escapeseq|join:',' }}",
    "{{ bytes|filesizeformat }}", "{{ kb|filesizeformat }}",
    "{{ one_byte|filesizeformat }}", "{{ s|filesizeformat }}",
    "{{ neg|filesizeformat }}", "{{ items|first }}", "{{ empty_list|first }}|",
    "{{ flt|floatformat }}", "{{ flt3|floatformat }}", "{{ flt|floatformat:2 }}",
    "{{ flt3|floatformat:2 }}", "{{ flt|floatformat:'-2' }}",
    "{{ flt3|floatformat:'-2' }}", "{{ dec|floatformat:'2g' }}",
    "{{ big|floatformat:'g' }}", "{{ s|floatformat }}|", "{{ flt2|floatformat:0 }}",
    "{{ neg|floatformat:3 }}", "{{ name|force_escape }}",
    "{{ big|get_digit:2 }}", "{{ big|get_digit:20 }}", "{{ s|get_digit:1 }}",
    "{{ 'a b/ç?x=1'|iriencode }}", "{{ items|join:', ' }}",
    "{{ mixed|join:' <&> ' }}", "{{ data|json_script:'data-id' }}",
    "{{ data|json_script }}", "{{ items|last }}", "{{ s|length }}",
    "{{ none|length }}", "{{ multiline|linebreaks }}",
    "{{ multiline|linebreaksbr }}", "{{ multiline|linenumbers }}",
    "[{{ s|ljust:15 }}]", "[{{ s|rjust:15 }}]", "{{ name|lower }}",
    "{{ s|make_list }}", "{{ num|make_list }}", "{{ phone|phone2numeric }}",
    "comment{{ one|pluralize }} comment{{ two|pluralize }}",
    "walrus{{ two|pluralize:'es' }}", "cherr{{ one|pluralize:'y,ies' }}",
    "cherr{{ two|pluralize:'y,ies' }}", "{{ items|pluralize }}",
    "{{ s|pluralize:'a,b,c' }}|", "{{ dict|pprint }}", "{{ safe_html|safe }}",
    "{{ mixed|safeseq|join:'' }}", "{{ items|slice:':2' }}",
    "{{ s|slice:'2:-2' }}", "{{ nums|slice:'::2' }}",
    "{{ title_text|slugify }}", "{{ ' Héllo Wörld! '|slugify }}",
    "{{ num|stringformat:'05d' }}", "{{ flt|stringformat:'.2f' }}",
    "{{ s|stringformat:'s' }}", "{{ num|stringformat:'E' }}",
    "{{ html|striptags }}", "{{ '<script>x</script>y'|striptags }}",
    "{{ title_text|title }}", "{{ words|truncatechars:9 }}",
    "{{ words|truncatechars:100 }}", "{{ html_long|truncatechars_html:12 }}",
    "{{ words|truncatewords:3 }}", "{{ words|truncatewords:'x' }}",
    "{{ html_long|truncatewords_html:4 }}", "{{ html_long|truncatewords_html:40 }}",
    "{{ nested|unordered_list }}", "{{ name|upper }}",
    "{{ 'a b&c=d/é'|urlencode }}", "{{ 'a b/c'|urlencode:'' }}",
    "{{ url_text|urlize }}", "{{ url_text|urlizetrunc:15 }}",
    "{{ 'x <b>www.a.com</b>'|urlize }}", "{{ words|wordcount }}",
    "{{ words|wordwrap:12 }}", "{{ true|yesno }}", "{{ false|yesno }}",
    "{{ none|yesno }}", "{{ none|yesno:'y,n' }}",
    "{{ true|yesno:'ja,nein,vielleicht' }}",
    "{{ dt|timesince:later }}", "{{ dt|timesince:much_later }}",
    "{{ later|timeuntil:dt }}", "{{ much_later|timeuntil:dt }}",
    "{{ later|timesince:dt }}", "{{ none|timesince }}|",
    "{{ name|truncatechars:5|upper }}", "{{ spaces|cut:' ' }}",
    "{{ long_word|wordwrap:5 }}", "{{ nums|random|divisibleby:100 }}",
    "{{ items|join:'' }}", "{{ 5|add:'x' }}|", "{{ people|length }}",
    "{{ name|default:'x'|length }}", "{{ html|safe|striptags }}",
    "{{ s|title }}", "{{ s|linebreaksbr }}", "{{ safe_html|linebreaks }}",
    "{{ name|make_list|first }}", "{{ nums|join:'+' }}={{ nums|length }}",
]
for tpl in FILTER_CASES:
    case(tpl)

# -- Tags
TAG_CASES = [
    "{% for x in items %}{{ x }}{% endfor %}",
    "{% for x in items reversed %}{{ x }}{% endfor %}",
    "{% for x in missing %}{{ x }}{% empty %}empty!{% endfor %}",
    "{% for x in empty_list %}{{ x }}{% empty %}none{% endfor %}",
    "{% for x in items %}{{ forloop.counter }}{{ forloop.counter0 }}"
    "{{ forloop.revcounter }}{{ forloop.revcounter0 }}{{ forloop.first }}"
    "{{ forloop.last }} {% endfor %}",
    "{% for k, v in pairs %}{{ k }}={{ v }};{% endfor %}",
    "{% for k,v in pairs %}{{ k }}{{ v }}{% endfor %}",
    "{% for a, b, c in triples %}{{ a }}{{ b }}{{ c }}{% endfor %}",
    "{% for x in items %}{% for y in nums %}{% if forloop.first %}"
    "{{ forloop.parentloop.counter }}{% endif %}{% endfor %}{% endfor %}",
    "{% for c in 'abc' %}{{ c }}-{% endfor %}",
    "{% for k in dict %}{{ k }} {% endfor %}",
    "{% for x in items %}{{ x }}{% if not forloop.last %}, {% endif %}{% endfor %}",
    "{% if true %}yes{% endif %}", "{% if false %}yes{% else %}no{% endif %}",
    "{% if missing %}yes{% else %}no{% endif %}",
    "{% if num == 42 %}eq{% endif %}", "{% if num != 42 %}ne{% else %}e{% endif %}",
    "{% if num > 40 and num < 50 %}in range{% endif %}",
    "{% if num >= 42 %}ge{% endif %}{% if num <= 41 %}le{% endif %}",
    "{% if 'a' in items %}has a{% endif %}",
    "{% if 'z' not in items %}no z{% endif %}",
    "{% if none is None %}is none{% endif %}",
    "{% if num is not None %}not none{% endif %}",
    "{% if not false %}not false{% endif %}",
    "{% if false or true and false %}A{% else %}B{% endif %}",
    "{% if not true or true %}C{% endif %}",
    "{% if num == 1 %}one{% elif num == 42 %}forty-two{% else %}other{% endif %}",
    "{% if missing > 1 %}gt{% else %}not gt{% endif %}",
    "{% if none < 1 %}lt{% else %}err{% endif %}",
    "{% if 'x' in none %}in{% else %}not in{% endif %}",
    "{% if items|length > 2 %}long{% endif %}",
    "{% if s == 'hello world' %}match{% endif %}",
    "{% if account.delete %}called{% else %}not called{% endif %}",
    "{% with total=nums|length %}{{ total }}{% endwith %}",
    "{% with a=1 b=s %}{{ a }} {{ b }}{% endwith %}",
    "{% with s|upper as loud %}{{ loud }}{% endwith %}",
    "{% with x=name %}{{ x }}{% endwith %}{{ x }}",
    "{% autoescape off %}{{ name }}{% endautoescape %}",
    "{% autoescape off %}{{ name|escape }}{% endautoescape %}",
    "{% autoescape on %}{{ safe_html }}{% endautoescape %}",
    "{% autoescape off %}{{ items|join:'<br>' }}{{ multiline|linebreaksbr }}"
    "{% endautoescape %}",
    "{% comment %}hidden {{ name }}{% endcomment %}shown",
    "{# a comment #}after", "{% comment 'note' %}x{% endcomment %}y",
    "{% for x in rows %}{% cycle 'odd' 'even' %} {% endfor %}",
    "{% for x in rows %}{% cycle 'a' 'b' 'c' as abc %}{{ abc }} {% endfor %}",
    "{% for x in items %}{% cycle 'r1' 'r2' as row silent %}[{{ row }}]{% endfor %}",
    "{% for x in rows %}{% cycle 'a' 'b' 'c' %}{% if x == 2 %}{% resetcycle %}"
    "{% endif %}{% endfor %}",
    "{% firstof missing empty 'fallback' %}", "{% firstof missing name %}",
    "{% firstof none zero %}|", "{% firstof missing s as fo %}[{{ fo }}]",
    "{% for p in people %}{% ifchanged p.city %}<h>{{ p.city }}</h>{% endifchanged %}"
    "{{ p.name }} {% endfor %}",
    "{% for x in 'aabbc' %}{% ifchanged %}{{ x }}{% endifchanged %}{% endfor %}",
    "{% for x in 'aab' %}{% ifchanged x %}new{% else %}same{% endifchanged %} "
    "{% endfor %}",
    "{% regroup people by city as groups %}{% for g in groups %}{{ g.grouper }}:"
    "{% for p in g.list %}{{ p.name }},{% endfor %};{% endfor %}",
    "{% regroup missing by city as groups %}{{ groups|length }}",
    "{% spaceless %}<p>\n  <a>x</a>  \n</p>{% endspaceless %}",
    "{% filter upper %}shout {{ name }}{% endfilter %}",
    "{% filter force_escape|lower %}<B>{% endfilter %}",
    "{% verbatim %}{{ not rendered }}{% if %}{% endverbatim %}",
    "{% verbatim myblock %}{% endverbatim %}{% endverbatim myblock %}",
    "{% widthratio num 100 50 %}", "{% widthratio num zero 50 %}",
    "{% widthratio num 80 100 as w %}[{{ w }}]", "{% widthratio s 10 10 %}|",
    "{% lorem %}", "{% lorem 3 w %}", "{% lorem 2 p %}", "{% lorem 1 b %}",
    "{% now 'Y' as year %}{{ year|length }}",
    "{% templatetag openbrace %}{% templatetag closebrace %}",
    "{% with total=5 %}{% for x in items %}{{ total }}{{ x }}{% endfor %}{% endwith %}",
    "{% for x in nums %}{% if x|divisibleby:2 %}{{ x }}{% endif %}{% endfor %}",
    "{% for c in comments %}{{ c.author }}|{{ c.time }}|{{ c.body|linebreaksbr }}"
    "{% endfor %}",
    "{% for c in comments %}{% if c.approved %}{{ c.author|upper }}{% endif %}"
    "{% endfor %}",
    "{% for c in comments %}{{ c.tags|join:',' }}{% empty %}x{% endfor %}",
    "{% csrf_token %}|",
    "{% lorem 0 w %}|",
]
for tpl in TAG_CASES:
    case(tpl)

# -- include / extends / blocks / custom libraries
for tpl in [
    "{% include 'inc_name.html' %}",
    "{% include 'inc_item.html' with item='given' %}",
    "{% include 'inc_item.html' with item=name only %}",
    "{% include 'inc_with.html' with greeting='Hi' only %}",
    "{% include 'inc_with.html' with greeting='Hi' %}",
    "{% for x in items %}{% include 'inc_loop.html' %}{% endfor %}",
    "{% for item in items %}{% include template_name %}{% endfor %}",
    "{% include template_names %}",
    "{% with item='w' %}{% include 'inc_item.html' %}{% endwith %}",
    "{% block title %}standalone block{% endblock %}",
    "{% block a %}A{% block b %}B{{ block.super }}{% endblock b %}{% endblock %}",
]:
    case(tpl, templates=INCLUDES)
for name in ["base.html", "middle.html", "child.html", "loopchild.html",
             "ignored.html", "tag_user.html"]:
    case("", templates=INCLUDES, render=name)
case("", templates=INCLUDES, render="var_extends.html", extra={"parent": "base.html"})
case("{% load mylib %}{% shout 'hey' %} {% shout name %} {{ s|twice }}",
     libraries=LIB)
case("{% load mylib %}{% add_them 1 2 %} {% add_them num 8 as total %}[{{ total }}]",
     libraries=LIB)
case("{% load mylib %}{% card name %}", libraries=LIB, templates={
    "card.html": "<div class='card'>{{ title }}</div>"})
case("{% load mylib %}{% for x in items %}{% where_am_i %}{% endfor %}",
     libraries=LIB)
case("{% load shout from mylib %}{% shout 'only' %}", libraries=LIB)
CARD = {"card.html": "<div class='card'>{{ title }}</div>"}
for tpl in [
    "{% load mylib %}{% upper_block %}hi {{ name }}{% for x in items %}{{ x }}"
    "{% endfor %}{% endupper_block %}",
    "{% load mylib %}{% for x in items %}{% upper_block %}{{ x }}"
    "{{ forloop.counter }}{% endupper_block %}{% endfor %}",
    "{% load mylib %}{% setvar foo name %}[{{ foo }}]",
    "{% load mylib %}{% for x in items %}{% setvar last x %}{% endfor %}[{{ last }}]",
    "{% load mylib %}{% with w='W' %}{% setvar got w %}{{ got }}{% endwith %}"
    "[{{ got }}]",
    "{% load mylib %}{% context_card %} {% context_card suffix='!' %}",
    "{% load mylib %}{% upper_block %}{% setvar z s %}{{ z }}{% endupper_block %}"
    "[{{ z }}]",
]:
    case(tpl, libraries=LIB, templates=CARD)
case("{% load static %}{% get_static_prefix %}|{% get_media_prefix %}")

# -- Errors (compile time)
for tpl in [
    "{% for x in items %}{{ x }}{% endfro %}", "{% if %}x{% endif %}",
    "{% if a b %}x{% endif %}", "{% if a == %}x{% endif %}",
    "{% if and a %}x{% endif %}", "{% if x %}unclosed",
    "{% for x in items %}unclosed", "{{ name|nosuchfilter }}",
    "{% nosuchtag %}", "{{ _private }}", "{{ obj._secret }}", "{{ }}",
    "{% %}", "{{ name|add }}", "{{ name|upper:1 }}", "{% for x items %}{% endfor %}",
    "{% for x in %}{% endfor %}", "{% with %}{% endwith %}",
    "{% cycle %}", "{% cycle undefined %}", "{% load nosuchlib %}",
    "{% block a %}{% endblock %}{% block a %}{% endblock %}",
    "{% block a %}{% endblock b %}", "x{% extends 'base.html' %}",
    "{% extends 'base.html' %}{% extends 'base.html' %}",
    "{% autoescape maybe %}{% endautoescape %}", "{% widthratio a b %}",
    "{% include %}", "{% include 'x' bogus %}", "{% filter escape %}{% endfilter %}",
    "{% firstof %}", "{% regroup a by b %}", "{% now %}",
    "{% templatetag nonsense %}", "{{ name|date:'Y' }}{% else %}",
    "{{ 'unterminated }}", "{{ name|default:'a'b }}", "{% resetcycle %}",
    "{% url %}", "{% if a not b %}{% endif %}",
]:
    case(tpl, templates=INCLUDES)

# -- Errors (render time)
for tpl in [
    "{% include 'nonexistent.html' %}", "{% include missing %}",
    "{{ name|default:undefined_arg }}", "{% for a, b in items %}{% endfor %}",
]:
    case(tpl, templates=INCLUDES)
case("", templates=INCLUDES, render="var_extends.html", extra={"parent": ""})
case("", templates=INCLUDES, render="var_extends.html")

# -- string_if_invalid
for tpl in ["{{ missing }}", "{{ missing|upper }}", "{{ obj.nope }}",
            "{% for x in missing %}{% empty %}e{% endfor %}",
            "{% if missing %}y{% else %}n{% endif %}", "{{ account.delete }}"]:
    case(tpl, string_if_invalid="INVALID[%s]")
case("{{ missing }}|{{ missing|default:'d' }}", string_if_invalid="??")

# -- Escaping corner cases
for tpl in [
    "{{ quote }}", "{{ quote|safe }}", "{{ '\"quoted\" & <tag>' }}",
    "{{ name|escape|escape }}", "{{ name|force_escape|force_escape }}",
    "{{ safe_html|upper }}", "{{ safe_html|add:'<i>' }}", "{{ safe_html|slice:':3' }}",
    "{{ html|truncatewords:2 }}", "{{ name|linebreaksbr }}", "{{ name|urlize }}",
    "{% autoescape off %}{{ url_text|urlize }}{% endautoescape %}",
    "{% autoescape off %}{{ nested|unordered_list }}{% endautoescape %}",
    "{{ mixed|unordered_list }}", "{{ name|cut:'<' }}", "{{ name|slugify }}",
    "{{ name|stringformat:'s' }}", "{{ name|title }}", "{{ name|capfirst }}",
    "{{ name|center:20 }}", "{{ name|wordwrap:5 }}", "{{ name|join:'-' }}",
]:
    case(tpl)

# -- Tags that reach other sections: url (a URLconf), static, csrf, querystring
for tpl in [
    "{% url 'home' %}", "{% url 'post' 7 %}", "{% url 'post' pk=pk %}",
    "{% url 'tag-page' slug page=2 %}", "{% url 'tag-page' slug=slug page=3 %}",
    "{% url 'search' name %}", "{% url 'post' pk as the_url %}[{{ the_url }}]",
    "{% url 'nope' as x %}[{{ x }}]", "{% url 'nope' %}", "{% url 'post' 'x' %}",
    "{% load static %}{% static 'css/site.css' %}",
    "{% load static %}{% static 'a b/c&d.js' %}",
    "{% load static %}{% static 'img/x.png' as img %}<img src='{{ img }}'>",
    "{% load static %}{% static name %}",
    "{% querystring qd page=4 %}", "{% querystring qd a=None %}",
    "{% querystring qd b=items %}", "{% querystring qd %}",
    "{% querystring qd page=num as q %}[{{ q }}]",
]:
    case(tpl)
case("{% csrf_token %}", extra={"csrf_token": "tok<&>en"})
case("{% csrf_token %}", extra={"csrf_token": "NOTPROVIDED"})

# -- More dates, numbers and text
for fmt in ["j N Y", "F jS, Y", "l", "D", "M", "b", "E", "m/d/y", "H\\h i", "G:i",
            "g:i A", "h:i a", "P", "r", "c", "S", "t", "L", "W", "z", "o", "y",
            "Y", "n", "U", "u", "e", "T", "O", "Z", "I", "\\Y\\e\\s",
            "YEAR_MONTH_FORMAT", "MONTH_DAY_FORMAT", "SHORT_DATETIME_FORMAT",
            "TIME_FORMAT"]:
    case("{{ dt|date:'%s' }}|{{ d|date:'%s' }}" % (fmt, fmt)
         if fmt not in ("H\\h i", "G:i", "g:i A", "h:i a", "P", "r", "c", "U", "u",
                        "e", "T", "O", "Z", "I", "TIME_FORMAT",
                        "SHORT_DATETIME_FORMAT")
         else "{{ dt|date:'%s' }}|{{ dt_naive|date:'%s' }}" % (fmt, fmt))
# Only the display format names resolve; other setting names are formats.
case("{{ dt|date:'DEBUG' }}|{{ dt|date:'USE_TZ' }}|{{ dt|date:'TIME_ZONE' }}|"
     "{{ dt|date:'DATE_INPUT_FORMATS' }}")
for value in ["0", "1", "1.5", "-1.5", "2.675", "1000000", "0.0001", "-0.4",
              "12.3456789", "1e3", "abc", "99.999"]:
    case("{{ v|floatformat }} {{ v|floatformat:3 }} {{ v|floatformat:'-3' }} "
         "{{ v|floatformat:0 }} {{ v|floatformat:'2g' }}", extra={"v": value})
for value in [0, 1, 1023, 1024, 1536, 10**6, 10**9, 5 * 10**12, 10**16, -2048]:
    case("{{ v|filesizeformat }}", extra={"v": value})
for text in ["", "one", "one two three four five six", "  spaced   out  text ",
             "<b>bold</b> and <i>italic</i> words here",
             "Ünïcödé wörds ärë fïnë tøø"]:
    case("{{ v|truncatewords:3 }}|{{ v|truncatechars:8 }}|{{ v|wordcount }}|"
         "{{ v|title }}|{{ v|slugify }}|{{ v|capfirst }}|{{ v|truncatewords_html:2 }}"
         "|{{ v|truncatechars_html:6 }}|{{ v|striptags }}", extra={"v": text})
for n in [0, 1, 2, 11, 21, 101]:
    case("{{ n }} item{{ n|pluralize }} {{ n|yesno:'y,n' }} {{ n|add:'-1' }} "
         "{{ n|divisibleby:2 }} {{ n|get_digit:1 }}", extra={"n": n})

# -- Precedence, scoping, state and escaping interplay
MORE = {
    "inc_cycle.html": "{% for x in items %}{% cycle 'p' 'q' %}{% endfor %}",
    "inc_autoescape.html": "{{ name }}",
    "ae_base.html": "{% autoescape off %}{% block b %}{{ name }}{% endblock %}"
                    "{% endautoescape %}|{% block c %}{{ name }}{% endblock %}",
    "ae_child.html": "{% extends 'ae_base.html' %}{% block b %}[{{ name }}]"
                     "{% endblock %}{% block c %}({{ name }}){% endblock %}",
    "dir/rel.html": "{% include './sib.html' %}+{% include '../inc_name.html' %}",
    "dir/sib.html": "sibling {{ s }}",
    "blockinc.html": "{% extends 'base.html' %}{% block content %}"
                     "{% include 'inc_name.html' %}{% endblock %}",
}
for tpl in [
    "{% if true or false and false %}1{% endif %}{% if not true or not false %}2"
    "{% endif %}",
    "{% if num > 40 == true %}x{% else %}y{% endif %}",
    "{% if 'b' in items and num == 42 or none %}ok{% endif %}",
    "{% if items|length == 3 and items.0 == 'a' %}ok{% endif %}",
    "{% if not missing and not none %}both falsy{% endif %}",
    "{% if dict.b.c == 'deep' %}deep{% endif %}",
    "{% if num|add:1 > 42 %}gt{% endif %}",
    "{% if 1 == 1.0 %}eq{% endif %}{% if '1' == 1 %}str{% else %}nostr{% endif %}",
    "{% if items %}{% for x in items %}{% if forloop.last %}{{ x }}{% endif %}"
    "{% endfor %}{% endif %}",
    "{% for k, v in dict.items %}{{ k }}{% endfor %}",
    "{% for a in nums %}{% for b in items %}{% for c in 'xy' %}"
    "{% if forloop.parentloop.parentloop.first and forloop.parentloop.first %}"
    "{{ c }}{% endif %}{% endfor %}{% endfor %}{% endfor %}",
    "{% for x in items %}{{ forloop }}{% endfor %}",
    "{% for x in none %}x{% empty %}none{% endfor %}",
    "{% for x in num %}x{% empty %}int{% endfor %}",
    "{% for x in items %}{% for y in items %}{% ifchanged x %}{{ x }}"
    "{% endifchanged %}{% endfor %}{% endfor %}",
    "{% for p in people %}{% ifchanged p.city p.age %}+{% else %}-{% endifchanged %}"
    "{% endfor %}",
    "{% for x in items %}{% include 'inc_cycle.html' %}/{% endfor %}",
    "{% for x in rows %}{% cycle 'a' 'b' as ab silent %}{% endfor %}{{ ab }}",
    "{% with a=1 %}{% with a=2 %}{{ a }}{% endwith %}{{ a }}{% endwith %}{{ a }}",
    "{% for x in items %}{% with y=x|upper %}{{ y }}{% endwith %}{% endfor %}",
    "{% autoescape off %}{% include 'inc_autoescape.html' %}{% endautoescape %}",
    "{% autoescape off %}{% firstof name %}{% endautoescape %}{% firstof name %}",
    "{% autoescape off %}{% cycle name s %}{% endautoescape %}",
    "{{ '<b>'|upper }}", "{{ '<b>'|lower }}", "{{ '<b>'|default:'x' }}",
    "{{ missing|default:'<b>' }}", "{{ name|default:'<b>' }}",
    "{{ safe_html|cut:'o' }}", "{{ safe_html|slice:'1:' }}",
    "{{ safe_html|truncatechars:5 }}", "{{ safe_html|title }}",
    "{{ safe_html|add:'x' }}", "{{ safe_html|length }}", "{{ safe_html|first }}",
    "{{ safe_html|linebreaksbr }}", "{{ safe_html|escapejs }}",
    "{{ safe_html|urlencode }}", "{{ safe_html|striptags }}",
    "{{ safe_html|wordwrap:3 }}", "{{ safe_html|center:15 }}",
    "{{ 1.0 }} {{ -0.5 }} {{ 1e2 }} {{ 100 }}", "{{ items.-1 }}",
    "{# multi\nline #}after", "{% comment %}{% if %}{{ broken{% endcomment %}ok",
    "{% spaceless %}<p> x </p> <p>y</p>{% endspaceless %}",
    "{% widthratio flt2 10 100 %} {% widthratio 7 3 10 %}",
    "{% if %}", "{% endblock %}", "{% else %}", "{% empty %}", "{% block x %}",
    "{% endif %}{% if true %}", "{{ name|default:}}", "{{ name| upper }}",
    "{{ name |upper }}", "{{name|default:'a b'}}", "{% for x in items reversed %}"
    "{{ forloop.first }}{{ x }}{% endfor %}",
    "{% include 'dir/rel.html' %}",
]:
    case(tpl, templates={**INCLUDES, **MORE})
for tpl in [
    "{% if fragile.quiet %}y{% else %}n{% endif %}",
    "{% if account.broken %}y{% else %}n{% endif %}",
    "{% if account.broken == 1 %}y{% else %}n{% endif %}",
    "{% if name|default:missing %}y{% else %}n{% endif %}",
    "{% if not name|default:missing %}y{% else %}n{% endif %}",
    "{% if num|divisibleby:zero %}y{% else %}n{% endif %}",
    "{% if num|divisibleby:zero or true %}y{% else %}n{% endif %}",
    "{% if true and num|divisibleby:zero %}y{% else %}n{% endif %}",
    "{% if none.attr == none %}eq{% endif %}",
    "{% if missing is none %}same{% endif %}",
    "{% if items.0 in s %}in{% else %}out{% endif %}",
    "{% if 5 > 'a' %}y{% else %}n{% endif %}",
    "{% if not not true %}y{% endif %}",
    "{% if a == b == c %}x{% endif %}",
    "{% elif %}",
]:
    case(tpl, templates={**INCLUDES, **MORE})
for name in ["ae_child.html", "blockinc.html", "dir/rel.html"]:
    case("", templates={**INCLUDES, **MORE}, render=name)
# What a block sets stays in the block (BlockNode pushes the context); a
# block that only reads the context sees the names around it.
SCOPES = {
    "scope_base.html": "{% block a %}{% url 'home' as u %}[{{ u }}]{% endblock %}"
                       "({{ u }})|{% block b %}{% cycle 'x' 'y' as cy %}{% endblock %}"
                       "({{ cy }})|{% block c %}{{ name }}{% endblock %}",
    "scope_child.html": "{% extends 'scope_base.html' %}{% load mylib %}"
                        "{% block a %}{% setvar u num %}={{ u }}={% endblock %}"
                        "{% block c %}{% now 'Y' as year %}{{ year|length }}"
                        "{{ block.super }}{% endblock %}",
}
for name in ["scope_base.html", "scope_child.html"]:
    case("", templates={**INCLUDES, **SCOPES}, render=name, libraries=LIB)
case("{% extends 'scope_base.html' %}{% block a %}{% url 'home' %}{% endblock %}"
     "{% block b %}{% for x in items %}{% block inner %}{{ x }}{% endblock %}"
     "{% endfor %}{% endblock %}", templates=SCOPES)
for tpl in ["{{ missing|default:'d' }}", "{% with a=missing %}[{{ a }}]{% endwith %}",
            "{{ obj.name|default:missing }}", "{% firstof missing %}",
            "{% include 'inc_item.html' %}", "{{ items.9 }}|{{ dict.nope }}",
            "{% cycle missing 'b' %}", "{{ missing.attr|upper }}"]:
    case(tpl, templates=INCLUDES, string_if_invalid="<bad %s>")

# -- {% load i18n %} (English only: messages are returned untranslated)
for tpl in [
    "{% load i18n %}{% translate 'Hello' %} {% trans \"x\" %}",
    "{% load i18n %}{% translate 'Hi' as hi %}[{{ hi }}]",
    "{% load i18n %}{% blocktranslate %}Hello {{ name }}, 100% sure"
    "{% endblocktranslate %}",
    "{% load i18n %}{% blocktranslate with who=name|upper %}Hi {{ who }}"
    "{% endblocktranslate %}",
    "{% load i18n %}{% blocktranslate count counter=items|length %}one {{ counter }}"
    "{% plural %}{{ counter }} things{% endblocktranslate %}",
    "{% load i18n %}{% blocktranslate count n=one %}one {{ n }}{% plural %}many"
    "{% endblocktranslate %}",
    "{% load i18n %}{% blocktranslate trimmed %}\n  a\n   b  \n{% endblocktranslate %}",
    "{% load i18n %}{% blocktrans asvar msg %}x {{ s }}{% endblocktrans %}[{{ msg }}]",
    "{% load i18n %}{% blocktranslate %}{{ missing }}!{% endblocktranslate %}",
    "{% load i18n %}{% blocktranslate %}{% if %}{% endblocktranslate %}",
    "{% load i18n %}{% blocktranslate %}{{ a.b }}{% endblocktranslate %}",
    "{% load i18n %}{% blocktranslate bogus %}x{% endblocktranslate %}",
]:
    case(tpl, libraries={"i18n": "django.templatetags.i18n"})

# -- Names that could collide with the generated Python
for tpl in [
    "{% for out in items %}{{ out }}{% endfor %}{{ ctx }}{{ write }}{{ value }}",
    "{% with ctx='c' out='o' extend='e' %}{{ ctx }}{{ out }}{{ extend }}{% endwith %}",
    "{% for render in items %}{{ render }}{% endfor %}",
    "{% block my-block %}dash{% endblock %}{% block render %}R{% endblock %}",
    "{% for café in items %}{{ café }}{% endfor %}",
    "{% with None=1 %}{{ None }}{% endwith %}",
    "{% for x in items %}{% for x in nums %}{{ x }}{% endfor %}{{ x }}{% endfor %}",
]:
    case(tpl, extra={"ctx": "CTX", "write": "W", "value": "V"})

# -- Whitespace, text, lines
for tpl in [
    "line1\n{% if true %}\n  yes\n{% endif %}\nend", "{{name}}{{ name }}{{  name  }}",
    "a {{ num }} b {{ num }} c", "{ not a tag } {not} % } {{ '{' }}",
    "100% {{ num }}%", "{% if true %}{% if true %}nested{% endif %}{% endif %}",
    "é ü ∑ {{ s }} ✓",
]:
    case(tpl)


def without_addresses(message):
    """The message with object addresses (`at 0x7f...`) masked: they differ
    per run, and the tests compare only the text before the context dump."""
    return re.sub(r" at 0x[0-9a-f]+>", " at 0x...>", message)


def run():
    import django
    from django.conf import settings

    settings.configure(
        USE_TZ=True, TIME_ZONE="UTC", INSTALLED_APPS=[], STATIC_URL="/static/",
        ROOT_URLCONF="tests.template_corpus_urls",
        MEDIA_URL="/media/", SECRET_KEY="corpus",
        TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}])
    django.setup()
    from django.template import Context, Engine

    from tests.template_corpus_fixtures import base_context

    out = []
    for i, (template, options) in enumerate(T):
        # {% lorem %} and |random draw from `random`: a seed per case keeps
        # the file reproducible, and one case's draws independent of the others.
        random.seed(i)
        engine = Engine(
            loaders=[("django.template.loaders.locmem.Loader",
                      options.get("templates", {}))],
            libraries={**STANDARD_LIBRARIES, **options.get("libraries", {})},
            string_if_invalid=options.get("string_if_invalid", ""))
        context = base_context()
        context.update(options.get("extra", {}))
        record = {"id": i, "template": template,
                  **{k: v for k, v in options.items()}}
        try:
            if options.get("render"):
                t = engine.get_template(options["render"])
            else:
                t = engine.from_string(template)
            record["expected"] = t.render(Context(context))
        except Exception as err:
            record["error"] = type(err).__name__
            record["message"] = without_addresses(str(err))
        out.append(record)
    path = os.path.join(HERE, "template_corpus.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {len(out)} cases to {path}")


if __name__ == "__main__":
    run()
