"""The file settings check (django/core/checks/files.py): files.E001, an
FILE_UPLOAD_TEMP_DIR that is not a directory.
"""

from djscratch.conf import settings
from djscratch.core.checks.messages import Error
from djscratch.core.checks.registry import register, Tags

__all__ = [
    "check_setting_file_upload_temp_dir",
]


@register(Tags.files)
def check_setting_file_upload_temp_dir(app_configs, **kwargs):
    """files.E001: FILE_UPLOAD_TEMP_DIR names no existing directory."""
    import pathlib  # (checks run at start-up of a command, not per import)

    setting = getattr(settings, "FILE_UPLOAD_TEMP_DIR", None)
    if setting and not pathlib.Path(setting).is_dir():
        return [Error(f"The FILE_UPLOAD_TEMP_DIR setting refers to the "
                      f"nonexistent directory '{setting}'.", id="files.E001")]
    return []
