#!/usr/bin/env bash
# Copy the front-end files the portal serves itself from node_modules (pinned by package-lock.json,
# installed by deploy/install.sh) into services/portal/static/vendor/, or into the folder given:
#   deploy/vendor.sh [TARGET]    # default TARGET: services/portal/static/vendor
# htmx/: htmx.min.js, its LICENSE, and VERSION naming the npm version and the file's sha256.
# The copies are committed; after upgrading htmx.org in package.json, run this again and commit.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET="${1:-$REPO/services/portal/static/vendor}"
HTMX="$REPO/node_modules/htmx.org"

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
