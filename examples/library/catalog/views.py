from django.contrib import messages
from django.db.models import Avg, Count
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, ListView

from .forms import ReviewForm
from .models import Author, Book


class BookListView(ListView):
    model = Book
    paginate_by = 5

    def get_queryset(self):
        books = Book.objects.select_related("author")
        query = self.request.GET.get("q", "").strip()
        if query:
            books = books.filter(title__icontains=query)
        return books

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["query"] = self.request.GET.get("q", "")
        return context


class BookDetailView(DetailView):
    model = Book

    def get_queryset(self):
        return Book.objects.annotate(
            review_count=Count("reviews"), average=Avg("reviews__stars"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ReviewForm())
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = ReviewForm(request.POST)
        if form.is_valid():
            review = form.save(commit=False)
            review.book = self.object
            review.save()
            messages.success(request, "Thank you for your review.")
            return redirect(self.object)
        return self.render_to_response(self.get_context_data(form=form))


class AuthorDetailView(DetailView):
    model = Author
    context_object_name = "author"


def author_by_name(request, name):
    author = get_object_or_404(Author, name__iexact=name)
    return redirect("catalog:author-detail", pk=author.pk)
