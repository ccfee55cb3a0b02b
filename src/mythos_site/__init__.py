"""mythos-site: a static site generator that follows one news story across outlets.

The build is a pipeline of stages, one subpackage each, data moving forward as frozen records
(records.py): content (files -> Article records) -> extract (quotes, citations, dates, figures of
each article) -> assemble (the whole corpus -> Site) -> output (Site -> pages, feeds, data, search)
-> build (the one build path: inputs, cache, render what changed, write all or nothing).
commands/ holds check, new and serve; cli.py the command line. docs/architecture.md walks one
article through every module.
"""

__version__ = "0.1.0"
