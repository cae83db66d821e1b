"""Turns a folder of Vietnamese reform documents into a faceted Whoosh index."""
