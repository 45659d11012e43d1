"""A tiny installed app for the setup() tests."""
