"""The "xml" serializer (django/core/serializers/xml_serializer.py): Django's
<django-objects> format, read with a hardened expat parser that refuses
DTDs, entity declarations and external references.  The xml modules load
on first use.
"""

import contextlib

from djscratch.utils.module_loading import _package
from djscratch.conf import settings
from djscratch.core.exceptions import ObjectDoesNotExist
from djscratch.db.utils import DEFAULT_DB_ALIAS
from djscratch.db.models.related import ManyToManyRel, ManyToOneRel
from djscratch.utils.xmlutils import UnserializableContentError
from djscratch.core.serializers.base import (
    BaseDeserializer, BaseSerializer, build_instance, DEFER_FIELD,
    DeserializationError, DeserializedObject, M2MDeserializationError,
    SerializationError,
)
from djscratch.core.serializers.python import PythonDeserializer


@contextlib.contextmanager
def fast_cache_clearing():
    """Let minidom check a node's document by its owner, not by walking the
    whole tree (quadratic on deep documents), for the block's duration."""
    from xml.dom import minidom

    original = getattr(minidom, "_in_document", None)
    if original is None or original.__name__ == "<lambda>":
        yield
        return
    minidom._in_document = lambda node: bool(node.ownerDocument)
    try:
        yield
    finally:
        minidom._in_document = original


class XmlSerializer(BaseSerializer):
    """django.core.serializers.xml_serializer.Serializer."""

    def indent(self, level):
        if self.options.get("indent") is not None:
            self.xml.ignorableWhitespace("\n" + " " * self.options["indent"] * level)

    def start_serialization(self):
        generator = _package().SimplerXMLGenerator
        self.xml = generator(self.stream,
                             self.options.get("encoding", settings.DEFAULT_CHARSET))
        self.xml.startDocument()
        self.xml.startElement("django-objects", {"version": "1.0"})

    def end_serialization(self):
        self.indent(0)
        self.xml.endElement("django-objects")
        self.xml.endDocument()

    def start_object(self, obj):
        if not hasattr(obj, "_meta"):
            raise SerializationError(
                "Non-model object (%s) encountered during serialization" % type(obj))
        self.indent(1)
        attrs = {"model": str(obj._meta)}
        if not self.use_natural_primary_keys or not hasattr(obj, "natural_key"):
            if obj.pk is not None:
                attrs["pk"] = obj._meta.pk.value_to_string(obj)
        self.xml.startElement("object", attrs)

    def end_object(self, obj):
        self.indent(1)
        self.xml.endElement("object")

    def handle_field(self, obj, field):
        import json

        self.indent(2)
        self.xml.startElement("field", {"name": field.name,
                                        "type": field.get_internal_type()})
        if getattr(obj, field.name) is None:
            self.xml.addQuickElement("None")
        else:
            if field.get_internal_type() == "JSONField":
                value = json.dumps(field.value_from_object(obj), cls=field.encoder)
            else:
                value = field.value_to_string(obj)
            try:
                self.xml.characters(value)
            except UnserializableContentError:
                raise ValueError("%s.%s (pk:%s) contains unserializable characters"
                                 % (type(obj).__name__, field.name, obj.pk)) from None
        self.xml.endElement("field")

    def _natural_key_elements(self, key):
        for value in key:  # each part of a natural key is its own element
            self.xml.startElement("natural", {})
            self.xml.characters(str(value))
            self.xml.endElement("natural")

    def handle_fk_field(self, obj, field):
        self._start_relational_field(field)
        value = getattr(obj, field.attname)
        if value is None:
            self.xml.addQuickElement("None")
        elif self.use_natural_foreign_keys and hasattr(field.remote_field.model,
                                                       "natural_key"):
            self._natural_key_elements(getattr(obj, field.name).natural_key())
        else:
            self.xml.characters(str(value))
        self.xml.endElement("field")

    def handle_m2m_field(self, obj, field):
        if not field.remote_field.through._meta.auto_created:
            return  # a custom through model's rows are serialized themselves
        self._start_relational_field(field)
        natural = self.use_natural_foreign_keys and hasattr(
            field.remote_field.model, "natural_key")
        prefetched = getattr(obj, "_prefetched_objects_cache", {})
        if field.name in prefetched:
            related = prefetched[field.name]
        elif natural:
            related = getattr(obj, field.name).iterator()
        else:
            related = getattr(obj, field.name).select_related(None).only(
                "pk").iterator()
        for value in related:
            if natural:
                self.xml.startElement("object", {})
                self._natural_key_elements(value.natural_key())
                self.xml.endElement("object")
            else:
                self.xml.addQuickElement("object", attrs={"pk": str(value.pk)})
        self.xml.endElement("field")

    def _start_relational_field(self, field):
        self.indent(2)
        self.xml.startElement("field", {
            "name": field.name,
            "rel": type(field.remote_field).__name__,
            "to": str(field.remote_field.model._meta),
        })


class XmlDeserializer(BaseDeserializer):
    """django.core.serializers.xml_serializer.Deserializer: a
    DeserializedObject per <object> element."""

    def __init__(self, stream_or_string, *, using=DEFAULT_DB_ALIAS,
                 ignorenonexistent=False, **options):
        import io
        from xml.dom import pulldom

        if isinstance(stream_or_string, bytes):  # a fixture file's content
            stream_or_string = io.BytesIO(stream_or_string)
        super().__init__(stream_or_string, **options)
        self.handle_forward_references = options.pop("handle_forward_references",
                                                     False)
        self.event_stream = pulldom.parse(self.stream, self._make_parser())
        self.db = using
        self.ignore = ignorenonexistent

    def _make_parser(self):
        """The hardened parser: no DTD, no entities, no external references."""
        return _package().DefusedExpatParser()

    def __next__(self):
        for event, node in self.event_stream:
            if event == "START_ELEMENT" and node.nodeName == "object":
                with fast_cache_clearing():
                    self.event_stream.expandNode(node)
                return self._handle_object(node)
        raise StopIteration

    def _handle_object(self, node):
        Model = self._get_model_from_node(node, "model")
        data, m2m_data, deferred_fields = {}, {}, {}
        if node.hasAttribute("pk"):
            data[Model._meta.pk.attname] = Model._meta.pk.to_python(
                node.getAttribute("pk"))
        field_names = {f.name for f in Model._meta.get_fields()}
        for field_node in node.getElementsByTagName("field"):
            name = field_node.getAttribute("name")
            if not name:
                raise DeserializationError(
                    "<field> node is missing the 'name' attribute")
            if self.ignore and name not in field_names:
                continue
            field = Model._meta.get_field(name)
            if field.remote_field and isinstance(field.remote_field, ManyToManyRel):
                value = self._handle_m2m_field_node(field_node, field)
                if value is DEFER_FIELD:
                    deferred_fields[field] = [
                        [getInnerText(k).strip()
                         for k in obj_node.getElementsByTagName("natural")]
                        for obj_node in field_node.getElementsByTagName("object")]
                else:
                    m2m_data[field.name] = value
            elif field.remote_field and isinstance(field.remote_field, ManyToOneRel):
                value = self._handle_fk_field_node(field_node, field)
                if value is DEFER_FIELD:
                    deferred_fields[field] = [
                        getInnerText(k).strip()
                        for k in field_node.getElementsByTagName("natural")]
                else:
                    data[field.attname] = value
            else:
                data[field.name] = self._field_value(field_node, field)
        return DeserializedObject(build_instance(Model, data, self.db), m2m_data,
                                  deferred_fields)

    @staticmethod
    def _field_value(node, field):
        import json

        if node.getElementsByTagName("None"):
            return None
        value = field.to_python(getInnerText(node).strip())
        if field.get_internal_type() == "JSONField":  # its text is JSON
            value = json.loads(value, cls=field.decoder)
        return value

    def _handle_fk_field_node(self, node, field):
        if node.getElementsByTagName("None"):
            return None
        model = field.remote_field.model
        target = field.target_field
        keys = node.getElementsByTagName("natural")
        if keys and hasattr(model._default_manager, "get_by_natural_key"):
            natural_key = [getInnerText(k).strip() for k in keys]
            try:
                obj = model._default_manager.db_manager(self.db).get_by_natural_key(
                    *natural_key)
            except ObjectDoesNotExist:
                if self.handle_forward_references:
                    return DEFER_FIELD
                raise
            # attname: a multi-table child's key is its parent link's value.
            return getattr(obj, target.attname)
        return target.to_python(getInnerText(node).strip())

    def _handle_m2m_field_node(self, node, field):
        model = field.remote_field.model
        manager = model._default_manager
        natural = hasattr(manager, "get_by_natural_key")

        def convert(object_node):
            keys = object_node.getElementsByTagName("natural") if natural else ()
            if keys:
                return manager.db_manager(self.db).get_by_natural_key(
                    *[getInnerText(k).strip() for k in keys]).pk
            return model._meta.pk.to_python(object_node.getAttribute("pk"))

        values, object_node = [], None
        try:
            for object_node in node.getElementsByTagName("object"):
                values.append(convert(object_node))
        except Exception as e:
            if isinstance(e, ObjectDoesNotExist) and self.handle_forward_references:
                return DEFER_FIELD
            raise M2MDeserializationError(e, object_node) from None
        return values

    @staticmethod
    def _get_model_from_node(node, attr):
        """The model an <object model="..."> names."""
        identifier = node.getAttribute(attr)
        if not identifier:
            raise DeserializationError(
                "<%s> node is missing the required '%s' attribute"
                % (node.nodeName, attr))
        try:
            return PythonDeserializer._get_model_from_node(identifier)
        except DeserializationError:
            raise DeserializationError(
                "<%s> node has invalid model identifier: '%s'"
                % (node.nodeName, identifier)) from None


def getInnerText(node):
    """The text of a DOM node and its descendants, joined."""
    return "".join(getInnerTextList(node))


def getInnerTextList(node):
    """The texts (and CDATA) of a DOM node and its descendants, in order."""
    texts = []
    for child in node.childNodes:
        if child.nodeType in (child.TEXT_NODE, child.CDATA_SECTION_NODE):
            texts.append(child.data)
        elif child.nodeType == child.ELEMENT_NODE:
            texts.extend(getInnerTextList(child))
    return texts


# -- the hardened parser (the checks defusedxml makes)


class DefusedXmlException(ValueError):
    """An XML document used a feature the deserializer refuses."""

    def __repr__(self):
        return str(self)


class DTDForbidden(DefusedXmlException):
    """The document has a document type declaration."""

    def __init__(self, name, sysid, pubid):
        super().__init__()
        self.name, self.sysid, self.pubid = name, sysid, pubid

    def __str__(self):
        return "DTDForbidden(name='{}', system_id={!r}, public_id={!r})".format(
            self.name, self.sysid, self.pubid)


class EntitiesForbidden(DefusedXmlException):
    """The document declares an entity."""

    def __init__(self, name, value, base, sysid, pubid, notation_name):
        super().__init__()
        self.name, self.value, self.base = name, value, base
        self.sysid, self.pubid, self.notation_name = sysid, pubid, notation_name

    def __str__(self):
        return "EntitiesForbidden(name='{}', system_id={!r}, public_id={!r})".format(
            self.name, self.sysid, self.pubid)


class ExternalReferenceForbidden(DefusedXmlException):
    """The document refers to an external resource."""

    def __init__(self, context, base, sysid, pubid):
        super().__init__()
        self.context, self.base, self.sysid, self.pubid = context, base, sysid, pubid

    def __str__(self):
        return "ExternalReferenceForbidden(system_id='{}', public_id={})".format(
            self.sysid, self.pubid)


def _defused_expat_parser_class():
    from xml.sax import handler
    from xml.sax.expatreader import ExpatParser

    class DefusedExpatParser(ExpatParser):
        """An expat parser that refuses DTDs, entity declarations and
        external entity references (XML bombs, file disclosure)."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.setFeature(handler.feature_external_ges, False)
            self.setFeature(handler.feature_external_pes, False)

        def start_doctype_decl(self, name, sysid, pubid, has_internal_subset):
            raise DTDForbidden(name, sysid, pubid)

        def entity_decl(self, name, is_parameter_entity, value, base, sysid, pubid,
                        notation_name):
            raise EntitiesForbidden(name, value, base, sysid, pubid, notation_name)

        def unparsed_entity_decl(self, name, base, sysid, pubid, notation_name):
            raise EntitiesForbidden(name, None, base, sysid, pubid, notation_name)

        def external_entity_ref_handler(self, context, base, sysid, pubid):
            raise ExternalReferenceForbidden(context, base, sysid, pubid)

        def reset(self):
            super().reset()
            parser = self._parser
            parser.StartDoctypeDeclHandler = self.start_doctype_decl
            parser.EntityDeclHandler = self.entity_decl
            parser.UnparsedEntityDeclHandler = self.unparsed_entity_decl
            parser.ExternalEntityRefHandler = self.external_entity_ref_handler

    DefusedExpatParser.__module__ = __name__
    return DefusedExpatParser
