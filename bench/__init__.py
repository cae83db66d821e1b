"""Benchmarks: scripts that print a table (see bench/relevance)."""
