"""The notes pages: anyone sees the home page, a logged-in user their notes,
and only users with the notes.add_note permission may write one."""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.shortcuts import render
from django.urls import reverse_lazy
from django.views.generic import CreateView

from .models import Note


def home(request):
    return render(request, "notes/home.html")


@login_required
def my_notes(request):
    return render(request, "notes/mine.html",
                  {"notes": request.user.notes.order_by("pk")})


class NoteCreateView(PermissionRequiredMixin, CreateView):
    permission_required = "notes.add_note"
    model = Note
    fields = ["text"]
    template_name = "notes/new.html"
    success_url = reverse_lazy("notes:mine")

    def form_valid(self, form):
        form.instance.owner = self.request.user
        return super().form_valid(form)
