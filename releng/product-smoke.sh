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

mkdir -p "$out"
data=$(mktemp -d); display=":$(( 90 + RANDOM % 9 ))"
Xvfb "$display" -screen 0 1366x820x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
cleanup() { [ -n "${app:-}" ] && kill -- -"$app" 2>/dev/null; sleep 1; kill "$xvfb" 2>/dev/null; rm -rf "$data"; }
trap cleanup EXIT
sleep 1
suffix="$(echo "$*" | tr -c 'a-zA-Z0-9' '-' | sed 's/^-*//; s/-*$//')"; suffix="${suffix:+-$suffix}"
rm -f "$out"/*"$suffix".* 2>/dev/null

# Starts the product, waits for its first window; $1 = log file. Leaves $app running.
start_product() {
  # setsid: its own process group, so stopping it stops the java child of the launch script too.
  DISPLAY="$display" MOTCUA_JAVA="$jdk/bin/java" MOTCUA_DATA="$data" setsid "$product/motcua.sh" "${args[@]}" > "$1" 2>&1 & app=$!
  for _ in $(seq 1 120); do
    grep -qs "\[motcua\] startup:" "$1" && return 0  # -s: the log may not exist yet
    kill -0 "$app" 2>/dev/null || break
    sleep 0.5
  done
  echo "product-smoke: FAILED, the product did not show its window" >&2
  cat "$1" >&2; cat "$data/workspace/.metadata/.log" >&2 2>/dev/null; exit 1
}
stop_product() { kill -- -"$app" 2>/dev/null; wait "$app" 2>/dev/null; app=""; }
args=("$@" --user demo)   # the demo cache's all-roles account, without the login dialog

# First start ever on this data folder: creates and seeds the cache.
start_product "$out/product-first$suffix.log"
stop_product
# The start a clerk sees every morning: existing cache, warm OS file cache.
start_product "$out/product$suffix.log"
sleep 3   # let the list paint
DISPLAY="$display" import -window root "$out/screenshot$suffix.png"
ms() { grep -o "first window shown after [0-9]* ms" "$1" | grep -o "[0-9]*"; }

# A second instance on the same data folder must say the first is running, not open the cache.
first=$app
DISPLAY="$display" MOTCUA_JAVA="$jdk/bin/java" MOTCUA_DATA="$data" setsid "$product/motcua.sh" "${args[@]}" > "$out/product-second$suffix.log" 2>&1 & second=$!
for _ in $(seq 1 60); do grep -qs "LOCKED\|already using" "$out/product-second$suffix.log" && break; sleep 0.5; done
sleep 2
DISPLAY="$display" import -window root "$out/screenshot-second-instance$suffix.png"
kill -- -"$second" 2>/dev/null; wait "$second" 2>/dev/null
app=$first
if ! grep -q "already using" "$out/product-second$suffix.log" || grep -q "\[motcua\] startup:" "$out/product-second$suffix.log"; then
  echo "product-smoke: FAILED, a second instance on the same data folder was not refused" >&2
  cat "$out/product-second$suffix.log" >&2; exit 1
fi
# The login dialog a clerk sees on a cache without automatic login.
stop_product
DISPLAY="$display" MOTCUA_JAVA="$jdk/bin/java" MOTCUA_DATA="$data" setsid "$product/motcua.sh" "$@" > "$out/product-login$suffix.log" 2>&1 & app=$!
for _ in $(seq 1 60); do grep -qs "\[motcua\] login dialog shown" "$out/product-login$suffix.log" && break; sleep 0.5; done
if ! grep -q "\[motcua\] login dialog shown" "$out/product-login$suffix.log"; then
  echo "product-smoke: FAILED, no login dialog without --user" >&2; cat "$out/product-login$suffix.log" >&2; exit 1
fi
sleep 2
DISPLAY="$display" import -window root "$out/screenshot-login$suffix.png"
echo "first-start $(ms "$out/product-first$suffix.log")" > "$out/startup-ms$suffix.txt"
echo "start $(ms "$out/product$suffix.log")" >> "$out/startup-ms$suffix.txt"
# Errors the product logged to its output (java.util.logging / SLF4J: a grid that failed to paint logs SEVERE there).
for log in "$out/product-first$suffix.log" "$out/product$suffix.log"; do
  if grep -q "^SEVERE:\|^Exception in\|^java\.lang\.[A-Za-z]*\(Exception\|Error\)" "$log"; then
    echo "product-smoke: FAILED, errors in the product's output ($log):" >&2; grep -A12 "^SEVERE:\|^Exception in" "$log" | head -60 >&2; exit 1
  fi
done
if [ -f "$data/workspace/.metadata/.log" ] && grep -q "^!ENTRY .* 4 " "$data/workspace/.metadata/.log"; then
  echo "product-smoke: FAILED, errors in the workbench log:" >&2; cat "$data/workspace/.metadata/.log" >&2; exit 1
fi
echo "product-smoke: OK (${args[*]:-default language}): first window after $(ms "$out/product$suffix.log") ms" \
     "(very first start with demo seeding: $(ms "$out/product-first$suffix.log") ms); screenshot $out/screenshot$suffix.png"
