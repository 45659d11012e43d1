"""Static files: URLs, finders and serving."""
