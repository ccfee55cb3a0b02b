"""Assemble: the whole corpus into one Site.

In: the extracted articles that are published, the settings and the curated lists. Out: a Site
record: the articles in reading order, tags, the timeline of events with the sentences that
report them, facts and their figures, people and organisations, and the quotes and works that
several outlets share. Nothing is rendered here."""
