"""Benchmarks of reading real documents: run (web pages, PDF, Word and legacy-encoded text
read as the indexer reads them) and pdf_libraries (the PDF library comparison)."""
