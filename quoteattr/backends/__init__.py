"""Backends turn text into sentences (and, for stanza, tokens with parses and entities).

The attribution logic above them reads :class:`~quoteattr.backends.base.Analysis` only, so
it runs unchanged on either backend and uses dependency structure where it is present.
"""
