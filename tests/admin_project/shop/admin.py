from decimal import Decimal

from django import forms
from django.contrib import admin

from .models import Category, Event, Product, Review, Warranty


class PriceBandFilter(admin.SimpleListFilter):
    title = "price band"
    parameter_name = "band"

    def lookups(self, request, model_admin):
        return [("cheap", "Under 10"), ("dear", "10 and over")]

    def queryset(self, request, queryset):
        if self.value() == "cheap":
            return queryset.filter(price__lt=10)
        if self.value() == "dear":
            return queryset.filter(price__gte=10)
        return queryset


@admin.action(description="Mark selected %(verbose_name_plural)s as live",
              permissions=["change"])
def make_live(modeladmin, request, queryset):
    count = queryset.update(status="live")
    modeladmin.message_user(request, f"{count} made live.")


class ReviewInline(admin.StackedInline):
    model = Review
    extra = 1
    max_num = 5


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "status", "available", "price",
                    "price_with_tax"]
    list_display_links = ["name"]
    list_editable = ["price"]
    list_filter = ["available", "status", "category", PriceBandFilter]
    search_fields = ["^name", "=slug", "category__name"]
    ordering = ["name"]
    date_hierarchy = "created"
    readonly_fields = ["created"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["category"]
    list_per_page = 20
    save_on_top = True
    save_as = True
    actions = [make_live]
    inlines = [ReviewInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", ("price", "available")]}),
        ("More", {"fields": ["category", "status", "released", "notes", "created"],
                  "classes": ["collapse"], "description": "Optional details."}),
    ]

    @admin.display(description="Price with tax", ordering="price")
    def price_with_tax(self, obj):
        return obj.price * Decimal("1.2")

    def get_queryset(self, request):
        return super().get_queryset(request).exclude(name__startswith="zz")

    def save_model(self, request, obj, form, change):
        if not obj.notes:
            obj.notes = f"saved by {request.user.get_username()}"
        super().save_model(request, obj, form, change)


class ProductRowForm(forms.ModelForm):
    class Meta:
        model = Product
        fields = ["name", "slug", "price"]
        widgets = {"slug": forms.HiddenInput}


class ProductTabularInline(admin.TabularInline):
    """A field with a hidden widget still goes out with each row."""

    model = Product
    form = ProductRowForm
    extra = 0


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    search_fields = ["name"]
    inlines = [ProductTabularInline]

    def has_delete_permission(self, request, obj=None):
        return obj is None or obj.name != "Locked"


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "happened", "important"]
    list_filter = ["important", "happened"]
    search_fields = ["title"]


@admin.register(Warranty)
class WarrantyAdmin(admin.ModelAdmin):
    list_display = ["product", "years", "terms_url"]

    class Media:
        js = ["shop/warranty.js"]
