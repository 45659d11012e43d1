"""App label `admin_parts_app`: the models tests/admin_parts_scenario.py
runs the admin's parts (LogEntry, utils, filters, actions) against."""
