"""The core: exceptions, signing, files, handlers, servers, commands."""
