"""A tree of children joined by a connector, optionally negated
(django/utils/tree.py's Node; djscratch's flat name is TreeNode, since the
template Node has the name).
"""

import copy


class TreeNode:
    """django.utils.tree.Node: children joined by `connector`, maybe negated."""

    default = "DEFAULT"

    def __init__(self, children=None, connector=None, negated=False):
        self.children = list(children) if children else []
        self.connector = connector or self.default
        self.negated = negated

    @classmethod
    def create(cls, children=None, connector=None, negated=False):
        """A `cls` built without calling its __init__ (Q's takes other arguments)."""
        obj = TreeNode(children, connector or cls.default, negated)
        obj.__class__ = cls
        return obj

    def __str__(self):
        template = "(NOT (%s: %s))" if self.negated else "(%s: %s)"
        return template % (self.connector, ", ".join(str(c) for c in self.children))

    def __repr__(self):
        # The base class is Django's django.utils.tree.Node.
        name = "Node" if type(self) is TreeNode else type(self).__name__
        return "<%s: %s>" % (name, self)

    def __copy__(self):
        obj = self.create(connector=self.connector, negated=self.negated)
        obj.children = self.children  # shared, as Django's shallow copy
        return obj

    copy = __copy__

    def __deepcopy__(self, memodict):
        obj = self.create(connector=self.connector, negated=self.negated)
        obj.children = copy.deepcopy(self.children, memodict)
        return obj

    def __len__(self):
        return len(self.children)

    def __bool__(self):
        return bool(self.children)

    def __contains__(self, other):
        return other in self.children

    def __eq__(self, other):
        return (type(self) is type(other) and self.connector == other.connector
                and self.negated == other.negated and self.children == other.children)

    def __hash__(self):
        return hash((type(self), self.connector, self.negated,
                     *_tree_hashable(self.children)))

    def add(self, data, conn_type):
        """Join `data` to this node with `conn_type`; return what stands for it.

        This node stays the root: under another connector its old self
        becomes the first child; a node of the same connector (or a single
        child) is flattened into this one.
        """
        if self.connector != conn_type:
            obj = self.copy()
            self.connector = conn_type
            self.children = [obj, data]
            return data
        if isinstance(data, TreeNode) and not data.negated and (
                data.connector == conn_type or len(data) == 1):
            self.children.extend(data.children)
            return self
        self.children.append(data)
        return data

    def negate(self):
        self.negated = not self.negated


def _tree_hashable(value):
    if isinstance(value, dict):
        return tuple(sorted((k, _tree_hashable(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_tree_hashable(v) for v in value)
    try:
        hash(value)
    except TypeError:
        return repr(value)
    return value
