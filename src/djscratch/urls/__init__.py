"""URL routing (django.urls): converters, resolvers, path() and reverse()."""
