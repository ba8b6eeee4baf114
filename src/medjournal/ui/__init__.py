"""The PySide6 window. It reaches the data only through the Journal API (no SQL here)."""
