"""Fingerprints of what a page is rendered from, so that a rebuild renders only pages whose inputs changed.

A fingerprint hashes a page's template context, with each article standing in by its digest (a
hash of the file it was parsed from, and of the parser). Pages that show the whole site (the
timeline, every quote) take the site's fingerprint instead (see pipeline.py), and article pages
are given small views of what they link to, so contexts stay small. The salt covers everything
else a page depends on: the templates, the static assets, the settings and the code. Equal
fingerprints therefore mean equal pages; a difference the hash cannot see would be a bug, which
the byte-identity tests between incremental and clean builds are there to catch.
"""

from __future__ import annotations

import hashlib
import io
import pickle

from mythos_site.records import Article


class Fingerprints:
    def __init__(self, salt: bytes):
        self._salt = salt

    def of(self, value) -> bytes:
        buffer = io.BytesIO()
        _Pickler(buffer).dump(value)
        return hashlib.sha256(self._salt + buffer.getvalue()).digest()


class _Pickler(pickle.Pickler):
    def __init__(self, buffer):
        super().__init__(buffer, protocol=5)
        self.fast = True  # no memo: equal values pickle alike however they share objects

    def reducer_override(self, value):
        # Called for records, not for strings, numbers, tuples or dicts (pickle skips those), which
        # makes it several times cheaper than persistent_id for a context made mostly of text.
        if type(value) is Article:
            if not value.digest:
                raise ValueError(f"article {value.slug!r} has no digest to fingerprint")
            return _article, (value.digest,)
        return NotImplemented


def _article(digest: str):
    """Stands for an article in a fingerprint; never called, since fingerprints are not unpickled."""
