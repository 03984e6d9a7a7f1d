#!/usr/bin/env bash
# Product smoke test: starts the materialised linux product under Xvfb on a fresh data folder, waits for
# the first window, checks the log for errors, saves a screenshot and the start-up time, and stops it.
#   releng/product-smoke.sh [extra product args, e.g. -nl en]
# Output: target/product-smoke/{screenshot*.png,product.log,startup-ms.txt}
set -uo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
product="$top/product/vn.motcua.client.product/target/products/vn.motcua.client/linux/gtk/x86_64/motcua-desk"
out="$top/target/product-smoke"
[ -x "$product/motcua.sh" ] || { echo "product-smoke: no materialised product at $product (run the build first)" >&2; exit 1; }
command -v Xvfb >/dev/null || { echo "product-smoke: Xvfb missing; fix: apt-get install xvfb" >&2; exit 1; }
command -v import >/dev/null || { echo "product-smoke: ImageMagick 'import' missing; fix: apt-get install imagemagick" >&2; exit 1; }
. "$top/releng/find-jdk.sh"; jdk=$(motcua_find_jdk) || exit 1

rm -rf "$out"; mkdir -p "$out"
data=$(mktemp -d); display=":$(( 90 + RANDOM % 9 ))"
Xvfb "$display" -screen 0 1366x820x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
cleanup() { [ -n "${app:-}" ] && kill "$app" 2>/dev/null; sleep 1; kill "$xvfb" 2>/dev/null; rm -rf "$data"; }
trap cleanup EXIT
sleep 1
suffix="${1:+-$(echo "$*" | tr -c 'a-zA-Z0-9' '_' | sed 's/_*$//')}"
DISPLAY="$display" MOTCUA_JAVA="$jdk/bin/java" MOTCUA_DATA="$data" "$product/motcua.sh" "$@" > "$out/product$suffix.log" 2>&1 & app=$!
for _ in $(seq 1 90); do
  grep -q "\[motcua\] startup:" "$out/product$suffix.log" && break
  kill -0 "$app" 2>/dev/null || break
  sleep 1
done
if ! grep -q "\[motcua\] startup:" "$out/product$suffix.log"; then
  echo "product-smoke: FAILED, the product did not show its window" >&2
  cat "$out/product$suffix.log" >&2; cat "$data/workspace/.metadata/.log" >&2 2>/dev/null; exit 1
fi
sleep 3   # let the list paint
DISPLAY="$display" import -window root "$out/screenshot$suffix.png"
grep -o "first window shown after [0-9]* ms" "$out/product$suffix.log" | grep -o "[0-9]*" > "$out/startup-ms$suffix.txt"
if [ -f "$data/workspace/.metadata/.log" ] && grep -q "^!ENTRY .* 4 " "$data/workspace/.metadata/.log"; then
  echo "product-smoke: FAILED, errors in the workbench log:" >&2; cat "$data/workspace/.metadata/.log" >&2; exit 1
fi
echo "product-smoke: OK, first window after $(cat "$out/startup-ms$suffix.txt") ms; screenshot $out/screenshot$suffix.png"
