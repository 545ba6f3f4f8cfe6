"""Texts and builders the importer's tests share."""
