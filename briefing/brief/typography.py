"""Characters that typeset the same thing differently: curly and straight quotes, dashes.

Shared by quote verification and search so the two never disagree about what counts
as the same text. One character maps to one, so offsets survive translation.
"""

from __future__ import annotations

EQUIVALENTS: dict[str, str] = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b", "-"),
}
