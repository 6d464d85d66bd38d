"""Converters of the field's dictionaries into kg's resource files.

Run each as ``python -m kg.convert.NAME`` (``cameo``, ``phoenix``).
"""
