"""The contrib apps djscratch provides."""
