"""Segmentation benchmark: pyvi's own path against the faster one, label by label."""
