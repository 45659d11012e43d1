"""The "json" and "jsonl" serializers (django/core/serializers/json.py and
jsonl.py).  They live here, not in serializers/json.py, because that module
loads early (JsonResponse needs DjangoJSONEncoder) and these need the ORM.
"""

from djscratch.utils.module_loading import _package
from djscratch.core.serializers.base import BaseSerializer, DeserializationError
from djscratch.core.serializers.python import PythonDeserializer, PythonSerializer


def _json_kwargs(options, jsonl=False):
    kwargs = dict(options)
    kwargs.pop("stream", None)
    kwargs.pop("fields", None)
    if jsonl:
        kwargs.pop("indent", None)
        kwargs["separators"] = (",", ": ")
    elif options.get("indent"):
        kwargs["separators"] = (",", ": ")
    kwargs.setdefault("cls", _package().DjangoJSONEncoder)
    kwargs.setdefault("ensure_ascii", False)
    return kwargs


def _handle_json_object(deserializer, obj):
    """The python format's reading, with any error as a DeserializationError."""
    try:
        yield from PythonDeserializer._handle_object(deserializer, obj)
    except (GeneratorExit, DeserializationError):
        raise
    except Exception as exc:
        raise DeserializationError(f"Error deserializing object: {exc}") from exc


class JsonSerializer(PythonSerializer):
    """django.core.serializers.json.Serializer: a JSON list, one object per
    line when indented."""

    internal_use_only = False

    def start_serialization(self):
        self._current = None
        self.json_kwargs = _json_kwargs(self.options)
        self.stream.write("[")

    def end_serialization(self):
        indent = self.options.get("indent")
        if indent:
            self.stream.write("\n")
        self.stream.write("]")
        if indent:
            self.stream.write("\n")

    def end_object(self, obj):
        import json

        indent = self.options.get("indent")
        if not self.first:
            self.stream.write("," if indent else ", ")
        if indent:
            self.stream.write("\n")
        json.dump(self.get_dump_object(obj), self.stream, **self.json_kwargs)
        self._current = None

    def getvalue(self):
        return BaseSerializer.getvalue(self)


class JsonDeserializer(PythonDeserializer):
    """django.core.serializers.json.Deserializer: a JSON list of objects."""

    def __init__(self, stream_or_string, **options):
        import json

        if not isinstance(stream_or_string, (bytes, str)):
            stream_or_string = stream_or_string.read()
        if isinstance(stream_or_string, bytes):
            stream_or_string = stream_or_string.decode()
        try:
            objects = json.loads(stream_or_string)
        except Exception as exc:
            raise DeserializationError() from exc
        super().__init__(objects, **options)

    def _handle_object(self, obj):
        return _handle_json_object(self, obj)


class JsonlSerializer(PythonSerializer):
    """django.core.serializers.jsonl.Serializer: one JSON object per line."""

    internal_use_only = False

    def start_serialization(self):
        self._current = None
        self.json_kwargs = _json_kwargs(self.options, jsonl=True)

    def end_serialization(self):
        pass

    def end_object(self, obj):
        import json

        json.dump(self.get_dump_object(obj), self.stream, **self.json_kwargs)
        self.stream.write("\n")
        self._current = None

    def getvalue(self):
        return BaseSerializer.getvalue(self)


class JsonlDeserializer(PythonDeserializer):
    """django.core.serializers.jsonl.Deserializer: one object per line,
    blank lines skipped."""

    def __init__(self, stream_or_string, **options):
        if isinstance(stream_or_string, bytes):
            stream_or_string = stream_or_string.decode()
        if isinstance(stream_or_string, str):
            stream_or_string = stream_or_string.splitlines()
        super().__init__(JsonlDeserializer._get_lines(stream_or_string), **options)

    def _handle_object(self, obj):
        return _handle_json_object(self, obj)

    @staticmethod
    def _get_lines(stream):
        import json

        for line in stream:
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except Exception as exc:
                raise DeserializationError() from exc
