"""Shared test support: the simulated web (``tests.support.simweb``)."""
