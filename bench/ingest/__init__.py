"""Benchmarks of reading file types into text (see pdf_libraries)."""
