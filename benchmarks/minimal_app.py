"""The floor for any Textual app, one Static("READY"): the reference for first-paint ratios.

Used when ../shared/tools/minimal_textual_app.py is not beside the checkout.
"""

from textual.app import App, ComposeResult
from textual.widgets import Static


class MinimalApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("READY")


if __name__ == "__main__":
    MinimalApp().run()
