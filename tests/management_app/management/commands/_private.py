"""Not a command: a name starting with an underscore is skipped."""
