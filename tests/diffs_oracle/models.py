"""The app's models are the scenario's (tests/diffs_scenario.py): imported
here so that a test runner creates their tables."""

from tests.diffs_scenario import (  # noqa: F401
    Author, Book, Code, Later, Numbers, Reader, Reading, Shelf,
    Sticker, Tag,
)
