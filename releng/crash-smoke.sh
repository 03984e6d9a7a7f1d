#!/usr/bin/env bash
# The product killed with SIGKILL in the middle of its everyday work (issue 21's "reproduce first"): the demo sync
# server, a second workstation feeding it 5 dossiers a second (vn.motcua.sync.testing.FeederMain), and the materialised
# product under Xvfb on a new data folder, logged in through its dialog, syncing every 2 s (the product's own settings),
# while a clerk receives dossiers at its counter and looks at the dossier list between them (real key presses and
# clicks, xdotool). 60–115 s after its window opened (> 45 s, so H2 has freed old space and reuses it) the product is
# killed with SIGKILL. Then its data folder is opened again and compared with what its log says the user was told
# (vn.motcua.sync.testing.AcknowledgedCheck: every "Saved … of dossier …" line, every sync round's cursor): nothing
# acknowledged may be missing, every received number must still be issued, the audit chain must verify.
# Then the cache file is put back as a power cut could have left it (a copy taken after the first reception; H2 does
# not force its commits) and the product started again: it must say that it came back older and restore the rest from
# its journal of acknowledged changes (screenshot a-power-cut-notice.png), and the check is made again.
#   releng/crash-smoke.sh [RUNS] [KILL_AFTER_SECONDS]     (after a build; default 1 run, kill at a random moment)
# Output: target/crash-smoke/run-N/{a.log,check.txt,a-after-power-cut.log,check-power-cut.txt,*.png,server.log,feeder.log};
# exit 1 when any run lost something.
set -uo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
cd "$top"
# CRASH_SMOKE_PRODUCT: another materialised product folder (e.g. a copy of an older build, to compare).
product="${CRASH_SMOKE_PRODUCT:-$top/product/vn.motcua.client.product/target/products/vn.motcua.client/linux/gtk/x86_64/motcua-desk}"
runs="${1:-1}"
fixed_kill="${2:-}"
[ -x "$product/motcua.sh" ] || { echo "crash-smoke: no materialised product at $product (run the build first)" >&2; exit 1; }
for tool in Xvfb xdotool import; do
  command -v "$tool" >/dev/null || { echo "crash-smoke: $tool missing; fix: apt-get install xvfb xdotool imagemagick" >&2; exit 1; }
done
. releng/find-jdk.sh; jdk=$(motcua_find_jdk) || exit 1
# CRASH_SMOKE_CLASSPATH: the server, feeder and checker from another build (with CRASH_SMOKE_PRODUCT).
cp="${CRASH_SMOKE_CLASSPATH:-$(releng/bench sync-classpath)}" || exit 1
. releng/desk-driver.sh

outs="${CRASH_SMOKE_OUT:-$top/target/crash-smoke}"
rm -rf "$outs"; mkdir -p "$outs"
pids=()
work=""
cleanup() {
  for p in "${pids[@]}"; do kill -- -"$p" 2>/dev/null || kill "$p" 2>/dev/null; done
  pids=()
  sleep 1; [ -n "$work" ] && rm -rf "$work"
}
trap cleanup EXIT
declare -A disp
failed=0

# One run: $1 = run number. Returns 1 when the reopened data folder misses something acknowledged.
run() {
  out="$outs/run-$1"; mkdir -p "$out"
  work=$(mktemp -d)
  setsid "$jdk/bin/java" -Xmx512m -cp "$cp" vn.motcua.sync.testing.DemoServer "$work/server" 0 > "$out/server.log" 2>&1 & pids+=($!)
  for _ in $(seq 1 240); do grep -qs "^READY " "$out/server.log" && break; sleep 0.5; done
  url=$(sed -n 's/^READY //p' "$out/server.log")
  [ -n "$url" ] || { echo "crash-smoke: the sync server did not start" >&2; return 2; }
  setsid "$jdk/bin/java" -Xmx256m -cp "$cp" vn.motcua.sync.testing.FeederMain "$url" demo demo "$work/feeder" 5 > "$out/feeder.log" 2>&1 & pids+=($!)
  for _ in $(seq 1 240); do grep -qs "^READY" "$out/feeder.log" && break; sleep 0.5; done
  grep -qs "^READY" "$out/feeder.log" || { echo "crash-smoke: the feeding workstation did not start" >&2; return 2; }

  disp[a]=$(free_display 80)
  Xvfb "${disp[a]}" -screen 0 1366x820x24 -nolisten tcp >/dev/null 2>&1 & pids+=($!)
  sleep 1
  DISPLAY="${disp[a]}" MOTCUA_JAVA="$jdk/bin/java" MOTCUA_DATA="$work/a" MOTCUA_SERVER="$url" \
    setsid "$product/motcua.sh" > "$out/a.log" 2>&1 & local app=$!; pids+=($app)
  for _ in $(seq 1 120); do grep -qs "\[motcua\] login dialog shown" "$out/a.log" && break; sleep 0.5; done
  grep -qs "\[motcua\] login dialog shown" "$out/a.log" || { echo "crash-smoke: no login dialog" >&2; return 2; }
  sleep 2
  type_login a canbo.motcua demo
  for _ in $(seq 1 120); do grep -qs "\[motcua\] startup:" "$out/a.log" && break; sleep 0.5; done
  grep -qs "\[motcua\] startup:" "$out/a.log" || { echo "crash-smoke: the product did not open after the login" >&2; return 2; }
  local opened=$SECONDS
  local kill_after=${fixed_kill:-$(( 60 + RANDOM % 56 ))}
  echo "crash-smoke: run $1: window open; SIGKILL after $kill_after s"
  local n=0
  # Receptions and a look at the list until the moment comes; the kill lands wherever the work is then.
  while [ $(( SECONDS - opened )) -lt "$kill_after" ]; do
    n=$((n + 1))
    local saved; saved=$(count a "Saved RECEIVE")
    fill_and_receive a "nguoi nop $n" 12/03/1990 "0250900$(printf %05d $((RANDOM % 100000)))" "09120$(printf %05d $n)" &
    local typing=$!
    while kill -0 "$typing" 2>/dev/null && [ $(( SECONDS - opened )) -lt "$kill_after" ]; do sleep 0.2; done
    [ $(( SECONDS - opened )) -ge "$kill_after" ] && break
    wait "$typing"
    while [ "$(count a "Saved RECEIVE")" -le "$saved" ] && [ $(( SECONDS - opened )) -lt "$kill_after" ]; do sleep 0.2; done
    [ $(( SECONDS - opened )) -ge "$kill_after" ] && break
    # After the first reception: the cache file as a power cut could leave it (H2 does not force its commits; the
    # file is only appended to, so a copy taken now is the file with its later writes lost). Used after the kill.
    [ "$n" -eq 1 ] && cp "$work/a/motcua.mv.db" "$work/power-cut.mv.db"
    x a mousemove 683 410 key F3                                              # F3: the list "Hồ sơ", refreshed by sync
    local until=$(( SECONDS + 3 ))
    while [ $SECONDS -lt $until ] && [ $(( SECONDS - opened )) -lt "$kill_after" ]; do sleep 0.2; done
  done
  kill -KILL -- -"$app" 2>/dev/null
  kill "${typing:-}" 2>/dev/null
  shot a killed 2>/dev/null
  for _ in $(seq 1 40); do pgrep -f "$work/a" >/dev/null || break; sleep 0.25; done
  echo "crash-smoke: run $1: killed after $(( SECONDS - opened )) s, $(count a "Saved RECEIVE") receptions and $(count a "Sync round:") sync rounds acknowledged"
  echo demo | "$jdk/bin/java" -cp "$cp" vn.motcua.sync.testing.AcknowledgedCheck "$work/a" canbo.motcua "$out/a.log" > "$out/check.txt" 2>&1
  local verdict=$?
  cat "$out/check.txt"
  if [ $verdict -eq 0 ] && [ -f "$work/power-cut.mv.db" ]; then
    power_cut "$1" || verdict=1
  fi
  cleanup
  return $verdict
}

# The same data folder with its cache file put back as the power cut left it (the journal as the kill left it): the
# product must say, before any screen, that it came back older and what it restored, and then hold everything.
power_cut() {
  cp "$work/power-cut.mv.db" "$work/a/motcua.mv.db"
  DISPLAY="${disp[a]}" MOTCUA_JAVA="$jdk/bin/java" MOTCUA_DATA="$work/a" MOTCUA_SERVER="$url" \
    setsid "$product/motcua.sh" > "$out/a-after-power-cut.log" 2>&1 & local app=$!; pids+=($app)
  for _ in $(seq 1 120); do grep -qs "\[motcua\] login dialog shown" "$out/a-after-power-cut.log" && break; sleep 0.5; done
  sleep 2
  type_login a canbo.motcua demo
  # The notice is logged as it is shown (a warning naming what came back from the journal).
  for _ in $(seq 1 120); do grep -qs "Đã khôi phục từ nhật ký" "$out/a-after-power-cut.log" && break; sleep 0.5; done
  sleep 2; shot a power-cut-notice
  if ! grep -qs "Đã khôi phục từ nhật ký" "$out/a-after-power-cut.log"; then
    echo "crash-smoke: FAILED, the product did not say its cache came back older (see $out/a-power-cut-notice.png)" >&2; return 1
  fi
  x a mousemove 683 410 key Return                                           # close the notice
  for _ in $(seq 1 120); do grep -qs "\[motcua\] startup:" "$out/a-after-power-cut.log" && break; sleep 0.5; done
  kill -- -"$app" 2>/dev/null; wait "$app" 2>/dev/null
  for _ in $(seq 1 60); do grep -qs "\[motcua\] terminated: cache closed cleanly" "$out/a-after-power-cut.log" && break; sleep 0.5; done
  echo demo | "$jdk/bin/java" -cp "$cp" vn.motcua.sync.testing.AcknowledgedCheck "$work/a" canbo.motcua "$out/a.log" > "$out/check-power-cut.txt" 2>&1
  local verdict=$?
  echo "crash-smoke: run $1, after a power cut image of the cache: $(grep -c "^• " "$out/a-after-power-cut.log") changes restored from the journal"
  cat "$out/check-power-cut.txt"
  return $verdict
}

lost=0
for i in $(seq 1 "$runs"); do
  run "$i"; r=$?
  [ $r -eq 2 ] && { echo "crash-smoke: FAILED to set up run $i (see $outs/run-$i)" >&2; exit 1; }
  [ $r -ne 0 ] && lost=$((lost + 1))
done
if [ $lost -gt 0 ]; then
  echo "crash-smoke: FAILED, $lost of $runs runs reopened without work the user was told was saved (target/crash-smoke/)" >&2
  exit 1
fi
echo "crash-smoke: OK: $runs of $runs runs reopened with everything acknowledged"
