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

# The product runs on its own runtime (jre/) with no other Java in sight: no JAVA_HOME, no MOTCUA_JAVA, a PATH without
# the JDK. An archive without one (a build with MOTCUA_RUNTIME_BUILD=off) runs on the build's JDK.
if [ -x "$product/jre/bin/java" ]; then
  run_env=(env -u JAVA_HOME -u MOTCUA_JAVA PATH=/usr/bin:/bin)
else
  run_env=(env MOTCUA_JAVA="$jdk/bin/java")
fi
# Starts the product, waits for its first window; $1 = log file. Leaves $app running.
start_product() {
  # setsid: its own process group, so stopping it stops the java child of the launch script too.
  DISPLAY="$display" MOTCUA_DATA="$data" setsid "${run_env[@]}" "$product/motcua.sh" "${args[@]}" > "$1" 2>&1 & app=$!
  for _ in $(seq 1 120); do
    grep -qs "\[motcua\] startup:" "$1" && { check_runtime; return 0; }  # -s: the log may not exist yet
    kill -0 "$app" 2>/dev/null || break
    sleep 0.5
  done
  echo "product-smoke: FAILED, the product did not show its window" >&2
  cat "$1" >&2; cat "$data/workspace/.metadata/.log" >&2 2>/dev/null; exit 1
}
stop_product() { kill -- -"$app" 2>/dev/null; wait "$app" 2>/dev/null; app=""; }
# The Java process of the running product must be the shipped runtime's.
check_runtime() {
  [ -x "$product/jre/bin/java" ] || return 0
  local pid exe
  pid=$(pgrep -g "$app" -f "motcua.data=$data" | head -n1)
  exe=$(readlink -f "/proc/$pid/exe" 2>/dev/null)
  if [ "$exe" != "$(readlink -f "$product/jre/bin/java")" ]; then
    echo "product-smoke: FAILED, the product runs on $exe, not on its own runtime $product/jre" >&2; exit 1
  fi
}
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
DISPLAY="$display" MOTCUA_DATA="$data" setsid "${run_env[@]}" "$product/motcua.sh" "${args[@]}" > "$out/product-second$suffix.log" 2>&1 & second=$!
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
DISPLAY="$display" MOTCUA_DATA="$data" setsid "${run_env[@]}" "$product/motcua.sh" "$@" > "$out/product-login$suffix.log" 2>&1 & app=$!
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
# USB tokens go through SunPKCS11, a module of the shipped runtime: list a SoftHSM2 token with the runtime's own keytool.
if [ -x "$product/jre/bin/keytool" ] && [ -z "$suffix" ] && command -v softhsm2-util >/dev/null; then
  hsm="$data/softhsm"; mkdir -p "$hsm/tokens"
  printf 'directories.tokendir = %s\nobjectstore.backend = file\n' "$hsm/tokens" > "$hsm/softhsm2.conf"
  lib=$(ls /usr/lib/softhsm/libsofthsm2.so /usr/lib/*/softhsm/libsofthsm2.so 2>/dev/null | head -n1)
  printf 'name = SmokeToken\nlibrary = %s\nslotListIndex = 0\n' "$lib" > "$hsm/pkcs11.cfg"
  SOFTHSM2_CONF="$hsm/softhsm2.conf" softhsm2-util --init-token --free --label smoke --pin 1234 --so-pin 5678 >/dev/null
  if ! SOFTHSM2_CONF="$hsm/softhsm2.conf" "$product/jre/bin/keytool" -list -storetype PKCS11 -providerClass sun.security.pkcs11.SunPKCS11 \
       -providerArg "$hsm/pkcs11.cfg" -storepass 1234 2>&1 | grep -q "Keystore type: PKCS11"; then
    echo "product-smoke: FAILED, the shipped runtime cannot open a PKCS#11 token (jdk.crypto.cryptoki)" >&2; exit 1
  fi
  echo "product-smoke: the shipped runtime opens a PKCS#11 token (SoftHSM2) through SunPKCS11"
fi
echo "product-smoke: OK (${args[*]:-default language}, Java: $( [ -x "$product/jre/bin/java" ] && echo "the product's own runtime" || echo "$jdk")): first window after $(ms "$out/product$suffix.log") ms" \
     "(very first start with demo seeding: $(ms "$out/product-first$suffix.log") ms); screenshot $out/screenshot$suffix.png"
