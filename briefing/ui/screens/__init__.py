"""Screens of the reader, one per module."""
