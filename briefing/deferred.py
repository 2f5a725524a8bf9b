"""Names a package hands out but imports only when first read (PEP 562 ``__getattr__``).

Start-up is budgeted, so what the reader's first frame does not draw (the search panel,
the details screen, the config parser ...) must not be imported before it. Rather than an
import inside each function that needs such a name, a package lists its deferred names
once, at its boundary::

    __getattr__ = deferred(__name__, {"SearchPanel": "briefing.ui.widgets.search"})

and callers write ``widgets.SearchPanel``: imported on that first read, then kept in the
package like any other name. The type checker sees the names through ``TYPE_CHECKING``
imports beside the table. The first-frame test in tests/test_architecture.py holds the
line: what the first frame must not import is listed there.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def deferred(package: str, names: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: ``names`` maps a name to its module, or to
    ``module:attribute`` when the package names it otherwise."""

    def __getattr__(name: str) -> Any:
        where = names.get(name)
        if where is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module, _, attribute = where.partition(":")
        value = getattr(importlib.import_module(module), attribute or name)
        setattr(sys.modules[package], name, value)  # the next read is a plain attribute
        return value

    return __getattr__
