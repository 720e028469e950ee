"""Contributed rows: templates, validating a contributed file, and adding it to the package."""
