"""Files shipped with the app: the icon in every size, the .desktop entry and the AppStream metainfo.

This top-level folder is installed as the package ``medjournal.resources`` (see pyproject.toml); read it
through ``medjournal.desktop``, which also finds it in a source checkout and in a PyInstaller bundle.
"""
