#!/usr/bin/env bash
# Two product instances, one sync server (issue 6's "done when"): starts the demo sync server on loopback and two
# materialised products under two Xvfb displays, each with its own new data folder pointed at the server. On each,
# a clerk logs in through the login dialog (online first login of a new workstation) and receives a dossier at the
# counter, with real key presses and clicks (xdotool). Then both products are stopped and each data folder is read
# (vn.motcua.sync.testing.DataFolderDossiers, unlocked with the clerk's password): both must hold both dossiers,
# nothing pending, no conflict, and their audit chains must verify (vn.motcua.store.AuditVerifier).
#   releng/sync-smoke.sh        (after a build: ./mvnw -o clean verify, or releng/test)
# Output: target/sync-smoke/{a-*.png,b-*.png,*.log,a.txt,b.txt}
set -uo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
cd "$top"
product="$top/product/vn.motcua.client.product/target/products/vn.motcua.client/linux/gtk/x86_64/motcua-desk"
out="$top/target/sync-smoke"
[ -x "$product/motcua.sh" ] || { echo "sync-smoke: no materialised product at $product (run the build first)" >&2; exit 1; }
for tool in Xvfb xdotool import; do
  command -v "$tool" >/dev/null || { echo "sync-smoke: $tool missing; fix: apt-get install xvfb xdotool imagemagick" >&2; exit 1; }
done
. releng/find-jdk.sh; jdk=$(motcua_find_jdk) || exit 1
cp="$(releng/bench sync-classpath)" || exit 1

rm -rf "$out"; mkdir -p "$out"
work=$(mktemp -d)
pids=()
cleanup() {
  # Process groups for what setsid started (the launch scripts' java children), plain pids for the X servers.
  for p in "${pids[@]}"; do kill -- -"$p" 2>/dev/null || kill "$p" 2>/dev/null; done
  sleep 1; rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "sync-smoke: FAILED, $*" >&2; for f in "$out"/*.log; do echo "--- $f" >&2; tail -20 "$f" >&2; done; exit 1; }

# The server: the demo commune's catalogue and accounts (password "demo"), on a free port.
setsid "$jdk/bin/java" -Xmx512m -cp "$cp" vn.motcua.sync.testing.DemoServer "$work/server" 0 > "$out/server.log" 2>&1 & pids+=($!)
# Up to 2 minutes: it loads the demo catalogue and hashes the demo passwords first (slow on a loaded machine).
for _ in $(seq 1 240); do grep -qs "^READY " "$out/server.log" && break; sleep 0.5; done
url=$(sed -n 's/^READY //p' "$out/server.log")
[ -n "$url" ] || fail "the sync server did not start"

. releng/desk-driver.sh
declare -A disp
disp[a]=$(free_display 70)
disp[b]=$(free_display $(( ${disp[a]#:} + 1 )))
for ws in a b; do
  Xvfb "${disp[$ws]}" -screen 0 1366x820x24 -nolisten tcp >/dev/null 2>&1 & pids+=($!)
done
sleep 1

# Starts workstation $1 on its own data folder and logs the clerk in through the dialog.
start() {
  local ws=$1
  # On the product's own runtime when it has one (the counter's Form 01 PDF is drawn by it), else on the build's JDK.
  local java_env=(env -u JAVA_HOME -u MOTCUA_JAVA)
  [ -x "$product/jre/bin/java" ] || java_env=(env MOTCUA_JAVA="$jdk/bin/java")
  DISPLAY="${disp[$ws]}" MOTCUA_DATA="$work/$ws" MOTCUA_SERVER="$url" \
    setsid "${java_env[@]}" "$product/motcua.sh" > "$out/$ws.log" 2>&1 & pids+=($!)
  eval "app_$ws=$!"
  for _ in $(seq 1 120); do grep -qs "\[motcua\] login dialog shown" "$out/$ws.log" && break; sleep 0.5; done
  grep -qs "\[motcua\] login dialog shown" "$out/$ws.log" || fail "workstation $ws showed no login dialog"
  sleep 2
  shot "$ws" login
  type_login "$ws" canbo.motcua demo
  for _ in $(seq 1 120); do grep -qs "\[motcua\] startup:" "$out/$ws.log" && break; sleep 0.5; done
  grep -qs "\[motcua\] startup:" "$out/$ws.log" || fail "workstation $ws did not open after the online login"
  sleep 4
}

# The product logs "Sync round: N sent, R refused, M received; P waiting to send" whenever work moved.
SENT="Sync round: [1-9][0-9]* sent"
RECEIVED="Sync round: .* [1-9][0-9]* received"

# Receives a birth registration at workstation $1's counter (arguments as fill_and_receive) and waits until it is sent.
receive() {
  local ws=$1
  local sent; sent=$(count "$ws" "$SENT")
  fill_and_receive "$@"
  # Received and sent to the server: the workstation says so in its log (no guessing with a sleep).
  if ! await_more "$ws" "$SENT" "$sent" 90; then
    shot "$ws" counter-received
    fail "workstation $ws did not send a received dossier within 90 s (see $out/$ws-counter-received.png, $out/$ws.log)"
  fi
  sleep 1; shot "$ws" counter-received
}

start a
receive a "tran thi lam" 12/03/1990 025090001111 0912000111
a_received=$(count a "$RECEIVED")
start b   # its first sync brings a's dossier
receive b "le van binh" 01/02/1985 025085002222 0912000222
# a pulls b's dossier on one of its next rounds (every 2 s); then both lists are looked at.
await_more a "$RECEIVED" "$a_received" 90 || fail "workstation a did not receive b's dossier within 90 s (see $out/a.log)"
sleep 2
for ws in a b; do x "$ws" mousemove 683 410 key F3; done                    # F3: the list "Hồ sơ"
sleep 3
shot a list; shot b list
# SIGTERM, as a desktop session's end sends it: the product closes its cache cleanly and says so.
for ws in a b; do p="app_$ws"; kill -- -"${!p}" 2>/dev/null; wait "${!p}" 2>/dev/null; done
for ws in a b; do
  for _ in $(seq 1 60); do grep -qs "\[motcua\] terminated: cache closed cleanly" "$out/$ws.log" && break; sleep 0.5; done
  grep -qs "\[motcua\] terminated: cache closed cleanly" "$out/$ws.log" || fail "workstation $ws did not close its cache on SIGTERM"
done
for _ in $(seq 1 60); do pgrep -f "$work/[ab]" >/dev/null || break; sleep 0.5; done

for ws in a b; do
  echo demo | "$jdk/bin/java" -cp "$cp" vn.motcua.sync.testing.DataFolderDossiers "$work/$ws" canbo.motcua > "$out/$ws.txt" 2> "$out/$ws-check.log" \
    || fail "the data folder of workstation $ws could not be read"
  echo demo | "$jdk/bin/java" -cp "$cp" vn.motcua.store.AuditVerifier -nl en --user canbo.motcua "$work/$ws" > "$out/$ws-audit.txt" 2>&1 \
    || fail "the audit chain of workstation $ws does not verify: $(cat "$out/$ws-audit.txt")"
done
for ws in a b; do
  grep -q "|tran thi lam|RECEIVED$" "$out/$ws.txt" && grep -q "|le van binh|RECEIVED$" "$out/$ws.txt" \
    || fail "workstation $ws does not hold both dossiers: $(cat "$out/$ws.txt")"
  grep -qx "pending 0" "$out/$ws.txt" && grep -qx "conflicts 0" "$out/$ws.txt" \
    || fail "workstation $ws has changes pending or refused: $(cat "$out/$ws.txt")"
done
cmp -s "$out/a.txt" "$out/b.txt" || fail "the two workstations differ: $(diff "$out/a.txt" "$out/b.txt")"
if grep -q "^SEVERE:\|^Exception in" "$out/a.log" "$out/b.log"; then fail "errors in a product's output"; fi
echo "sync-smoke: OK: two products on one server see each other's dossiers ($(grep -c '|' "$out/a.txt") each, audit chains intact); screenshots in $out"
