"""Run-time hook of the bundle, in place of PyInstaller's own for PySide6 (pyi_rth_pyside6; see medjournal.spec).

PyInstaller's hook imports PySide6.QtCore as the bundle starts, to register the qt.conf that points Qt at the
bundle's plugins and translations. That loads Qt, ICU and shiboken (about 100 ms of CPU) for every start, also
for ``medjournal --version`` and ``today --json``, which need no Qt: the bundle then started about 3 times as
slowly as the installed wheel. This hook sets the same environment and registers the same qt.conf, but only when
PySide6.QtCore is first imported (the window, a PDF), before anything can use it.
"""


def _pyi_rthook() -> None:
    import importlib.machinery
    import os
    import sys

    from _pyi_rth_utils import is_macos_app_bundle, prepend_path_to_environment_variable
    from _pyi_rth_utils import qt as qt_rth_utils

    # The set-up of PyInstaller's hook (PyInstaller 6), unchanged.
    qt_rth_utils.ensure_single_qt_bindings_package("PySide6")
    if sys.platform.startswith("win"):
        qt_path = os.path.join(sys._MEIPASS, "PySide6")
    else:
        qt_path = os.path.join(sys._MEIPASS, "PySide6", "Qt")
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt_path, "plugins")
    if is_macos_app_bundle:
        resources = os.path.join(sys._MEIPASS, "..", "Resources", os.path.relpath(qt_path, sys._MEIPASS))
        os.environ["QML2_IMPORT_PATH"] = os.pathsep.join(
            [os.path.join(os.path.normpath(resources), "qml"), os.path.join(qt_path, "qml")]
        )
    else:
        os.environ["QML2_IMPORT_PATH"] = os.path.join(qt_path, "qml")
    if sys.platform.startswith("win"):
        prepend_path_to_environment_variable(sys._MEIPASS, "PATH")
    if sys.platform == "darwin" and not is_macos_app_bundle:
        prepend_path_to_environment_variable(sys._MEIPASS, "DYLD_LIBRARY_PATH")

    class _AfterQtCore:
        """Registers the qt.conf as soon as PySide6.QtCore has been loaded, then steps aside."""

        def find_spec(self, name: str, path: object, target: object = None) -> object:
            if name != "PySide6.QtCore":
                return None
            sys.meta_path.remove(self)
            spec = importlib.machinery.PathFinder.find_spec(name, path)
            if spec is None:
                for finder in sys.meta_path:
                    found = getattr(finder, "find_spec", None)
                    spec = found(name, path, target) if found else None
                    if spec is not None:
                        break
            if spec is None or spec.loader is None:
                return spec
            loader = spec.loader
            load = loader.exec_module

            def exec_module(module: object) -> None:
                load(module)
                qt_rth_utils.create_embedded_qt_conf("PySide6", qt_path)

            loader.exec_module = exec_module
            return spec

    sys.meta_path.insert(0, _AfterQtCore())


_pyi_rthook()
del _pyi_rthook
