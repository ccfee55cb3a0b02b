"""Build: one build, from the folders to the written site.

In: the content and templates folders, an output folder and the build's Options. Out: the site
written all or nothing (writer.py) and a BuildReport. incremental.build() is the one entry point:
it does nothing when the last build still stands, patches the site when only article bodies
changed (patch.py), or runs the pipeline (pipeline.py), which collects the articles through the
cache (collect.py, cache.py), assembles, renders only the pages whose fingerprints changed and
writes. ledger.py records what a build was made of, so the next one sees what changed."""
