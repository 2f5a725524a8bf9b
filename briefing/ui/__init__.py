"""The Textual reader. Nothing outside ``briefing.ui`` imports Textual.

Kept empty so ``import briefing.ui.app`` pulls in only what the first frame needs.
"""
