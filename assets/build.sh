#!/usr/bin/env bash
# Rebuild static/vendor/nhsuk-frontend/ from the nhsuk-frontend version pinned
# in assets/package.json (+ package-lock.json). Run via `make assets`, or
# `bash assets/build.sh` from anywhere. Needs Node.js >= 20.9 and npm; the
# site itself never needs Node: the output is committed.
#
# The output is reproducible: running this twice gives byte-identical files.
set -euo pipefail

export LC_ALL=C

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
out="$root/static/vendor/nhsuk-frontend"
pkg="$here/node_modules/nhsuk-frontend"

die() {
  echo "assets/build.sh: error: $*" >&2
  exit 1
}

command -v node >/dev/null || die "node is not installed (needs Node.js >= 20.9)"
command -v npm >/dev/null || die "npm is not installed"

cd "$here"

# 1. Install exactly what package-lock.json says. No install scripts, no
#    optional native file watcher (only used by `sass --watch`).
npm ci --ignore-scripts --omit=optional --no-audit --no-fund --loglevel=error

expected="$(node -p "require('./package.json').dependencies['nhsuk-frontend']")"
installed="$(node -p "require('./node_modules/nhsuk-frontend/package.json').version")"
[ "$expected" = "$installed" ] || die "nhsuk-frontend $installed installed, package.json pins $expected"

# 2. Start from an empty output folder so no stale file survives.
rm -rf "$out"
mkdir -p "$out"

# 3. CSS: compile nhsuk-frontend's Sass with hemed's settings (hemed-nhsuk.scss).
node_modules/.bin/sass \
  --no-source-map \
  --style=compressed \
  --load-path=node_modules \
  hemed-nhsuk.scss "$out/nhsuk-frontend.min.css"

# 4. JS: the package's own minified bundle, byte for byte (an ES module).
cp "$pkg/dist/nhsuk/nhsuk-frontend.min.js" "$out/nhsuk-frontend.min.js"

# 5. Images: only the files the compiled CSS refers to. No favicons, no
#    manifest, no NHS logo: hemed is not an NHS service.
urls="$(grep -o 'url([^)]*)' "$out/nhsuk-frontend.min.css" | sed -E 's/^url\(["'\'']?//; s/["'\'']?\)$//' | sort -u)"
for url in $urls; do
  case "$url" in
    assets/*) ;;
    *) die "unexpected url($url) in compiled CSS (expected assets/...)" ;;
  esac
  src="$pkg/dist/nhsuk/$url"
  [ -f "$src" ] || die "url($url) in compiled CSS: $src does not exist"
  mkdir -p "$out/$(dirname "$url")"
  cp "$src" "$out/$url"
done

# 6. Licence and version. The npm tarball has no LICENSE file, so the MIT
#    licence text from the nhsuk-frontend repository is kept in assets/.
cp "$here/nhsuk-frontend.LICENSE" "$out/LICENSE"
printf '%s\n' "$installed" >"$out/VERSION"

# 7. Checks: nothing in the vendored CSS/JS may fetch anything from elsewhere.
css="$out/nhsuk-frontend.min.css"
js="$out/nhsuk-frontend.min.js"
for f in "$css" "$js"; do
  if grep -qi 'assets\.nhs\.uk' "$f"; then die "$f mentions assets.nhs.uk"; fi
  if grep -qi '@font-face' "$f"; then die "$f contains @font-face"; fi
  if grep -qiE 'https?:' "$f"; then die "$f contains an http(s) URL"; fi
  if grep -qE 'url\((["'\'']?)//' "$f"; then die "$f contains a protocol-relative URL"; fi
done
for url in $urls; do
  [ -f "$out/$url" ] || die "url($url) does not resolve under $out"
done

echo "assets/build.sh: nhsuk-frontend $installed -> ${out#"$root"/}/"
(
  cd "$out"
  find . -type f | sort | while read -r f; do
    printf '  %-50s %8s bytes  %7s gzip -9\n' "${f#./}" "$(wc -c <"$f")" "$(gzip -9c "$f" | wc -c)"
  done
)
