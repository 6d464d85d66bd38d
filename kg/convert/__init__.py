"""Converters of the field's dictionaries into kg's resource files (run as python -m kg.convert.NAME)."""
