#!/usr/bin/env bash
# Demo: packs sleepmut, installs it beside Stryker 9 in .e2e/demo, and runs `npx stryker run` on the
# ts-connector sample with its weak (AI-style) and then its strong test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
demo=.e2e/demo
mkdir -p "$demo"
npm run build --silent
rm -f "$demo"/sleepmut-*.tgz
tarball=$(npm pack --silent --pack-destination "$demo")
cat > "$demo/package.json" <<JSON
{ "private": true, "dependencies": {
  "@stryker-mutator/core": "9.6.1", "@stryker-mutator/vitest-runner": "9.6.1", "vitest": "4.1.11",
  "sleepmut": "file:./$tarball" } }
JSON
echo "Installing Stryker 9.6.1 and sleepmut into $demo ..."
(cd "$demo" && npm install --silent --no-audit --no-fund >/dev/null)
rm -rf "$demo/ts-connector"
cp -r sample-projects/ts-connector "$demo/ts-connector"
cd "$demo/ts-connector"
for suite in weak strong; do
  echo
  echo "=== ts-connector, $suite test suite: npx stryker run stryker.$suite.conf.json ==="
  npx --no-install stryker run "stryker.$suite.conf.json" --reporters clear-text,html,json,sleepmut
  cp -r reports "reports-$suite"
done
echo
echo "Reports: $demo/ts-connector/reports-{weak,strong}/ (mutation/mutation.html, sleepmut/summary.json)"
