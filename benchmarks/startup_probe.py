"""The start-up and memory probes: the windows the start benchmarks spawn, and the hook that reports from them.

Two kinds of process, each printing ``ready <peak RSS in KiB> <CPU ms> [key=value ...]`` on stdout as soon as its
main window is visible and the event loop runs (shown, before its first paint):

- ``python benchmarks/startup_probe.py bare [POINTS]``: the design's bare window (docs/design.md, section 5), a
  QMainWindow holding one pyqtgraph PlotWidget, so PySide6, pyqtgraph and numpy are loaded. With ``POINTS`` it
  then plots one curve of that many points, draws it, and prints ``loaded <peak RSS> <CPU ms> points=POINTS``.
- ours, started as the ``medjournal`` command starts: the function the command runs (pyproject.toml's
  ``[project.scripts]``) with ``--db JOURNAL`` (:func:`app_command`), the clock fixed at the benchmark's end at
  21:30 (``MEDJOURNAL_NOW``, as the command line benchmark does) so that Today shows that day's entries. Nothing of
  the product is changed: the report is installed from a ``sitecustomize`` in a folder of the probe's own put on
  ``PYTHONPATH`` (:func:`probe_env`), which does nothing unless ``MEDJOURNAL_PROBE`` is set; it then loads this file
  and :func:`install_hook` wraps ``medjournal.ui.app.application`` as that module is first imported, to start
  watching for the window once the QApplication exists. ``MEDJOURNAL_PROBE`` holds flags: ``unlock`` types the first
  line of stdin into the unlock dialog of an encrypted journal as soon as it shows; ``all`` presses Trends' "All"
  after the ready line, waits until the whole history is loaded and drawn, and prints ``loaded <peak RSS> <CPU ms>
  points=N first=DAY`` (the points the chart holds, the first day loaded); ``drawn``, on a start on Trends, sends
  a key (Tab, to the widget with the focus) at the ready line, watches every event-loop turn until the chart is
  built and drawn, and then prints ``drawn <peak RSS> <CPU ms> key=MS turn=MS`` (``key``: from the ready line
  until the key reached its widget; ``turn``: the longest event-loop turn on the way, the first paint of the
  chart included). With both, ``drawn`` comes first and "All" is pressed after it.

The section a start opens on is the one the window remembers (``window/section`` in its settings): each start
gets a ``MEDJOURNAL_HOME`` whose settings name that section and nothing else (:func:`window_home`), so a start on
Today is at its first size whatever a person or a test left, and a start on Trends is the real one a person who
left the window on Trends makes.

The parent measures the time from spawning the process to the ready line, so interpreter start and imports count;
the CPU time (this process's, all threads, from its start) is the figure to compare on a loaded machine, where
waiting for a core inflates the wall clock. Peak memory is ``VmHWM``.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

PROBE_FLAGS = "MEDJOURNAL_PROBE"  # set (to its flags, or "ready") only in the probes' environment
PROBE_FILE = "MEDJOURNAL_PROBE_FILE"
# Loaded by Python at every start of a process whose PYTHONPATH names its folder; acts only in a probe.
SITECUSTOMIZE = f"""\
import os
if os.environ.get({PROBE_FLAGS!r}):
    import importlib.util
    _spec = importlib.util.spec_from_file_location("medjournal_startup_probe", os.environ[{PROBE_FILE!r}])
    _probe = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(_probe)
    _probe.install_hook(os.environ[{PROBE_FLAGS!r}])
"""
# The window's own settings file under MEDJOURNAL_HOME (medjournal.paths.AppPaths, ui/main_window.ui_settings).
WINDOW_SETTINGS = Path("config") / "window.ini"


# -- the parent's side --------------------------------------------------------------------------------------------


def _run_folder(prefix: str) -> Path:
    import atexit
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


_homes: dict[str, Path] = {}


def window_home(section: str = "today") -> Path:
    """For the parent: the ``MEDJOURNAL_HOME`` of the windows a benchmark run starts on ``section`` (their
    settings, logs and crash log), a folder of the run's own. Its window settings are written afresh at each call
    to name ``section`` only, so the next start opens on it at its first size, whatever section and size a person,
    a test or the last start left. Each start measured must call this just before it."""
    home = _homes.get(section)
    if home is None:
        home = _homes[section] = _run_folder(f"medjournal-bench-home-{section}-")
    settings = home / WINDOW_SETTINGS
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(f"[window]\nsection={section}\n", encoding="utf-8")
    return home


_hook: list[Path] = []


def hook_folder() -> Path:
    """A folder holding only the probe's ``sitecustomize.py``."""
    if not _hook:
        folder = _run_folder("medjournal-bench-probe-")
        (folder / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
        _hook.append(folder)
    return _hook[0]


def command_entry() -> tuple[str, str]:
    """The module and function the ``medjournal`` command runs: pyproject.toml's ``[project.scripts]``, read
    from the checkout measured (an editable install's own record of it is as old as the install)."""
    import tomllib

    pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
    module, function = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["scripts"][
        "medjournal"
    ].split(":")
    return module, function


def app_command(journal: Path) -> list[str]:
    """Our window's start as ``medjournal --db JOURNAL`` starts it: what pip's script for the command runs."""
    module, function = command_entry()
    run = f"import sys; from {module} import {function}; sys.exit({function}())"
    return [sys.executable, "-c", run, "--db", str(journal)]


def probe_env(flags: str, home: Path, now: str, base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of one of our windows' starts: ``base`` (default: this process's) with the probe's hook
    (``flags`` as in the module's doc, "ready" for none), ``MEDJOURNAL_HOME`` and the clock ``now`` (ISO)."""
    env = dict(os.environ if base is None else base)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    paths = [str(hook_folder()), *filter(None, env.get("PYTHONPATH", "").split(os.pathsep))]
    env.update(
        {
            "PYTHONPATH": os.pathsep.join(paths),
            PROBE_FLAGS: flags,
            PROBE_FILE: str(Path(__file__).resolve()),
            "MEDJOURNAL_HOME": str(home),
            "MEDJOURNAL_NOW": now,
        }
    )
    return env


def parse_line(line: str) -> tuple[int, float, dict[str, str]]:
    """``ready|loaded <rss> <cpu> [key=value ...]`` -> (peak KiB, CPU ms, {key: value})."""
    _, rss, cpu, *rest = line.split()
    return int(rss), float(cpu), dict(item.split("=", 1) for item in rest)


# -- the probes' side ---------------------------------------------------------------------------------------------


def _peak_rss_kib() -> int:
    """Peak resident memory of this program. On Linux from ``VmHWM``, which starts afresh at exec: ``ru_maxrss``
    keeps the high-water mark of the process before exec, so a probe spawned by a large parent (the benchmark
    run after its Trends and summary steps) would report the parent's size."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _say(kind: str, held: Any = None) -> None:
    """Print ``kind <peak RSS> <CPU ms>``, read first, then what ``held()`` (if given) tells as ``key=value``:
    what it costs to find out is not in the figures."""
    rss, cpu = _peak_rss_kib(), time.process_time() * 1000
    extra = "".join(f" {key}={value}" for key, value in (held() if held else {}).items())
    print(f"{kind} {rss} {cpu:.1f}{extra}", flush=True)


def _what_the_window_shows(window: Any) -> dict[str, object]:
    """Our window (not the bare one): its section, the journal's day and that day's check-ins, and whether the
    start went through the command line's module, as the ``medjournal`` command's does."""
    journal = getattr(window, "journal", None)
    if journal is None:
        return {}
    today = journal.today()
    return {
        "section": window.current_section(),
        "today": today,
        "checkins": len(journal.checkins(today, today)),
        "command": "medjournal.cli" if "medjournal.cli" in sys.modules else "none",
    }


def _every_ms(app: Any, action: Any) -> Any:
    """A timer calling ``action(timer)`` at each event-loop turn (1 ms), kept alive by the application."""
    from PySide6.QtCore import QTimer

    timer = QTimer(app)
    timer.setInterval(1)
    timer.timeout.connect(lambda: action(timer))
    timer.start()
    return timer


def _report_when_shown(app: Any, then: Any = None) -> None:
    """Print the ready line at the first event-loop turn at which a main window is visible; then ``then(window)``
    (which ends the process itself), or close it and quit."""
    from PySide6.QtWidgets import QMainWindow

    def look(timer: Any) -> None:
        shown = [w for w in app.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()]
        if not shown:
            return
        timer.stop()
        window = shown[0]
        _say("ready", lambda: _what_the_window_shows(window))
        if then is not None:
            then(window)
            return
        window.close()
        app.quit()

    _every_ms(app, look)


def _finish(app: Any, window: Any, held: Any) -> None:
    """Draw the window as a person sees it, print the peak memory and what ``held()`` says it holds, and end."""
    window.grab()
    _say("loaded", held)
    window.close()
    app.quit()


def _trends_view(app: Any, window: Any) -> Any:
    """The window's Trends view, or None (and the process ends with an error) when it did not open on it."""
    from PySide6.QtWidgets import QWidget

    view = window.findChild(QWidget, "TrendsView")
    if view is None or not view.isVisible():
        print("the window did not open on Trends", file=sys.stderr, flush=True)
        app.exit(3)
        return None
    return view


def _watch_the_chart(app: Any, window: Any, then: Any) -> None:
    """From the ready line: send a key, time every event-loop turn until the Trends chart is built (a start on
    Trends builds it after the window shows; before, it was built when the window showed), draw the window, and
    print the ``drawn`` line; then ``then(window)``. The CPU time is the process's, as on the ready line."""
    from PySide6.QtCore import QEvent, QObject, Qt
    from PySide6.QtGui import QKeyEvent

    view = _trends_view(app, window)
    if view is None:
        return
    began = last = time.perf_counter()
    longest = [0.0]
    answered: list[float] = []

    class KeyWatch(QObject):
        def eventFilter(self, _watched: Any, event: Any) -> bool:
            if not answered and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Tab:
                answered.append(time.perf_counter())
            return False

    watch = KeyWatch(app)
    app.installEventFilter(watch)
    target = app.focusWidget() or window
    app.postEvent(target, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier))
    app.postEvent(target, QKeyEvent(QEvent.Type.KeyRelease, Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier))

    def turn(timer: Any) -> None:
        nonlocal last
        now = time.perf_counter()
        longest[0] = max(longest[0], now - last)
        last = now
        if getattr(view, "building", False) or not answered:
            return
        timer.stop()
        app.removeEventFilter(watch)
        painted = time.perf_counter()
        window.grab()  # the chart's first paint, one piece as Qt paints a scene
        longest[0] = max(longest[0], time.perf_counter() - painted)
        key = (answered[0] - began) * 1000
        _say("drawn", lambda: {"key": f"{key:.1f}", "turn": f"{longest[0] * 1000:.1f}"})
        then(window)

    _every_ms(app, turn)


def _load_all_of_trends(app: Any, window: Any) -> None:
    """Press Trends' "All" as a person does, wait for the whole history, report the memory and what is held."""
    view = _trends_view(app, window)
    if view is None:
        return
    if getattr(view, "building", False):
        # a start on Trends builds its chart after the window shows: "All" once it is there, as a person sees it

        def when_built(timer: Any) -> None:
            if not view.building:
                timer.stop()
                _load_all_of_trends(app, window)

        _every_ms(app, when_built)
        return
    view.preset_buttons["all"].click()

    def held() -> dict[str, object]:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        from benchmarks.bench_trends import plotted_points

        return {"points": plotted_points(view), "first": view.data.start if view.data is not None else None}

    def wait(timer: Any) -> None:
        if not view.loading:
            timer.stop()
            _finish(app, window, held)

    _every_ms(app, wait)


def _answer_unlock(app: Any) -> None:
    """Type stdin's first line into the unlock dialog as soon as it is shown, as if typed at once."""
    secret = sys.stdin.readline().rstrip("\n")

    def answer(timer: Any) -> None:
        dialog = app.activeModalWidget()
        if type(dialog).__name__ == "UnlockDialog" and dialog.isVisible():
            timer.stop()
            dialog.field.setText(secret)
            dialog.unlock_button.click()

    if secret:
        _every_ms(app, answer)


def _watch(app: Any, flags: set[str]) -> None:
    if "unlock" in flags:
        _answer_unlock(app)
    then: Any = None
    if "all" in flags:
        then = lambda window: _load_all_of_trends(app, window)  # noqa: E731
    if "drawn" in flags:
        after = then or (lambda window: (window.close(), app.quit()))
        then = lambda window: _watch_the_chart(app, window, after)  # noqa: E731
    _report_when_shown(app, then)


class _WrapOnImport:
    """A finder on ``sys.meta_path`` for ``medjournal.ui.app`` alone: once that module has run, its
    ``application`` starts the probe's watch on the QApplication it returns. It removes itself at that import."""

    def __init__(self, flags: set[str]) -> None:
        self.flags = flags

    def find_spec(self, name: str, path: Any = None, _target: Any = None) -> Any:
        if name != "medjournal.ui.app":
            return None
        import importlib.machinery

        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        run_module = spec.loader.exec_module
        flags = self.flags

        def exec_module(module: Any) -> None:
            run_module(module)
            make = module.application
            watched: list[object] = []

            def application(*args: Any, **kwargs: Any) -> Any:
                app = make(*args, **kwargs)
                if not watched:
                    watched.append(app)
                    _watch(app, flags)
                return app

            module.application = application

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def install_hook(flags: str) -> None:
    """In one of our windows' processes, from the probe's sitecustomize (see the module's doc)."""
    sys.meta_path.insert(0, _WrapOnImport(set(flags.split(","))))


def bare(points: int = 0) -> int:
    import pyqtgraph as pg
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    plot = pg.PlotWidget()
    window.setCentralWidget(plot)
    window.resize(1100, 760)

    def hold_points(shown: Any) -> None:
        import numpy as np

        days = np.arange(points, dtype=float)
        plot.plot(days, np.sin(days / 50.0) * 5 + 5)  # one curve of that many points, as plain as it gets
        _finish(app, shown, lambda: {"points": points})

    _report_when_shown(app, hold_points if points else None)
    window.show()
    return app.exec()


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(bare(int(sys.argv[2]) if len(sys.argv) > 2 else 0))
