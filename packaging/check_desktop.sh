#!/usr/bin/env bash
# Validate the desktop entry and the AppStream metainfo; fail on any error or warning.
#
#     bash packaging/check_desktop.sh      (DESKTOP_FILE=... METAINFO_FILE=... check other copies)
#
# desktop-file-validate (desktop-file-utils) exits 0 even when it reports errors, so its output is read: any
# "error:" or "warning:" line fails the check ("hint:" lines are shown but allowed). appstreamcli (appstream)
# runs without network access; any E: or W: line fails, I: and P: lines are shown but allowed.
set -euo pipefail
cd "$(dirname "$0")/.."

desktop=${DESKTOP_FILE:-resources/org.medjournal.MedJournal.desktop}
metainfo=${METAINFO_FILE:-resources/org.medjournal.MedJournal.metainfo.xml}
status=0

for tool in desktop-file-validate appstreamcli; do
  if ! command -v "$tool" >/dev/null; then
    echo "Error: $tool is not installed (apt-get install desktop-file-utils appstream)." >&2
    exit 1
  fi
done

echo "== desktop-file-validate $desktop"
output=$(desktop-file-validate "$desktop" 2>&1) || status=1
[ -n "$output" ] && echo "$output"
if grep -Eq '(error|warning):' <<<"$output"; then
  status=1
fi

echo "== appstreamcli validate --no-net $metainfo"
output=$(appstreamcli validate --no-net "$metainfo" 2>&1) || status=1
echo "$output"
if grep -Eq '^(E|W): ' <<<"$output"; then
  status=1
fi

# The two files must agree with each other and with the package.
if ! grep -q "<launchable type=\"desktop-id\">$(basename "$desktop")</launchable>" "$metainfo"; then
  echo "Error: the metainfo's launchable does not name $(basename "$desktop")." >&2
  status=1
fi
version=$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
if ! grep -q "<release version=\"$version\"" "$metainfo"; then
  echo "Error: the metainfo has no release notes for version $version (pyproject.toml)." >&2
  status=1
fi

if [ "$status" = 0 ]; then
  echo "desktop file and metainfo: no errors, no warnings"
else
  echo "Error: the desktop file or the metainfo has errors or warnings (above)." >&2
fi
exit "$status"
