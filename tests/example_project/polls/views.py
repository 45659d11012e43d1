from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render

from .forms import QuestionForm
from .models import Choice, Question


def index(request):
    questions = Question.objects.filter(published=True)
    return render(request, "polls/index.html", {"questions": questions})


def detail(request, pk):
    question = get_object_or_404(Question, pk=pk, published=True)
    request.session["last_seen"] = question.pk
    return render(request, "polls/detail.html", {"question": question})


def new(request):
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        question = Question.objects.create(text=form.cleaned_data["text"])
        messages.success(request, "Question added.")
        return redirect("polls:detail", pk=question.pk)
    return render(request, "polls/new.html", {"form": form})


def vote(request, pk):
    choice = get_object_or_404(Choice, pk=request.POST.get("choice"), question_id=pk)
    choice.votes += 1
    choice.save()
    transaction.on_commit(lambda: request.session.__setitem__("voted", True))
    return redirect("polls:detail", pk=pk)
