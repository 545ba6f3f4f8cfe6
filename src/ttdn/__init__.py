"""TTĐN — external-information work of Vietnamese communes."""
