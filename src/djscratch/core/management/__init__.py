"""The command line: commands, their base and fixtures."""
