"""`mythos-site import SOURCE`: an article from a web page, a saved page or pasted text, written
to content/articles/ as a draft with the front matter the source states and nothing more."""

from __future__ import annotations


class ImportFailed(Exception):
    """The source cannot be imported; the message is one line, for the editor."""
