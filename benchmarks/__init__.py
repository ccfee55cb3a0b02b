"""Benchmarks: our build against Hugo and Pelican on the same generated corpus (`python -m benchmarks`)."""
