"""Screens of the reader, one per module.

Only the main screen is drawn in the first frame; every screen is named here and imported
when first read (``screens.HelpScreen``), so opening one costs its import then, not at
start-up.
"""

from typing import TYPE_CHECKING

from briefing.deferred import deferred

__getattr__ = deferred(
    __name__,
    {
        "MainScreen": "briefing.ui.screens.main",
        "DetailsScreen": "briefing.ui.screens.details",
        "HelpScreen": "briefing.ui.screens.help",
        "ProblemsScreen": "briefing.ui.screens.problems",
        "SourceScreen": "briefing.ui.screens.source",
        "FacetsScreen": "briefing.ui.screens.facets",
    },
)

if TYPE_CHECKING:
    from briefing.ui.screens.details import DetailsScreen as DetailsScreen
    from briefing.ui.screens.facets import FacetsScreen as FacetsScreen
    from briefing.ui.screens.help import HelpScreen as HelpScreen
    from briefing.ui.screens.main import MainScreen as MainScreen
    from briefing.ui.screens.problems import ProblemsScreen as ProblemsScreen
    from briefing.ui.screens.source import SourceScreen as SourceScreen
