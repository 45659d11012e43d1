"""The built-in form and widget templates in Jinja2's syntax, for the Jinja2
form renderer (django/forms/jinja2/): each renders the HTML its Django-syntax
twin in forms.renderers and forms.widgets renders.

Jinja2 differs from Django's language in what these templates use: methods
are called (`field.label_tag()`), `loop` replaces `forloop`, an include takes
its variables from a `with` block, and a template's trailing newline is
dropped (so the multiwidget needs no {% spaceless %}).
"""

__all__ = ["JINJA2_FORM_TEMPLATES"]

_J2_HIDDEN = "{% for field in hidden_fields %}{{ field }}{% endfor %}"
_J2_CLASS_ATTR = ('{% with classes=field.css_classes() %}{% if classes %} class="'
               '{{ classes }}"{% endif %}{% endwith %}')
_J2_HELP_TEXT = ('{% if field.auto_id %} id="{{ field.auto_id }}_helptext"{% endif %}>'
              '{{ field.help_text|safe }}')
_J2_LAST_HIDDEN = "{% if loop.last %}" + _J2_HIDDEN + "{% endif %}"
_J2_NO_FIELDS = "{% if not fields and not errors %}" + _J2_HIDDEN + "{% endif %}\n"

_J2_FORMS = {
    "div.html": (
        "{{ errors }}\n"
        "{% if errors and not fields %}<div>" + _J2_HIDDEN + "</div>{% endif %}\n"
        "{% for field, errors in fields %}\n"
        "<div" + _J2_CLASS_ATTR + ">\n"
        "  {{ field.as_field_group() }}\n"
        "  " + _J2_LAST_HIDDEN + "\n"
        "</div>\n"
        "{% endfor %}\n" + _J2_NO_FIELDS),
    "p.html": (
        "{{ errors }}\n"
        "{% if errors and not fields %}<p>" + _J2_HIDDEN + "</p>{% endif %}\n"
        "{% for field, errors in fields %}\n"
        "  {{ errors }}\n"
        "  <p" + _J2_CLASS_ATTR + ">\n"
        "    {% if field.label %}{{ field.label_tag() }}{% endif %}\n"
        "    {{ field }}\n"
        '    {% if field.help_text %}<span class="helptext"' + _J2_HELP_TEXT
        + "</span>{% endif %}\n"
        "    " + _J2_LAST_HIDDEN + "\n"
        "  </p>\n"
        "{% endfor %}\n" + _J2_NO_FIELDS),
    "ul.html": (
        "{% if errors %}<li>{{ errors }}"
        "{% if not fields %}" + _J2_HIDDEN + "{% endif %}</li>{% endif %}\n"
        "{% for field, errors in fields %}\n"
        "  <li" + _J2_CLASS_ATTR + ">\n"
        "    {{ errors }}\n"
        "    {% if field.label %}{{ field.label_tag() }}{% endif %}\n"
        "    {{ field }}\n"
        '    {% if field.help_text %}<span class="helptext"' + _J2_HELP_TEXT
        + "</span>{% endif %}\n"
        "    " + _J2_LAST_HIDDEN + "\n"
        "  </li>\n"
        "{% endfor %}\n" + _J2_NO_FIELDS),
    "table.html": (
        '{% if errors %}<tr><td colspan="2">{{ errors }}'
        "{% if not fields %}" + _J2_HIDDEN + "{% endif %}</td></tr>{% endif %}\n"
        "{% for field, errors in fields %}\n"
        "  <tr" + _J2_CLASS_ATTR + ">\n"
        "    <th>{% if field.label %}{{ field.label_tag() }}{% endif %}</th>\n"
        "    <td>\n"
        "      {{ errors }}\n"
        "      {{ field }}\n"
        '      {% if field.help_text %}<br><span class="helptext"' + _J2_HELP_TEXT
        + "</span>{% endif %}\n"
        "      " + _J2_LAST_HIDDEN + "\n"
        "    </td>\n"
        "  </tr>\n"
        "{% endfor %}\n" + _J2_NO_FIELDS),
    "field.html": (
        "{% if field.use_fieldset %}<fieldset"
        '{% if field.aria_describedby %} aria-describedby="'
        '{{ field.aria_describedby }}"{% endif %}>\n'
        "{% if field.label %}{{ field.legend_tag() }}{% endif %}\n"
        "{% elif field.label %}{{ field.label_tag() }}{% endif %}\n"
        '{% if field.help_text %}<div class="helptext"' + _J2_HELP_TEXT
        + "</div>{% endif %}\n"
        "{{ field.errors }}\n"
        "{{ field }}{% if field.use_fieldset %}</fieldset>{% endif %}\n"),
    "label.html": (
        "{% if use_tag %}<{{ tag }}"
        "{% if attrs %}{% include 'django/forms/attrs.html' %}{% endif %}>"
        "{{ label }}</{{ tag }}>{% else %}{{ label }}{% endif %}\n"),
    "attrs.html": (
        "{% for name, value in attrs.items() %}{% if value is not sameas false %} "
        '{{ name }}{% if value is not sameas true %}="{{ value }}"{% endif %}'
        "{% endif %}{% endfor %}"),
    "errors/list/default.html": '{% include "django/forms/errors/list/ul.html" %}',
    "errors/list/ul.html": (
        '{% if errors %}<ul class="{{ error_class }}"{% if errors.field_id %} id="'
        '{{ errors.field_id }}_error"{% endif %}>{% for error in errors %}<li>'
        "{{ error }}</li>{% endfor %}</ul>{% endif %}"),
    "errors/list/text.txt": "{% for error in errors %}* {{ error }}\n{% endfor %}",
    "errors/dict/default.html": '{% include "django/forms/errors/dict/ul.html" %}',
    "errors/dict/ul.html": (
        '{% if errors %}<ul class="{{ error_class }}">{% for field, error in errors %}'
        "<li>{{ field }}{{ error }}</li>{% endfor %}</ul>{% endif %}"),
    "errors/dict/text.txt": (
        "{% for field, errors in errors %}* {{ field }}\n"
        "{% for error in errors %}  * {{ error }}\n{% endfor %}{% endfor %}"),
}
for _j2_layout in ("div", "p", "table", "ul"):
    _J2_FORMS[f"formsets/{_j2_layout}.html"] = (
        "{{ formset.management_form }}{% for form in formset %}"
        "{{ form.as_" + _j2_layout + "() }}{% endfor %}")

_J2_INPUT = "django/forms/widgets/input.html"
_J2_OPTION = "django/forms/widgets/input_option.html"
_J2_MULTIPLE = "django/forms/widgets/multiple_input.html"
_J2_MULTIWIDGET = "django/forms/widgets/multiwidget.html"

_J2_WIDGETS = {
    "attrs.html": (
        "{% for name, value in widget.attrs.items() %}"
        "{% if value is not sameas false %} {{ name }}"
        '{% if value is not sameas true %}="{{ value }}"{% endif %}'
        "{% endif %}{% endfor %}"),
    "input.html": (
        '<input type="{{ widget.type }}" name="{{ widget.name }}"'
        '{% if widget.value != None %} value="{{ widget.value }}"{% endif %}'
        '{% include "django/forms/widgets/attrs.html" %}>'),
    "textarea.html": (
        '<textarea name="{{ widget.name }}"'
        '{% include "django/forms/widgets/attrs.html" %}>\n'
        "{% if widget.value %}{{ widget.value }}{% endif %}</textarea>"),
    "select.html": (
        '<select name="{{ widget.name }}"'
        '{% include "django/forms/widgets/attrs.html" %}>'
        "{% for group_name, group_choices, group_index in widget.optgroups %}"
        '{% if group_name %}\n  <optgroup label="{{ group_name }}">{% endif %}'
        "{% for option in group_choices %}\n  {% with widget=option %}"
        "{% include option.template_name %}{% endwith %}{% endfor %}"
        "{% if group_name %}\n  </optgroup>{% endif %}{% endfor %}\n</select>"),
    "select_option.html": (
        '<option value="{{ widget.value }}"'
        '{% include "django/forms/widgets/attrs.html" %}>{{ widget.label }}</option>'),
    "input_option.html": (
        "{% if widget.wrap_label %}<label{% if widget.attrs.id %} for="
        '"{{ widget.attrs.id }}"{% endif %}>{% endif %}'
        '{% include "' + _J2_INPUT + '" %}'
        "{% if widget.wrap_label %} {{ widget.label }}</label>{% endif %}"),
    "multiple_input.html": (
        "{% with id=widget.attrs.id %}<div{% if id %} id=\"{{ id }}\"{% endif %}"
        '{% if widget.attrs.class %} class="{{ widget.attrs.class }}"{% endif %}>'
        "{% for group, options, index in widget.optgroups %}"
        "{% if group %}\n  <div><label>{{ group }}</label>{% endif %}"
        "{% for option in options %}<div>\n    {% with widget=option %}"
        "{% include option.template_name %}{% endwith %}</div>{% endfor %}"
        "{% if group %}\n  </div>{% endif %}{% endfor %}\n</div>{% endwith %}"),
    "multiwidget.html": (
        "{% for widget in widget.subwidgets %}{% include widget.template_name %}"
        "{% endfor %}"),
    "clearable_file_input.html": (
        "{% if widget.is_initial %}{{ widget.initial_text }}: "
        '<a href="{{ widget.value.url }}">{{ widget.value }}</a>'
        "{% if not widget.required %}\n"
        '<input type="checkbox" name="{{ widget.checkbox_name }}" '
        'id="{{ widget.checkbox_id }}"{% if widget.attrs.disabled %} disabled'
        "{% endif %}{% if widget.attrs.checked %} checked{% endif %}>\n"
        '<label for="{{ widget.checkbox_id }}">{{ widget.clear_checkbox_label }}'
        "</label>{% endif %}<br>\n{{ widget.input_text }}:{% endif %}\n"
        '<input type="{{ widget.type }}" name="{{ widget.name }}"'
        '{% include "django/forms/widgets/attrs.html" %}>'),
}
for _j2_name in ("radio_option", "checkbox_option"):
    _J2_WIDGETS[f"{_j2_name}.html"] = '{% include "' + _J2_OPTION + '" %}'
for _j2_name in ("radio", "checkbox_select"):
    _J2_WIDGETS[f"{_j2_name}.html"] = '{% include "' + _J2_MULTIPLE + '" %}'
for _j2_name in ("multiple_hidden", "splitdatetime", "splithiddendatetime",
              "select_date"):
    _J2_WIDGETS[f"{_j2_name}.html"] = '{% include "' + _J2_MULTIWIDGET + '" %}'
for _j2_name in ("text", "number", "email", "url", "password", "hidden", "checkbox",
              "date", "datetime", "time", "file", "color", "search", "tel"):
    _J2_WIDGETS[f"{_j2_name}.html"] = '{% include "' + _J2_INPUT + '" %}'

#: template name -> Jinja2 source, under Django's names
JINJA2_FORM_TEMPLATES = {
    **{"django/forms/" + name: source for name, source in _J2_FORMS.items()},
    **{"django/forms/widgets/" + name: source for name, source in _J2_WIDGETS.items()},
}
