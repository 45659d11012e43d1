"""The template side of the autoreloader (django/template/autoreload.py):
the Django-template directories are watched, and a change to a template
resets the loaders' caches instead of restarting the server.
"""

# Later modules, used at call time as djscratch.<module>.<name>:
# forms.renderers (get_default_renderer).
import djscratch

from djscratch.dispatch.dispatcher import receiver
from djscratch.template.backends import DjangoTemplates
from djscratch.template.loader import engines
from djscratch.utils._os import to_path
from djscratch.utils.autoreload import autoreload_started, file_changed, is_django_path

__all__ = []


def get_template_directories():
    """The directories (absolute paths) of every DjangoTemplates backend:
    its DIRS and its loaders' directories, Django's own left out."""
    import pathlib

    cwd = pathlib.Path.cwd()
    items = set()
    for backend in engines.all():
        if not isinstance(backend, DjangoTemplates):
            continue
        items.update(cwd / to_path(directory) for directory in backend.engine.dirs
                     if directory)
        for loader in backend.engine.template_loaders:
            if not hasattr(loader, "get_dirs"):
                continue
            items.update(cwd / to_path(directory) for directory in loader.get_dirs()
                         if directory and not is_django_path(directory))
    return items


def reset_loaders():
    """Empty the caches of the loaders of every DjangoTemplates backend and
    of the default form renderer's engine."""
    for backend in engines.all():
        if isinstance(backend, DjangoTemplates):
            _reset_engine_loaders(backend.engine)
    renderer = djscratch.forms.renderers.get_default_renderer()
    backend = getattr(renderer, "engine", None)
    if isinstance(backend, DjangoTemplates):
        _reset_engine_loaders(backend.engine)


def _reset_engine_loaders(engine):
    for loader in engine.template_loaders:
        loader.reset()


@receiver(autoreload_started, dispatch_uid="template_loaders_watch_changes")
def watch_for_template_changes(sender, **kwargs):
    for directory in get_template_directories():
        sender.watch_dir(directory, "**/*")


@receiver(file_changed, dispatch_uid="template_loaders_file_changed")
def template_changed(sender, file_path, **kwargs):
    """A changed template resets the loaders (and no reload happens)."""
    if file_path.suffix == ".py":
        return None
    for template_dir in get_template_directories():
        if template_dir in file_path.parents:
            reset_loaders()
            return True
    return None
