"""Print queues for tests: a private CUPS server with cups-pdf queues, or no print system at all.

The private cupsd has its own configuration folder, listens only on a unix socket in it, and browses
nothing, so it never sees or touches the machine's printers; ``CUPS_SERVER`` points at its socket.
Queues: ``medjournal-pdf`` (the default; it offers two-sided printing), ``medjournal-closed`` (refuses
jobs, as after ``cupsreject``) and ``medjournal-wide`` (cannot print within 20 mm of the edge).
cups-pdf writes each job as a PDF into its anonymous folder (``AnonDirName`` of /etc/cups/cups-pdf.conf):
jobs are sent under a user name that does not exist, so they land there; each test removes the files of
its own jobs.

libcups remembers the server it first talked to, so switching servers inside one test process resets that
memory through ``cupsSetServer(NULL)``.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import random
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

CUPS_PDF_BACKEND = Path("/usr/lib/cups/backend/cups-pdf")
CUPS_PDF_PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")
CUPS_PDF_CONF = Path("/etc/cups/cups-pdf.conf")
JOB_USER = "medjournal-test-anonymous"  # not a user of this machine: cups-pdf files the job as anonymous
QUEUES = ("medjournal-pdf", "medjournal-closed", "medjournal-wide")
WIDE_MARGIN_POINTS = 56.7  # 20 mm


def why_no_cups() -> str | None:
    """Why the private CUPS server cannot run here, or None when it can."""
    missing = [tool for tool in ("cupsd", "lpadmin", "lpstat", "cupsreject") if shutil.which(tool) is None]
    if missing:
        return f"CUPS is not installed ({', '.join(missing)} missing; apt-get install cups cups-bsd)"
    if not CUPS_PDF_BACKEND.exists() or not CUPS_PDF_PPD.exists():
        return "cups-pdf is not installed (apt-get install cups-pdf)"
    if os.geteuid() != 0:
        return "cups-pdf only runs under a cupsd started as root (CI runs as root)"
    if ctypes.util.find_library("cups") is None:
        return "libcups is not installed"
    return None


def reset_libcups() -> None:
    library = ctypes.util.find_library("cups")
    if library:
        cups = ctypes.CDLL(library)
        cups.cupsSetServer(None)
        cups.cupsSetUser(None)


@contextlib.contextmanager
def cups_server(socket: str) -> Iterator[None]:
    """Point this process (and its child processes) at the CUPS server listening on ``socket``."""
    saved = {key: os.environ.get(key) for key in ("CUPS_SERVER", "CUPS_USER")}
    os.environ["CUPS_SERVER"] = socket
    os.environ["CUPS_USER"] = JOB_USER
    reset_libcups()
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        reset_libcups()


def no_print_system(folder: Path) -> contextlib.AbstractContextManager[None]:
    """A computer with no printer: the CUPS server named does not exist."""
    return cups_server(str(folder / "no-cups-here.sock"))


def anonymous_folder() -> Path:
    text = CUPS_PDF_CONF.read_text(errors="replace") if CUPS_PDF_CONF.exists() else ""
    match = re.search(r"^\s*AnonDirName\s+(\S+)", text, re.MULTILINE)
    return Path(match.group(1) if match else "/var/spool/cups-pdf/ANONYMOUS")


class PrivateCups:
    """A cupsd of our own with cups-pdf queues; ``start`` and ``stop`` it, ``job_pdf`` waits for a job."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.socket = str(folder / "cups.sock")
        self.process: subprocess.Popen[bytes] | None = None
        self.seen: set[str] = set()  # jobs already handed out by job_pdfs
        self.written: list[Path] = []  # every PDF handed out, removed by remove_job_pdfs

    def lp(self, *args: str) -> str:
        run = subprocess.run(
            [*args[:1], "-h", self.socket, *args[1:]], capture_output=True, text=True, timeout=30, check=False
        )
        if run.returncode:
            raise RuntimeError(f"{' '.join(args)}: {run.stderr.strip()}")
        return run.stdout

    def start(self) -> None:
        folder = self.folder
        for name in ("spool", "cache", "state", "log", "ppd"):
            (folder / name).mkdir(parents=True, exist_ok=True)
        (folder / "tmp").mkdir(exist_ok=True)
        (folder / "tmp").chmod(0o1777)  # filters run as the lp user and write their temporary files here
        (folder / "cupsd.conf").write_text(
            f"Listen {self.socket}\nBrowsing Off\nBrowseLocalProtocols none\nWebInterface No\n"
            "DefaultAuthType None\nLogLevel warn\nMaxJobs 50\nDirtyCleanInterval 0\n"  # job files written at once
            "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
            "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n"
        )
        (folder / "cups-files.conf").write_text(
            f"ServerRoot {folder}\nRequestRoot {folder}/spool\nTempDir {folder}/tmp\nCacheDir {folder}/cache\n"
            f"StateDir {folder}/state\nAccessLog {folder}/log/access_log\nErrorLog {folder}/log/error_log\n"
            f"PageLog {folder}/log/page_log\nServerBin /usr/lib/cups\nDataDir /usr/share/cups\n"
        )
        # Job numbers of their own, so that cups-pdf's file names ("<title>-job_<N>.pdf") do not meet those of
        # another test process's server in the shared folder.
        (folder / "cache" / "job.cache").write_text(f"NextJobId {random.randrange(10**6, 10**8)}\n")
        cups_pdf = CUPS_PDF_PPD.read_text(errors="replace")
        two_sided = folder / "two-sided.ppd"
        two_sided.write_text(_two_sided_ppd(cups_pdf))
        wide = folder / "wide.ppd"
        wide.write_text(_wide_ppd(cups_pdf))
        self.process = subprocess.Popen(
            ["cupsd", "-f", "-c", str(folder / "cupsd.conf"), "-s", str(folder / "cups-files.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=_end_with_parent,
        )
        deadline = time.monotonic() + 20
        while not self._answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the private cupsd did not start; see {folder}/log/error_log")
            time.sleep(0.05)
        for queue, ppd in zip(QUEUES, (two_sided, CUPS_PDF_PPD, wide), strict=True):
            self.lp("lpadmin", "-p", queue, "-E", "-v", "cups-pdf:/", "-P", str(ppd))
            # Through cups-filters' default PostScript step (Ghostscript) the text of a PDF comes back as
            # glyph drawings without their letters; pdftocairo keeps the letters, so the output can be read.
            self.lp("lpadmin", "-p", queue, "-o", "pdftops-renderer-default=pdftocairo")
        self.lp("lpadmin", "-d", QUEUES[0])
        self.lp("cupsreject", QUEUES[1])

    def _answers(self) -> bool:
        if not Path(self.socket).exists():
            return False
        run = subprocess.run(
            ["lpstat", "-h", self.socket, "-r"], capture_output=True, text=True, timeout=10, check=False
        )
        return "is running" in run.stdout

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.process = None

    def jobs_done(self) -> bool:
        """Every job of this server has left the queue (completed, or stopped by a filter error)."""
        return not self.lp("lpstat", "-o").strip()

    def job_pdfs(self, timeout: float = 60) -> list[Path]:
        """The PDFs cups-pdf wrote for the jobs completed since the last call, oldest first."""
        deadline = time.monotonic() + timeout
        while not self.jobs_done():
            if time.monotonic() > deadline:
                raise AssertionError(f"jobs still queued: {self.lp('lpstat', '-o')}")
            time.sleep(0.1)
        new = [job for job in self.completed_jobs() if job not in self.seen]
        self.seen.update(new)
        folder = anonymous_folder()
        found = []
        for job in sorted(new, key=lambda name: int(name.rsplit("-", 1)[1])):
            number = job.rsplit("-", 1)[1]
            found += sorted(folder.glob(f"*-job_{number}.pdf"))
        self.written += found
        return found

    def job_options(self, job: str) -> bytes:
        """The raw IPP attributes CUPS keeps for a job (its control file), to look for an option sent."""
        return (self.folder / "spool" / f"c{int(job.rsplit('-', 1)[1]):05d}").read_bytes()

    def remove_job_pdfs(self) -> None:
        """Remove the PDFs cups-pdf wrote for this server's jobs (those handed out and any not yet seen)."""
        self.job_pdfs()
        for path in self.written:
            path.unlink(missing_ok=True)
        self.written.clear()

    def completed_jobs(self) -> list[str]:
        """Job names such as "medjournal-pdf-4812345"."""
        return [line.split()[0] for line in self.lp("lpstat", "-W", "completed", "-o").splitlines() if line]


def _wide_ppd(ppd: str) -> str:
    """The cups-pdf PPD with an unprintable edge of 20 mm on every side of every paper."""

    def area(match: re.Match[str]) -> str:
        left, bottom, right, top = (float(value) for value in match.group(2).split())
        m = WIDE_MARGIN_POINTS
        return f'{match.group(1)}"{left + m:.1f} {bottom + m:.1f} {right - m:.1f} {top - m:.1f}"'

    return re.sub(r'^(\*ImageableArea [^:]+: )"([^"]*)"', area, ppd, flags=re.MULTILINE)


DUPLEX = """*OpenUI *Duplex/2-Sided Printing: PickOne
*OrderDependency: 20 AnySetup *Duplex
*DefaultDuplex: None
*Duplex None/Off: "<</Duplex false>>setpagedevice"
*Duplex DuplexNoTumble/Long Edge: "<</Duplex true/Tumble false>>setpagedevice"
*Duplex DuplexTumble/Short Edge: "<</Duplex true/Tumble true>>setpagedevice"
*CloseUI: *Duplex
"""


def _two_sided_ppd(ppd: str) -> str:
    """The cups-pdf PPD with two-sided printing offered, as a duplex printer's PPD does."""
    return ppd.replace("*CloseUI: *PageSize\n", "*CloseUI: *PageSize\n" + DUPLEX, 1)


def _end_with_parent() -> None:
    """In the cupsd child: end when the test process that started it ends, even if it is killed."""
    libc = ctypes.CDLL(None)
    libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
