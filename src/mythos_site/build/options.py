"""What a build is asked to do (Options) and what it tells afterwards (BuildReport)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mythos_site.build.parallel import Cores
from mythos_site.output.search import BUNDLING, Bundling
from mythos_site.errors import Problem

if TYPE_CHECKING:
    from mythos_site.build.pipeline import Prepared
    from mythos_site.site_records import Site


@dataclass(frozen=True)
class Options:
    base_url: str | None = None
    drafts: bool = False
    future: bool = False
    cache_dir: Path | None = None
    search: bool = True
    cores: Cores = field(default_factory=Cores)  # how many processes, and from how much work
    bundling: Bundling = BUNDLING  # how the search index is split
    progress: Callable[[int, int], None] | None = None  # called as articles are parsed: (done, total)
    waiting: Callable[[str], None] | None = None  # told when another build into the folder is waited for


@dataclass(frozen=True)
class Summary:
    """What a build read: kept with the build, so a build with nothing to do can say it again."""

    articles: int
    parsed: int  # parsed afresh rather than taken from the cache
    held: tuple[str, ...]  # e.g. "1 draft", "2 scheduled"
    warnings: tuple[Problem, ...]

    @classmethod
    def of(cls, prepared: Prepared) -> Summary:
        collected, selection = prepared.inputs.collected, prepared.selection
        shown = {article.slug for article in selection.published}
        held = tuple(f"{count} {what}" for what, group in (("draft", selection.drafts),
                                                           ("scheduled", selection.scheduled))
                     if (count := sum(article.slug not in shown for article in group)))
        return cls(len(collected.articles), collected.parsed, held, prepared.warnings)


@dataclass(frozen=True)
class BuildReport:
    read: Summary
    written: Written
    seconds: float
    rendered: int  # pages rendered; the others were unchanged since the last build
    notes: tuple[str, ...] = ()
    site: Site | None = None  # None when the last build still stood and nothing was assembled

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return self.read.warnings

    def summary(self) -> str:
        read, written = self.read, self.written
        return (f"{read.articles} articles read, {read.parsed} parsed afresh; "
                f"{self.rendered} pages rendered; "
                f"{written.written} files written, {written.unchanged} unchanged, {written.removed} removed"
                + (f"; held back: {', '.join(read.held)}" if read.held else "") + f"; {self.seconds:.2f} s")
