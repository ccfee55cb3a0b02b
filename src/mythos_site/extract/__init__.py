"""Extract: rules run on one article at a time.

In: an Article as the content stage made it. Out: the same Article (a new record) with its
sentences, quotes and their speakers, the works its footnotes cite, its dated mentions, its
figures, and what it reports of the curated lists (matching.py). Nothing here reads another
article, so each article is extracted once and cached by the hash of its file."""
