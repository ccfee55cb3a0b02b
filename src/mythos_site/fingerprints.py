"""Fingerprints of what a page is rendered from, so that a rebuild renders only pages whose inputs changed.

A fingerprint hashes a page's template context. Articles enter it by their digest (a hash of
the file they were parsed from, and of the parser), and the objects many pages share (quote
groups, sources, events, facts, people) by a hash of their own content, computed once per
build. The salt covers everything else a page depends on: the templates, the static assets,
the settings and the code. Equal fingerprints therefore mean equal pages; a difference the
hash cannot see would be a bug, which the byte-identity tests between cached and clean builds
are there to catch.
"""

from __future__ import annotations

import hashlib
import io
import pickle

from mythos_site.records import Article, EntityItem, FactItem, QuoteGroup, Source, TimelineEvent

SHARED = (QuoteGroup, Source, TimelineEvent, FactItem, EntityItem)


class Fingerprints:
    def __init__(self, salt: bytes):
        self._salt = salt
        self._shared: dict[int, tuple[object, bytes]] = {}  # id -> (the object, kept alive; its hash)

    def of(self, value) -> bytes:
        return hashlib.sha256(self._salt + self._pickle(value)).digest()

    def _pickle(self, value, top=None) -> bytes:
        buffer = io.BytesIO()
        _Pickler(buffer, self, top).dump(value)
        return buffer.getvalue()

    def shared(self, value) -> bytes:
        found = self._shared.get(id(value))
        if found is None:
            found = (value, hashlib.sha256(self._pickle(value, top=value)).digest())
            self._shared[id(value)] = found
        return found[1]


class _Pickler(pickle.Pickler):
    def __init__(self, buffer, fingerprints: Fingerprints, top):
        super().__init__(buffer, protocol=5)
        self.fast = True  # no memo: equal values pickle alike however they share objects
        self._fingerprints, self._top = fingerprints, top

    def reducer_override(self, value):
        # Called for records, not for strings, numbers, tuples or dicts (pickle skips those), which
        # makes it several times cheaper than persistent_id for a context made mostly of text.
        if type(value) is Article:
            if not value.digest:
                raise ValueError(f"article {value.slug!r} has no digest to fingerprint")
            return _article, (value.digest,)
        if value is not self._top and type(value) in SHARED:
            return _shared, (self._fingerprints.shared(value),)
        return NotImplemented


def _article(digest: str):
    """Stands for an article in a fingerprint; never called, since fingerprints are not unpickled."""


def _shared(digest: bytes):
    """Stands for a shared group in a fingerprint; never called either."""
