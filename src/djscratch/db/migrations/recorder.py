"""django.db.migrations.recorder: importable, so that code naming
MigrationRecorder loads; djscratch records no migrations (it creates tables
from the models, see db/schema_sync.py), so a recorder refuses to be made.
"""

from djscratch.db.utils import NotSupportedError


class MigrationRecorder:
    """Django's record of applied migrations; refused on djscratch."""

    def __init__(self, connection):
        raise NotSupportedError(
            "djscratch has no migrations, so no MigrationRecorder: `migrate` "
            "creates the tables from the models. Use the Django engine "
            "(DJSCRATCH_ENGINE=django) for migrations.")

    def has_table(self):
        return False
