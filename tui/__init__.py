"""Diptych: a terminal reader and annotator for comparative reading."""

__version__ = "0.1.0"
