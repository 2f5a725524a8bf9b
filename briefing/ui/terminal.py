"""The app's side of its terminal: which driver draws it, and what ctrl+z does.

The driver itself (``briefing.ui.driver``) is imported when Textual asks for it, which it
does while building the app: on the first frame's path, like Textual's own driver.
"""

from __future__ import annotations

import os
import signal
from typing import TYPE_CHECKING

from textual.app import App

if TYPE_CHECKING:
    from textual.driver import Driver


def can_suspend_to_shell() -> bool:
    """Whether a job-control shell can bring the process back after it stops itself.

    A shell with job control runs each job in a process group of its own; a process in
    its session leader's group (a terminal running the reader directly, ``setsid``,
    ``sh -c``) that stopped itself would stay stopped, with nobody to continue it.
    """
    try:
        return os.getpgrp() != os.getsid(0)
    except OSError:
        return False


class TerminalApp(App[None]):
    """An app drawn by the reader's driver, where Textual would use its Linux one."""

    def get_driver_class(self) -> type[Driver]:
        driver = super().get_driver_class()
        if driver.__module__ == "textual.drivers.linux_driver":
            from briefing.ui.driver import ReaderDriver

            return ReaderDriver
        return driver

    def action_suspend_process(self) -> None:
        """ctrl+z: stop the reader's whole job, as the terminal's own ctrl+z would.

        Textual stops only its own process, which leaves a parent such as ``make``
        running and the shell waiting on it; and with no job-control shell to resume it,
        a stopped reader would hold its terminal for ever, so it says so and stays.
        """
        if self._driver is None or not self._driver.can_suspend:
            return
        if not can_suspend_to_shell():
            self.notify(
                "Not suspended: no job-control shell started the reader to resume it.",
                title="Suspend",
                severity="warning",
            )
            return
        self._suspend_signal()
        os.killpg(os.getpgrp(), signal.SIGTSTP)
