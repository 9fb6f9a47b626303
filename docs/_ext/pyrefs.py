"""Sphinx extension: resolve short and re-exported Python names to their documented entry.

Docstrings name objects the way a reader would: ``KernelBUG`` from a sibling module,
``aarch64insn.XZR`` (re-exported by the package), ``Insn.operands``. Sphinx's Python
domain only finds a target by its full name relative to the current module. This
``missing-reference`` handler looks such a name up among the documented objects: the
target must be a dotted suffix of exactly one documented name (preferring, when several
match, the ones in the referencing module's own package, then the ones whose module
prefix the target spells). An ambiguous or unknown name stays unresolved, so ``-n``
still reports it.
"""

from __future__ import annotations

import importlib
import types
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.pycode import ModuleAnalyzer
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

_ROLE_TYPES = {
    "func": {"function"},
    "meth": {"method", "classmethod", "staticmethod"},
    "class": {"class", "exception"},
    "exc": {"exception", "class"},
    "data": {"data"},
    "attr": {"attribute", "property"},
    "mod": {"module"},
}


def _canonical(target: str) -> str | None:
    """The documented name of ``pkg.Name.attr`` when ``pkg.Name`` re-exports a class or function."""
    parts = target.split(".")
    for i in range(len(parts) - 1, 0, -1):
        try:
            obj: Any = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        for j in range(i, len(parts)):
            obj = getattr(obj, parts[j], None)
            if obj is None:
                return None
            if isinstance(obj, type | types.FunctionType):
                return ".".join([f"{obj.__module__}.{obj.__qualname__}", *parts[j + 1 :]])
        return None
    return None


def _inherited(node: pending_xref, target: str) -> str | None:
    """``format`` named in a method of ``RegOffset`` is the ``Kind.format`` it inherits."""
    modname, clsname = node.get("py:module"), node.get("py:class")
    if not modname or not clsname or "." in target:
        return None
    try:
        obj: Any = importlib.import_module(str(modname))
        for part in str(clsname).split("."):
            obj = getattr(obj, part)
        member = getattr(obj, target)
    except (ImportError, AttributeError):
        return None
    func = getattr(member, "__func__", member)
    if isinstance(func, types.FunctionType):
        return f"{func.__module__}.{func.__qualname__}"
    return None


def _candidates(env: BuildEnvironment, target: str, role: str) -> list[tuple[str, Any]]:
    objects = env.get_domain("py").objects  # type: ignore[attr-defined]
    canon = _canonical(target) if "." in target else None
    if canon is not None and canon in objects:
        return [(canon, objects[canon])]
    found = [(n, e) for n, e in objects.items() if n.endswith("." + target)]
    if not found and "." in target:
        # a re-exported constant: ``aarch64insn.XZR`` is ``aarch64insn.registers.XZR``
        pkg, last = target.rsplit(".", 1)
        depth = pkg.count(".") + 2
        found = [
            (n, e)
            for n, e in objects.items()
            if n.startswith(pkg + ".") and n.endswith("." + last) and n.count(".") == depth
        ]
    wanted = _ROLE_TYPES.get(role)
    if len(found) > 1 and wanted:
        typed = [(n, e) for n, e in found if e.objtype in wanted]
        if typed:
            found = typed
    return found


def _resolve(app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.Element) -> Any:
    if node.get("refdomain") != "py":
        return None
    target = str(node.get("reftarget", "")).lstrip("~.")
    if not target:
        return None
    inherited = _inherited(node, target)
    objects = env.get_domain("py").objects  # type: ignore[attr-defined]
    if inherited in objects:
        entry = objects[inherited]
        return make_refnode(app.builder, node["refdoc"], entry.docname, entry.node_id, contnode, inherited)
    found = _candidates(env, target, str(node.get("reftype", "")))
    if len(found) > 1:
        here = str(node.get("py:module") or "")
        top = here.split(".")[0]
        same = [c for c in found if top and c[0].startswith(top + ".")]
        if same:
            found = same
    if len(found) > 1:
        # the closest module wins: longest common dotted prefix with the referencing module
        here_parts = str(node.get("py:module") or "").split(".")

        def common(name: str) -> int:
            n = 0
            for a, b in zip(name.split("."), here_parts, strict=False):
                if a != b:
                    break
                n += 1
            return n

        best = max(common(n) for n, _ in found)
        found = [c for c in found if common(c[0]) == best]
    if len(found) != 1:
        return None
    name, entry = found[0]
    return make_refnode(app.builder, node["refdoc"], entry.docname, entry.node_id, contnode, name)


def _keep_public_data(app: Sphinx, what: str, name: str, obj: object, skip: bool, options: Any) -> bool | None:
    """Keep every module-level name of ``__all__``, documented by a comment or not.

    The API pages use ``:members:`` with ``:undoc-members:``, and modules define
    ``__all__``, so the members offered here are exactly the public names; autodoc
    would still drop module constants without a ``#:`` comment (``XZR``, the
    kernel's ``AARCH64_INSN_*`` aliases), which must have an entry too.
    """
    if what == "module" and skip and not name.startswith("_"):
        return False
    return None


class AutoDataAll(SphinxDirective):
    """``.. autodata-all:: module``: a ``py:data`` entry (type, value) for each undocumented constant.

    Sphinx 9's ``automodule :members: :undoc-members:`` leaves out module-level
    constants that have no ``#:`` comment (``XZR``, ``X0``, the kernel's
    ``AARCH64_INSN_*`` aliases of enum members). Every name of ``__all__`` must have
    an entry, so this directive lists them explicitly, from the module itself.
    """

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        modname = self.arguments[0]
        mod = importlib.import_module(modname)
        documented = ModuleAnalyzer.for_module(modname).find_attr_docs()
        lines = [f".. py:currentmodule:: {modname}", ""]
        for name in getattr(mod, "__all__", ()):
            value = getattr(mod, name)
            if isinstance(value, type | types.ModuleType) or callable(value):
                continue
            if ("", name) in documented:
                continue
            kind = type(value)
            tname = kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"
            lines += [f".. py:data:: {name}", f"   :type: {tname}"]
            if len(repr(value)) <= 120:
                lines.append(f"   :value: {value!r}")
            lines.append("")
        node = nodes.container()
        self.state.nested_parse(StringList(lines, source=f"<autodata-all {modname}>"), self.content_offset, node)
        return list(node.children)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("autodata-all", AutoDataAll)
    app.connect("missing-reference", _resolve)
    app.connect("autodoc-skip-member", _keep_public_data)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
