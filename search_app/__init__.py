"""Searches the index built by `indexer` and serves the results."""
