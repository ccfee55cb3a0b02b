"""Fault-injection tests: see faultkit.py."""
