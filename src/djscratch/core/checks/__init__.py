"""The system checks framework (django/core/checks/): messages, the
registry, and the checks Django runs for what djscratch implements.
"""
