"""Content: the editor's files read into records.

In: the content folder (site.yaml, the curated lists, articles/*.md, media/). Out: a SiteConfig,
the curated Event records, and one Article record per file, its front matter checked, its date
parsed, its markdown rendered to sanitised HTML with footnotes, and its pictures found. Every
problem is a Problem with the file and the line (errors.py)."""
