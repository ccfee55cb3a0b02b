"""mythos-site: a static site generator that follows one news story across outlets.

The build is a pipeline of plain stages, one module each:
load (loader) -> assemble the site (site) -> render pages (render) and feeds (feeds) -> write (writer).
"""

__version__ = "0.1.0"
