#!/usr/bin/env bash
# Build the one-folder Linux bundle with PyInstaller, pack it as a .tar.gz and check that it starts.
#
#     bash packaging/build_bundle.sh [--no-smoke]
#
# Needs: medjournal and PyInstaller installed in the Python that runs it (PYTHON, default: python3), e.g.
# pip install -e ".[dev]". Writes dist/medjournal/ and dist/medjournal-VERSION-linux-ARCH.tar.gz (git-ignored).
# The smoke test runs the bundle offscreen: --version, a demo journal, and the real window opened and closed.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
smoke=1
[ "${1:-}" = "--no-smoke" ] && smoke=0

version=$("$PYTHON" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
archive="dist/medjournal-${version}-linux-$(uname -m).tar.gz"

echo "== building medjournal ${version} with PyInstaller"
start=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/medjournal.spec
# Strip only the interpreter's own binaries (pyenv and python.org builds keep their debug symbols: about
# 25 MB). Never the wheels' libraries: strip corrupts the patchelf-edited ones, e.g. numpy's OpenBLAS ("ELF load
# command address/offset not page-aligned"), and never the executable, which carries the app's archive.
if command -v strip >/dev/null; then
  find dist/medjournal/_internal -maxdepth 1 -name 'libpython3*.so*' -type f -exec strip --strip-unneeded {} +
  find dist/medjournal/_internal -path '*/lib-dynload/*.so' -type f -exec strip --strip-unneeded {} +
fi
# The source it was built from, so that benchmarks/bench_bundle.py compares it only with a wheel of the same code.
"$PYTHON" -c 'from benchmarks.bench_bundle import source_key; print(source_key())' > dist/medjournal/SOURCE-KEY
tar -C dist -czf "$archive" medjournal
end=$(date +%s)
echo "built in $((end - start)) s: dist/medjournal ($(du -sh dist/medjournal | cut -f1)), $archive ($(du -h "$archive" | cut -f1))"

[ "$smoke" = 1 ] || exit 0

echo "== smoke test of the bundle (offscreen, throwaway home)"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export HOME="$scratch" XDG_DATA_HOME="$scratch/share" MEDJOURNAL_HOME="$scratch/medjournal" QT_QPA_PLATFORM=offscreen
# Run from outside the source tree and without the build Python's paths, as on a machine without Python.
unset PYTHONPATH PYTHONHOME
bundle="$PWD/dist/medjournal/medjournal"
cd "$scratch"

printed=$("$bundle" --version)
if [ "$printed" != "medjournal, version ${version}" ]; then
  echo "Error: the bundle's --version printed '${printed}', expected the pyproject version ${version}." >&2
  exit 1
fi
echo "--version: ${printed}"
"$bundle" --db "$scratch/journal.db" demo --days 60 | tail -n 1
"$bundle" --db "$scratch/journal.db" med list >/dev/null
"$bundle" --db "$scratch/journal.db" report -o "$scratch/summary.pdf"
# A summary in German: the bundle keeps Babel's locale data only for the languages medjournal is translated into.
"$bundle" --db "$scratch/journal.db" setting summary_language de >/dev/null
"$bundle" --db "$scratch/journal.db" report -o "$scratch/summary-de.pdf"
MEDJOURNAL_SMOKE_WINDOW="$scratch/journal.db" "$bundle" | grep '^SMOKE ' || {
  echo "Error: the bundle's window check failed: see the SMOKE line above (import failures, icon, exit code)." >&2
  exit 1
}
# Read all of its output before printing the first line: `| head -n 1` closed the pipe early, and the bundle,
# still writing, failed with a broken pipe reported as "Could not change the desktop menu".
installed=$("$bundle" --install-desktop)
echo "${installed%%$'\n'*}"
if ! grep -qF "Exec=$bundle" "$XDG_DATA_HOME/applications/org.medjournal.MedJournal.desktop" \
  && ! grep -qF "Exec=\"$bundle\"" "$XDG_DATA_HOME/applications/org.medjournal.MedJournal.desktop"; then
  echo "Error: --install-desktop did not write a menu entry that starts $bundle." >&2
  exit 1
fi
echo "bundle smoke test passed"
