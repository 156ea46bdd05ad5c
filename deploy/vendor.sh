#!/usr/bin/env bash
# Copy the front-end files the portal serves itself from node_modules (pinned by package-lock.json,
# installed by deploy/install.sh) into services/portal/static/vendor/, or into the folder given:
#   deploy/vendor.sh [TARGET]    # default TARGET: services/portal/static/vendor
# htmx/: htmx.min.js, its LICENSE, and VERSION naming the npm version and the file's sha256.
# chartjs/: chart.umd.min.js (Chart.js, the dashboards' charts), its LICENSE.md, and VERSION alike.
# The copies are committed; after upgrading htmx.org or chart.js in package.json, run this again
# and commit.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET="${1:-$REPO/services/portal/static/vendor}"
HTMX="$REPO/node_modules/htmx.org"
CHARTJS="$REPO/node_modules/chart.js"

die() { echo "vendor.sh: error: $*" >&2; exit 1; }

[[ -f "$HTMX/dist/htmx.min.js" && -f "$HTMX/LICENSE" ]] \
    || die "$HTMX has no dist/htmx.min.js or LICENSE; run deploy/install.sh (npm ci) first"
version="$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$HTMX/package.json" | head -n1)"
[[ -n "$version" ]] || die "cannot read the version from $HTMX/package.json"

mkdir -p "$TARGET/htmx"
cp "$HTMX/dist/htmx.min.js" "$TARGET/htmx/htmx.min.js"
cp "$HTMX/LICENSE" "$TARGET/htmx/LICENSE"
sha="$(sha256sum "$TARGET/htmx/htmx.min.js" | cut -d' ' -f1)"
{
    echo "htmx.org $version (npm: dist/htmx.min.js and LICENSE), copied by deploy/vendor.sh"
    echo "sha256 $sha  htmx.min.js"
} >"$TARGET/htmx/VERSION"
echo "==> htmx $version -> $TARGET/htmx/"

# Chart.js: the UMD build (one file, defines window.Chart), kept byte for byte; the source map it
# names is not copied (browsers ask for it only with their developer tools open).
[[ -f "$CHARTJS/dist/chart.umd.min.js" && -f "$CHARTJS/LICENSE.md" ]] \
    || die "$CHARTJS has no dist/chart.umd.min.js or LICENSE.md; run deploy/install.sh (npm ci) first"
version="$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$CHARTJS/package.json" | head -n1)"
[[ -n "$version" ]] || die "cannot read the version from $CHARTJS/package.json"

mkdir -p "$TARGET/chartjs"
cp "$CHARTJS/dist/chart.umd.min.js" "$TARGET/chartjs/chart.umd.min.js"
cp "$CHARTJS/LICENSE.md" "$TARGET/chartjs/LICENSE.md"
sha="$(sha256sum "$TARGET/chartjs/chart.umd.min.js" | cut -d' ' -f1)"
{
    echo "chart.js $version (npm: dist/chart.umd.min.js and LICENSE.md), copied by deploy/vendor.sh"
    echo "sha256 $sha  chart.umd.min.js"
} >"$TARGET/chartjs/VERSION"
echo "==> Chart.js $version -> $TARGET/chartjs/"
