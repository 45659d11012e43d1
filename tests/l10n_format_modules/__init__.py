"""A project's own format modules (FORMAT_MODULE_PATH) for
tests/l10n_formats_scenario.py: formats for German written by this project
(not Django's de locale), every format set so that Django's own de module is
never reached."""
