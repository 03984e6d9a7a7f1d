#!/usr/bin/env bash
# Start time of the built Linux product (releng/bench startup [ROUNDS], default 5): the everyday start (demo data
# seeded by a first start), first window as the product logs it ("[motcua] startup: first window shown after N ms"),
# under Xvfb. The configurations alternate within each round, so a busy machine slows them alike:
#   today        the launch script on the build's JDK (MOTCUA_JAVA), as before the product had its own runtime
#   runtime      the product's own runtime (jre/, jlink), without the AOT cache (MOTCUA_AOT=off)
#   runtime+aot  the product's own runtime with the AOT cache made at build time (motcua.aot) - what clerks get
#   runtime+cds  the own runtime with a dynamic AppCDS archive instead (-XX:+AutoCreateSharedArchive, made on round 1)
# Prints every sample and the medians.
set -uo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${1:-5}"
product="$top/product/vn.motcua.client.product/target/products/vn.motcua.client/linux/gtk/x86_64/motcua-desk"
[ -x "$product/jre/bin/java" ] || { echo "releng/bench startup: $product has no jre/ (build the product first)" >&2; exit 1; }
command -v Xvfb >/dev/null || { echo "releng/bench startup: needs Xvfb (apt-get install xvfb)" >&2; exit 1; }
. "$top/releng/find-jdk.sh"; jdk=$(motcua_find_jdk) || exit 1
work=$(mktemp -d)
n=$(( 200 + RANDOM % 50 )); while [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done
Xvfb ":$n" -screen 0 1366x820x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
trap 'kill "$xvfb" 2>/dev/null; rm -rf "$work"' EXIT
sleep 1

# One start on configuration $1; prints the first-window time in ms (empty when it did not start).
start() {
  local envs=(env -u JAVA_HOME -u MOTCUA_JAVA -u JDK_JAVA_OPTIONS)
  case "$1" in
    today) envs+=(MOTCUA_JAVA="$jdk/bin/java" MOTCUA_AOT=off) ;;
    runtime) envs+=(MOTCUA_AOT=off) ;;
    runtime+aot) ;;
    runtime+cds) envs+=(MOTCUA_AOT=off "JDK_JAVA_OPTIONS=-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=$work/app.jsa") ;;
  esac
  local log="$work/$1.log"
  DISPLAY=":$n" MOTCUA_DATA="$work/data" setsid "${envs[@]}" "$product/motcua.sh" --user demo > "$log" 2>&1 & local app=$!
  local i; for i in $(seq 1 600); do grep -qs '\[motcua\] startup:' "$log" && break; kill -0 "$app" 2>/dev/null || break; sleep 0.2; done
  grep -o 'first window shown after [0-9]*' "$log" | grep -o '[0-9]*$'
  kill -TERM -- -"$app" 2>/dev/null; wait "$app" 2>/dev/null
  # The dynamic archive is written at exit: wait for the JVM to be gone before the next start.
  for i in $(seq 1 300); do pgrep -f "motcua.data=$work/data" >/dev/null || break; sleep 0.2; done
}

configs=(today runtime runtime+aot runtime+cds)
[ -f "$product/motcua.aot" ] || { echo "releng/bench startup: no motcua.aot in the product (built without Xvfb?): runtime+aot is left out"; configs=(today runtime runtime+cds); }
echo "releng/bench startup: $rounds rounds of ${configs[*]} on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
start runtime > /dev/null   # the first start seeds the demo commune
declare -A samples
for r in $(seq 1 "$rounds"); do
  # Rotate the order each round so no configuration always runs first or last.
  for k in $(seq 0 $(( ${#configs[@]} - 1 ))); do
    c=${configs[$(( (k + r) % ${#configs[@]} ))]}
    ms=$(start "$c")
    echo "round $r  $c  ${ms:-FAILED} ms"
    samples[$c]="${samples[$c]:-} ${ms:-}"
  done
done
echo "releng/bench startup: median first-window time over $rounds rounds (ms):"
for c in "${configs[@]}"; do
  # The dynamic archive's first round makes it; its median is over the rounds that used it.
  s=${samples[$c]}; [ "$c" = runtime+cds ] && s=$(echo "$s" | cut -d' ' -f3-)
  printf '  %-12s %s   (samples:%s)\n' "$c" "$(echo $s | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}')" "$s"
done
echo "  (load at the end: $(cut -d' ' -f1-3 /proc/loadavg))"
