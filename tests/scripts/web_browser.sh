#!/usr/bin/env bash
# qawl-lookup serve in headless Chromium (Selenium, Debian's /usr/bin/python3):
# suggestions, right-to-left results with kinds, the speaker page's chart, a
# phrase across spellings, a hostile record rendered as text; screenshots in
# BUILD/web-screenshots (QAWL_SCREENSHOT_DIR=docs/img to refresh the
# documentation's). See tests/scripts/web_browser.py.
set -euo pipefail
build=$1
src=$2
for need in /usr/bin/chromium /usr/bin/chromedriver; do
  [ -x "$need" ] || { echo "FAIL: $need missing: run scripts/install-deps.sh"; exit 1; }
done
/usr/bin/python3 -c 'import selenium' || { echo "FAIL: python3-selenium missing: run scripts/install-deps.sh"; exit 1; }
shots=${QAWL_SCREENSHOT_DIR:-$build/web-screenshots}
# Chromium wants a writable home for its profile.
export HOME=${TMPDIR:-/tmp}
exec /usr/bin/python3 "$src/tests/scripts/web_browser.py" "$build" "$src" "$shots"
