"""Reliability benchmark: live updates, kills, expensive queries, a hostile corpus."""
