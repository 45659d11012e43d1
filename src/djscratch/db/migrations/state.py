"""django.db.migrations.state's ModelState and ProjectState, refused:
djscratch has no migrations (`migrate` syncs the schema from the models), so
building a migration state names the missing feature and the Django engine.
No Django counterpart.
"""

__all__ = [
    "ProjectState",
]


def _refuse_migration_state(name):
    raise NotImplementedError(
        "djscratch does not implement migrations (django.db.migrations.state.%s): "
        "`migrate` creates the tables from the models. Run code that builds "
        "migration states on Django 5.2 (DJSCRATCH_ENGINE=django)." % name)


class _MigrationModelState:
    """django.db.migrations.state.ModelState: refused on use."""

    def __init__(self, *args, **kwargs):
        _refuse_migration_state("ModelState")

    @classmethod
    def from_model(cls, model, exclude_rels=False):
        _refuse_migration_state("ModelState")


class ProjectState:
    """django.db.migrations.state.ProjectState: refused on use."""

    def __init__(self, *args, **kwargs):
        _refuse_migration_state("ProjectState")

    @classmethod
    def from_apps(cls, apps):
        _refuse_migration_state("ProjectState")
