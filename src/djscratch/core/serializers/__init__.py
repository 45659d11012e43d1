"""Serializers (django.core.serializers): the JSON encoder."""
