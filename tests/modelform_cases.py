"""ModelForms, model choice fields and model formsets rendered by real Django
(gen_modelform_expected.py) and by djscratch (test_modelforms.py).

Models are defined inside models() so each engine builds its own; create the
tables with the engine's schema tools before calling build().
"""

import datetime
import decimal

_MODELS = {}


def models():
    """Define (once) and return the test models: Author, Tag, Book."""
    if _MODELS:
        return _MODELS
    from django.db import models as m

    class Author(m.Model):
        name = m.CharField(max_length=50, unique=True)
        email = m.EmailField(blank=True)
        bio = m.TextField(blank=True, help_text="A few words.")
        born = m.DateField(null=True, blank=True)
        active = m.BooleanField(default=True)
        rating = m.IntegerField(choices=[(1, "Poor"), (2, "Fair"), (3, "Good")],
                                default=2)

        class Meta:
            app_label = "forms_tests"
            ordering = ["name"]

        def __str__(self):
            return self.name

    class Tag(m.Model):
        name = m.CharField(max_length=20)

        class Meta:
            app_label = "forms_tests"
            ordering = ["name"]

        def __str__(self):
            return self.name

    class Book(m.Model):
        title = m.CharField("book title", max_length=100)
        author = m.ForeignKey(Author, on_delete=m.CASCADE)
        tags = m.ManyToManyField(Tag, blank=True)
        price = m.DecimalField(max_digits=6, decimal_places=2)
        published = m.DateTimeField(null=True, blank=True)
        slug = m.SlugField()

        class Meta:
            app_label = "forms_tests"

        def __str__(self):
            return self.title

    _MODELS.update(Author=Author, Tag=Tag, Book=Book)
    return _MODELS


def populate():
    """Create the rows every case expects (tables must exist and be empty)."""
    ms = models()
    ann = ms["Author"].objects.create(name="Ann <A>", email="ann@example.com",
                                      born=datetime.date(1970, 5, 6), rating=3)
    ms["Author"].objects.create(name="Bob", active=False)
    for name in ("python", "web", "django"):
        ms["Tag"].objects.create(name=name)
    book = ms["Book"].objects.create(title="Forms", author=ann,
                                     price=decimal.Decimal("9.50"), slug="forms")
    book.tags.add(*[t for t in ms["Tag"].objects.all() if t.name in ("web", "python")])


def build():
    """Return {case name: HTML or data} for the ModelForm cases."""
    from django import forms

    ms = models()
    Author, Tag, Book = ms["Author"], ms["Tag"], ms["Book"]

    class AuthorForm(forms.ModelForm):
        class Meta:
            model = Author
            fields = "__all__"

    class BookForm(forms.ModelForm):
        class Meta:
            model = Book
            fields = ["title", "author", "tags", "price", "slug"]
            labels = {"slug": "Address"}
            help_texts = {"price": "In euros."}
            widgets = {"title": forms.TextInput(attrs={"class": "wide"})}
            error_messages = {"title": {"required": "A book needs a title."}}

    class ChooseForm(forms.Form):
        author = forms.ModelChoiceField(Author.objects.all())
        tags = forms.ModelMultipleChoiceField(Tag.objects.all(), required=False)
        by_name = forms.ModelChoiceField(Tag.objects.all(), to_field_name="name",
                                         empty_label="(pick)", required=False)
        radio = forms.ModelChoiceField(Tag.objects.all(), widget=forms.RadioSelect)

    out = {}
    ann = Author.objects.get(name="Ann <A>")
    book = Book.objects.get(slug="forms")
    web = Tag.objects.get(name="web")

    out["author.unbound"] = str(AuthorForm())
    out["author.instance"] = str(AuthorForm(instance=ann))
    dup = AuthorForm({"name": "Bob", "rating": "9", "active": "on", "born": "x"})
    out["author.errors"] = str(dup)
    out["author.errors.json"] = dup.errors.get_json_data()
    out["author.as_p"] = str(AuthorForm().as_p())
    out["book.unbound"] = str(BookForm())
    out["book.instance"] = str(BookForm(instance=book))
    bad = BookForm({"title": "", "author": "999", "tags": ["x", str(web.pk)],
                    "price": "12345.678", "slug": "no good"})
    out["book.errors"] = str(bad)
    out["book.errors.json"] = bad.errors.get_json_data()
    out["book.as_table"] = str(BookForm(instance=book).as_table())
    out["choose.unbound"] = str(ChooseForm())
    chosen = ChooseForm({"author": str(ann.pk), "tags": [str(web.pk)],
                         "by_name": "django", "radio": str(web.pk)})
    out["choose.valid"] = chosen.is_valid()
    out["choose.cleaned"] = {
        "author": str(chosen.cleaned_data["author"]),
        "tags": [str(t) for t in chosen.cleaned_data["tags"]],
        "by_name": str(chosen.cleaned_data["by_name"]),
        "radio": str(chosen.cleaned_data["radio"]),
    }
    out["choose.bound"] = str(chosen)
    wrong = ChooseForm({"author": "abc", "tags": "notalist", "by_name": "nope",
                        "radio": "99"})
    out["choose.wrong.json"] = wrong.errors.get_json_data()
    AuthorFormSet = forms.modelformset_factory(Author, fields=["name", "active"],
                                               extra=1)
    out["author.formset"] = str(AuthorFormSet(queryset=Author.objects.all()))
    dup_rows = AuthorFormSet({
        "form-TOTAL_FORMS": "3", "form-INITIAL_FORMS": "0",
        "form-0-name": "Zed", "form-1-name": "Zed", "form-2-name": "Bob"})
    out["author.formset.duplicates.valid"] = dup_rows.is_valid()
    out["author.formset.duplicates.non_form"] = list(dup_rows.non_form_errors())
    out["author.formset.duplicates.errors"] = [e.get_json_data()
                                               for e in dup_rows.errors]
    out["author.formset.duplicates.html"] = str(dup_rows)
    out["model_to_dict"] = {k: str(v) for k, v in sorted(
        forms.model_to_dict(ann, exclude=["id"]).items())}
    out["fields_for_model"] = {
        name: type(field).__name__
        for name, field in forms.fields_for_model(Book).items()}
    return out
