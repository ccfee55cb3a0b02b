"""Commands other than build: check (every problem, nothing written), new (start an article),
import_article (an article from the web or pasted text, read by the importing/ package) and
serve (build, serve on 127.0.0.1, rebuild and reload on every change). Each goes through the
build stage's own steps; cli.py parses the command line and calls them."""
