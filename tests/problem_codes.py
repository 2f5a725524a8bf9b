"""Every problem ``code`` the package can emit, read from its source with ``ast``.

A function that takes a parameter named ``code`` (``Problem`` itself, and the helpers that
build one) is a code sink; every literal passed in that place, or left to the parameter's
default, is a code the program can emit.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "briefing"


def _sinks(trees: list[ast.Module]) -> dict[str, tuple[int, str | None]]:
    """Callable name -> (position of ``code`` among the arguments, its default literal)."""
    sinks: dict[str, tuple[int, str | None]] = {}
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, ast.FunctionDef) and item.name == "__init__":
                        _add_sink(sinks, node.name, item, skip_self=True)
                fields = [  # a NamedTuple's fields are its arguments
                    item.target.id
                    for item in node.body
                    if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name)
                ]
                if "code" in fields and any(
                    isinstance(base, ast.Name) and base.id == "NamedTuple" for base in node.bases
                ):
                    sinks[node.name] = (fields.index("code"), None)
            elif isinstance(node, ast.FunctionDef) and node.name != "__init__":
                _add_sink(
                    sinks,
                    node.name,
                    node,
                    skip_self=bool(node.args.args) and node.args.args[0].arg == "self",
                )
    return sinks


def _add_sink(
    sinks: dict[str, tuple[int, str | None]], name: str, func: ast.FunctionDef, skip_self: bool
) -> None:
    params = func.args.args[1:] if skip_self else func.args.args
    names = [p.arg for p in params]
    if "code" not in names:
        return
    index = names.index("code")
    defaults = func.args.defaults
    first_default = len(params) - len(defaults)
    default = None
    if index >= first_default:
        value = defaults[index - first_default]
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            default = value.value
    sinks[name] = (index, default)


def _literals(node: ast.expr) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _literals(node.body) + _literals(node.orelse)
    return []


def emitted_codes() -> dict[str, list[str]]:
    """Code -> the places (module:line) that emit it."""
    files = sorted(PACKAGE.rglob("*.py"))
    trees = [ast.parse(f.read_text(encoding="utf-8")) for f in files]
    sinks = _sinks(trees)
    found: dict[str, list[str]] = {}
    for file, tree in zip(files, trees, strict=True):
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = (
                func.id
                if isinstance(func, ast.Name)
                else func.attr
                if isinstance(func, ast.Attribute)
                else None
            )
            if name not in sinks:
                continue
            index, default = sinks[name]
            keyword = next((k.value for k in node.keywords if k.arg == "code"), None)
            if keyword is not None:
                codes = _literals(keyword)
            elif len(node.args) > index:
                codes = _literals(node.args[index])
            else:
                codes = [default] if default else []
            where = f"{file.relative_to(PACKAGE.parent)}:{node.lineno}"
            for code in codes:
                found.setdefault(code, []).append(where)
    return found
