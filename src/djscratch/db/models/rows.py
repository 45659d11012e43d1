"""Rows into model instances (django/db/models/query.py's ModelIterable): a row
builder generated per row layout and cached on the model's _meta, select_related()
objects and their caches built inline; _model_rows() is the general loop it
stands for."""

import itertools
import keyword

from djscratch.utils.module_loading import _compile_generated
from djscratch.core.signals import post_init
from djscratch.conf import settings
from djscratch.db.utils import DEFAULT_DB_ALIAS
from djscratch.db.models.fields import _TEXT_FORMS
from djscratch.db.models.base import Model, _LoadedModelState
from djscratch.db.models.sql.compiler import _FilteredSelect


def _model_rows(qs, compiler, rows, db=None):
    """Turn rows into model instances (the hot path: no __init__ per row);
    `db`: the alias they came from (qs.db: the router is asked once)."""
    model = qs.model
    if db is None:
        db = qs.db
    if db == DEFAULT_DB_ALIAS:
        db = None  # a loaded instance's state says "default" without being set
    memo = compiler.row_memo
    # The converters' inline forms follow USE_TZ (fields.py, _TEXT_FORMS).
    use_tz = settings.USE_TZ
    if memo is not None and not post_init.receivers and \
            not qs._known_related_objects:
        # A cached layout (as_sql()) remembers its builder per model, alias
        # and USE_TZ.
        found = memo.get((model, db is not None, use_tz))
        if found is not None:
            return found[0](rows, db, found[1])
    layout = compiler.layout
    fields = layout["fields"]
    opts = model._meta
    if len(fields) == len(opts.concrete_fields):
        attnames, converters = opts._attnames, opts._row_converters
    else:
        attnames = tuple(f.attname for f in fields)
        converters = tuple((i, c) for i, c in ((i, f.get_db_converter())
                                               for i, f in enumerate(fields)) if c)
    n = len(attnames)
    related = layout["related"]
    annotations = layout["annotations"]
    ann_convs = [c for _s, _p, c in compiler.select[len(compiler.select) -
                                                    len(annotations):]] \
        if annotations else []
    new = object.__new__
    result = []
    append = result.append
    known = qs._known_related_objects
    related_plan = _related_plan(related) if related else None
    from_db = _custom_from_db(model)
    if not annotations and not known and not post_init.receivers and \
            from_db is None and not (related and _plan_uses_from_db(related_plan)):
        forms = _TEXT_FORMS[bool(use_tz)]
        build = _row_builder(model, attnames, converters, related_plan, db is not None,
                             len(rows[0]) if rows.__class__ is list and rows else None,
                             forms)
        converters = _plan_converters(converters, related_plan, forms)
        if memo is not None:
            memo[model, db is not None, use_tz] = (build, converters)
        return build(rows, db, converters)
    field_names = list(attnames)  # what from_db() is given, as Django's
    for row in rows:
        if converters:
            row = list(row)
            for i, conv in converters:
                value = row[i]
                if value is not None:
                    row[i] = conv(value)
        if from_db is not None:
            obj = from_db(db or DEFAULT_DB_ALIAS, field_names, row[:n])
            d = obj.__dict__
        else:
            obj = new(model)
            d = obj.__dict__
            d.update(zip(attnames, row[:n] if related or annotations else row))
            if db is not None:
                obj._state.db = db
        if related:
            _attach_related(obj, row, related_plan, db)
        if annotations:
            start = len(row) - len(annotations)
            for j, name in enumerate(annotations):
                value = row[start + j]
                conv = ann_convs[j]
                if conv is not None and value is not None:
                    value = conv(value)
                setattr(obj, name, value)
        for field, objects in known.items():
            # As Django: what select_related() loaded stays.
            if field.name in obj._state.fields_cache:
                continue
            if field.column is None:  # a ForeignObject: its columns' values
                value = tuple(d.get(f.attname) for f in field.local_related_fields)
            elif field.attname in d:
                value = d[field.attname]
            elif len(objects) == 1:  # deferred: the one object's key, no query
                value = d[field.attname] = next(iter(objects))
            else:
                value = getattr(obj, field.attname)  # loads it, as Django
            rel_obj = objects.get(value)
            if rel_obj is not None:
                obj._state.fields_cache[field.name] = rel_obj
        if post_init.receivers:
            post_init.send(sender=model, instance=obj)
        append(obj)
    return result


def _custom_from_db(model):
    """`model.from_db` when the model overrides Model.from_db(), else None:
    Django builds each loaded instance through it (a documented hook), so the
    rows of such a model take the general loop, which calls it."""
    from_db = model.from_db
    return None if getattr(from_db, "__func__", None) is _MODEL_FROM_DB else from_db


_MODEL_FROM_DB = Model.from_db.__func__


def _plan_uses_from_db(plan):
    """Whether a select_related() model of `plan` overrides from_db()."""
    if not plan:
        return False
    return any(_custom_from_db(entry[2]) is not None or _plan_uses_from_db(entry[8])
               for entry in plan)


def _related_plan(related):
    """What select_related() reads from each row, worked out once per query
    rather than once per row: for each joined model, its slice of the row, the
    position of its primary key, its converters and attribute names, where
    the object is cached, and the same for the models joined below it."""
    plan = []
    for field, rmodel, start, children, fields in related:
        meta = rmodel._meta
        if isinstance(field, _FilteredSelect):  # an attribute, not a cache
            names = (("attribute", field.name), field.reverse_name)
        elif field.auto_created and not field.concrete:  # a OneToOneRel
            names = (field.get_cache_name(), field.field.name)
        elif field.one_to_one:  # the related object knows its way back
            names = (field.name, field.remote_field.get_cache_name())
        else:
            names = (field.name, None)
        if fields is meta.concrete_fields:
            converters, attnames = tuple(meta._row_converters), meta._attnames
        else:  # defer()/only() left some columns out
            converters = tuple((i, c) for i, c in (
                (i, f.get_db_converter()) for i, f in enumerate(fields)) if c)
            attnames = tuple(f.attname for f in fields)
        plan.append((
            *names,
            rmodel, start, start + len(fields), fields.index(meta.pk_fields[0]),
            converters, attnames,
            _related_plan(children) if children else None))
    return plan


def _plan_converters(converters, plan, forms=None, out=None):
    """The converter functions of a row builder's plan, in the order its
    code names them: the model's, then each joined model's (depth first);
    a converter with an inline form in `forms` (fields.py, _TEXT_FORMS) is
    followed by its parse function and suffixes (when not None)."""
    out = [] if out is None else out
    for _i, conv in converters:
        out.append(conv)
        form = forms.get(conv) if forms else None
        if form is not None:
            out.extend(part for part in form if part is not None)
    for entry in plan or ():
        _plan_converters(entry[6], entry[8], forms, out)
    return out


def _form_shape(conv, forms):
    """What a converter's inline form (if any) changes in a builder's code."""
    form = forms.get(conv) if forms else None
    return None if form is None else form[1] is not None


def _builder_key(attnames, converters, plan, forms=None):
    """What a row builder's code depends on: the attribute names, the
    positions converted (and the shape of their inline forms), and the
    same for each joined model."""
    return (attnames, tuple((i, _form_shape(c, forms)) for i, c in converters), tuple(
        (*entry[:6], entry[7], _builder_key((), entry[6], entry[8], forms))
        for entry in plan or ()))


def _row_builder(model, attnames, converters, plan, with_db, width=None, forms=None):
    """Return build(rows, db, converters): the rows as `model` instances, as
    the general loop of _model_rows() builds them (with the select_related()
    objects of `plan`), from code generated once per layout and cached on
    the model's _meta: plain stores per column instead of a zip() and an
    update() per object, the converters of `forms` inline; rows of `width`
    columns, all read, are unpacked by the loop.  tests/test_fast_paths.py
    compares the two."""
    unpack = width is not None and width == _columns_read(attnames, plan)
    key = (_builder_key(attnames, converters, plan, forms), with_db, unpack)
    builders = model._meta.__dict__.setdefault("_row_builders", {})
    build = builders.get(key)
    if build is None:
        if len(builders) >= 64:  # layouts made on the fly (only() from input)
            builders.clear()
        build = builders[key] = _compile_row_builder(
            model, attnames, converters, plan, with_db, unpack=unpack, forms=forms)
    return build


def _columns_read(attnames, plan):
    """How many columns of a row the builder of (attnames, plan) reads."""
    return max([len(attnames)] + [max(entry[4], _columns_read((), entry[8]))
                                  for entry in plan or ()])


def _compile_row_builder(model, attnames, converters, plan, with_db, one=False,
                         unpack=False, forms=None):
    """Generate the code _row_builder() returns (with `one`: build(row, db,
    converters), the object of one row; with `unpack`, the loop unpacks
    each row into r0, r1, ... as it takes it, beside the instance made for
    it (all of them made first, by one map()); names and values enter it
    only as repr() literals or through its namespace (an attribute name, as
    an identifier: _stores_by_attribute()).  Each object gets its columns,
    then the objects joined below it, then its state (fields_cache written
    as one dict display) and the FilteredRelation objects it carries; as
    attributes unless one needs its __dict__, then all into the dict.  A
    converter with an inline form in `forms` (fields.py, _TEXT_FORMS) is
    applied by its parse function where the form takes the value, and
    called for the rest."""
    column = "r%d" if unpack and not one else "row[%d]"
    made_first = unpack and not one  # the instances of the rows, by map()
    namespace = {"new": object.__new__, "LoadedState": _LoadedModelState,
                 "DEFAULT_DB_ALIAS": DEFAULT_DB_ALIAS, "len": len,
                 "repeat": itertools.repeat}
    counter = {"objects": 0}
    conv_names = []  # in the order of _plan_converters()
    body = []

    def build_object(pad, rmodel, names, convs, offset, entries, parent):
        """Emit the code building object number N as oN (`parent`: the
        number and cache name of the object it points back to, or None)."""
        number = counter["objects"]
        counter["objects"] += 1
        namespace["M%d" % number] = rmodel
        if not (made_first and number == 0):
            body.append("%so%d = new(M%d)" % (pad, number, number))
        made = []  # whether oN.__dict__ is in dN yet

        def make_dict(pad):
            if not made:
                body.append("%sd%d = o%d.__dict__" % (pad, number, number))
                made.append(True)

        def target(pad, name):
            # As attributes until a name needs the dict (then the dict).
            if not made and _stores_by_attribute(rmodel, name):
                return "o%d.%s" % (number, name)
            make_dict(pad)
            return "d%d[%r]" % (number, name)

        def store(pad, name, value):
            body.append("%s%s = %s" % (pad, target(pad, name), value))

        if not all(_stores_by_attribute(rmodel, name) for name in names):
            # Its dict is made anyway: every column into it (a dict store
            # costs less than an attribute's, which the class's field
            # descriptors keep from being specialized).
            make_dict(pad)

        converted = {}
        for i, conv in convs:
            n = len(conv_names)
            form = forms.get(conv) if forms else None
            conv_names.append("c%d" % n)
            if form is not None:
                conv_names.extend(prefix % n for prefix, part in zip(
                    ("p%d", "s%d"), form) if part is not None)
            converted[i] = (n, form)
        for i, name in enumerate(names):
            value = column % (offset + i)
            if i not in converted:
                store(pad, name, value)
                continue
            n, form = converted[i]
            if form is None:
                body.append("%sv = %s" % (pad, value))
                store(pad, name, "v if v is None else c%d(v)" % n)
                continue
            # The form where it takes the value; the converter for the rest
            # (None, what is no text, a length without a suffix, text the
            # parse refuses).
            where = target(pad, name)
            text = value if form[1] is None else "%s + s%d[len(%s)]" % (value, n, value)
            parsed = "p%d(%s)" % (n, text)
            if _null_allowed(rmodel, name):  # None without an exception
                parsed = "None if %s is None else %s" % (value, parsed)
            body.append("%stry:" % pad)
            body.append("%s    %s = %s" % (pad, where, parsed))
            body.append("%sexcept Exception:" % pad)
            body.append("%s    %s = %s if %s is None else c%d(%s)" % (
                pad, where, value, value, n, value))
        cached = [] if parent is None else [(parent[1], "o%d" % parent[0])]
        carried = []
        for entry in entries:
            (cache_name, reverse_name, child_model, start, _end, pk_index, child_convs,
             child_names, children) = entry
            body.append("%sif %s is None:" % (pad, column % (start + pk_index)))
            body.append("%s    o%d = None" % (pad, counter["objects"]))
            body.append("%selse:" % pad)
            child = build_object(
                pad + "    ", child_model, child_names, child_convs, start,
                children or (),
                None if reverse_name is None else (number, reverse_name))
            if type(cache_name) is tuple:  # a FilteredRelation's attribute
                carried.append((cache_name[1], child))
            else:
                cached.append((cache_name, "o%d" % child))
        if with_db or cached:  # ModelState(False, db), inlined
            body.append("%ss%d = LoadedState()" % (pad, number))
            body.append("%ss%d.adding = False" % (pad, number))
            body.append("%ss%d.db = %s" % (pad, number,
                                            "db" if with_db else "DEFAULT_DB_ALIAS"))
            body.append("%ss%d.fields_cache = {%s}" % (pad, number, ", ".join(
                "%r: %s" % item for item in cached)))
            store(pad, "_state", "s%d" % number)
        for name, child in carried:
            make_dict(pad)  # (not under the condition)
            body.append("%sif o%d is not None:" % (pad, child))
            store(pad + "    ", name, "o%d" % child)
        return number

    build_object(" " * (4 if one else 8), model, attnames, converters, 0,
                 plan or (), None)
    # The namespace's names (our identifiers) as defaults: locals in the loop.
    source = ["def build(%s, db, converters%s):" % ("row" if one else "rows", "".join(
        ", %s=%s" % (name, name) for name in namespace))]
    if conv_names:
        source.append("    %s, = converters" % ", ".join(conv_names))
    if one:
        source += body + ["    return o0"]
    elif made_first:
        source += ["    result = list(map(new, repeat(M0, len(rows))))",
                   "    for o0, (%s) in zip(result, rows):" % "".join(
                       "r%d," % i for i in range(_columns_read(attnames, plan)))]
        source += body + ["    return result"]
    else:
        source += ["    result = []", "    append = result.append",
                   "    for row in rows:"]
        source += body + ["        append(o0)", "    return result"]
    exec(_compile_generated("\n".join(source), "<row builder of %s>" % model.__name__),
         namespace)
    return namespace["build"]


def _null_allowed(model, attname):
    """Whether the concrete field of `model` stored under `attname` may hold
    NULL (True when no field is: a row builder then tests for None)."""
    for field in model._meta.concrete_fields:
        if field.attname == attname:
            return field.null
    return True


def _stores_by_attribute(model, name):
    """Whether a row builder may write `name` on a `model` instance as an
    attribute (`o.name = value`) rather than into its __dict__: CPython
    (3.11+) keeps such values in the instance without making a dict, as
    long as nothing asks for one.  The same store: an identifier (it enters
    the code as is), no __setattr__ of the model's own, and no data
    descriptor (a foreign key's attname, a property, a slot) on the class."""
    if name.__class__ is not str or not name.isidentifier() or \
            keyword.iskeyword(name) or model.__setattr__ is not object.__setattr__:
        return False
    for klass in model.__mro__:
        if name in klass.__dict__:
            kind = type(klass.__dict__[name])
            return not (hasattr(kind, "__set__") or hasattr(kind, "__delete__"))
    return True


def _attach_related(obj, row, plan, db=None):
    """Build the select_related() objects of `row` and cache them on `obj`
    (`db`: the alias they came from, when not the default)."""
    new = object.__new__
    for (cache_name, reverse_name, rmodel, start, end, pk_index, converters,
         attnames, children) in plan:
        attribute = type(cache_name) is tuple  # a FilteredRelation's name
        if row[start + pk_index] is None:
            if not attribute:
                obj._state.fields_cache[cache_name] = None
            continue
        values = row[start:end]
        if converters:
            values = list(values)
            for i, conv in converters:
                if values[i] is not None:
                    values[i] = conv(values[i])
        from_db = _custom_from_db(rmodel)
        if from_db is not None:
            rel_obj = from_db(db or DEFAULT_DB_ALIAS, list(attnames), values)
        else:
            rel_obj = new(rmodel)
            rel_obj.__dict__.update(zip(attnames, values))
            if db is not None:
                rel_obj._state.db = db
        if attribute:
            obj.__dict__[cache_name[1]] = rel_obj
        else:
            obj._state.fields_cache[cache_name] = rel_obj
        if reverse_name is not None:
            rel_obj._state.fields_cache[reverse_name] = obj
        if children:
            _attach_related(rel_obj, row, children, db)


#: tuple of values() names -> the function _values_dicts() generated for them
_VALUES_BUILDERS = {}


def _values_dicts(names, rows):
    """values()'s dicts: [dict(zip(names, row)) for row in rows], from code
    generated once per tuple of names, which writes each dict as one dict
    display over the row unpacked (tests/test_fast_paths.py compares)."""
    names = tuple(names)
    if not rows or rows.__class__ is not list or len(rows[0]) != len(names) or \
            not all(name.__class__ is str for name in names):
        return [dict(zip(names, row)) for row in rows]
    build = _VALUES_BUILDERS.get(names)
    if build is None:
        if len(_VALUES_BUILDERS) >= 256:  # (values() of names from input)
            _VALUES_BUILDERS.clear()
        columns = ["r%d" % i for i in range(len(names))]
        source = "def build(rows):\n    return [{%s} for %s, in rows]" % (
            ", ".join("%r: %s" % item for item in zip(names, columns)),
            ", ".join(columns))
        namespace = {}
        exec(compile(source, "<values() dicts>", "exec"), namespace)
        build = _VALUES_BUILDERS[names] = namespace["build"]
    return build(rows)
