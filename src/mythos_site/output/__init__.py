"""Output: a Site into bytes.

In: the assembled Site and the templates. Out: (path, bytes) pairs: the HTML pages (views.py
computes what each page shows, render.py lays it out with Jinja), the RSS and Atom feeds, the
JSON data files, the sitemap and JSON-LD, and the Pagefind search index. Nothing is written to
disk here: the build stage does that."""
