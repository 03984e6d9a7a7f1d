#!/usr/bin/env bash
# Starts MộtCửa Desk from this folder (what the Eclipse native launcher would do, which is not on Maven
# Central): prefers the Java runtime in jre/ (else finds Java >= 21), reads motcua.ini, keeps user data outside the
# installation, and starts again when the application exits with code 23 (restart after an update or a language change).
#   ./motcua.sh [-nl en] [--data DIR] [other Eclipse arguments]
#   ./motcua.sh --rollback      (administrators: the next start runs the version before the last update)
# Updates (docs/operations.md): a new version waits in updates/versions/; updates/state.properties says which starts.
# MOTCUA_AOT=off starts without the ahead-of-time cache (motcua.aot).
set -u
here="$(cd "$(dirname "$0")" && pwd)"

say() { printf '%s\n' "$@" >&2; }

java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1 | cut -d. -f1; }
find_java() {
  local c
  for c in "${MOTCUA_JAVA:-}" "$here/jre/bin/java" "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java 2>/dev/null)" \
           /usr/lib/jvm/*/bin/java /opt/java/*/bin/java; do
    [ -n "$c" ] && [ -x "$c" ] || continue
    # The runtime shipped in jre/ is known to fit: no version probe (a JVM start) for it.
    if [ "$c" = "$here/jre/bin/java" ]; then echo "$c"; return 0; fi
    local v; v=$(java_major "$c")
    if [ "${v:-0}" -ge 21 ] 2>/dev/null; then echo "$c"; return 0; fi
  done
  return 1
}

java=$(find_java) || {
  say "MộtCửa Desk cần Java 21 trở lên nhưng không tìm thấy." \
      "  Cách khắc phục: cài Java 21 (ví dụ: sudo apt-get install openjdk-21-jre hoặc Temurin 21)," \
      "  hoặc đặt biến MOTCUA_JAVA trỏ tới tệp java, ví dụ: MOTCUA_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java" \
      "MộtCửa Desk needs Java 21 or newer and none was found: install one or set MOTCUA_JAVA."
  exit 1
}

# The update step (plain Java in the installed version's vn.motcua.update bundle).
update_step() { "$java" -cp "$(ls "$1"/plugins/vn.motcua.update_*.jar 2>/dev/null | head -n1)" vn.motcua.update.install.StartSwitch "${@:2}"; }
state="$here/updates/state.properties"
# The version that starts when no update is pending: updates/versions/<current>, unless the installation's own files
# are as new (it was unpacked again from a newer archive, which wins).
current_home() {
  local cur="" base
  [ -f "$state" ] && cur=$(sed -n 's/^current=//p' "$state" | tr -d '\r')
  base=$(sed -n 's/^version=//p' "$here/motcua-version.properties" 2>/dev/null | tr -d '\r')
  if [ -n "$cur" ] && [ -d "$here/updates/versions/$cur" ] && [ "$cur" != "$base" ] \
     && [ "$(printf '%s\n%s\n' "$base" "$cur" | sort -V | tail -n1)" = "$cur" ]; then
    echo "$here/updates/versions/$cur"
  else
    echo "$here"
  fi
}

if [ "${1:-}" = "--rollback" ]; then
  update_step "$(current_home)" rollback "$here"; exit $?
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  say "Không tìm thấy màn hình (biến DISPLAY trống): MộtCửa Desk cần giao diện đồ hoạ." \
      "  Trên máy chủ không màn hình, chạy qua Xvfb: xvfb-run -a $0" \
      "No display (DISPLAY is empty): run it in a desktop session, or under Xvfb: xvfb-run -a $0"
  exit 2
fi

if command -v ldconfig >/dev/null && ! ldconfig -p 2>/dev/null | grep -q 'libgtk-3\.so\.0'; then
  say "Thiếu thư viện giao diện GTK 3. Cách khắc phục: sudo apt-get install libgtk-3-0" \
      "GTK 3 is missing. Fix: sudo apt-get install libgtk-3-0"
  exit 3
fi

# User data lives outside the installation so updates never touch it.
data="${MOTCUA_DATA:-${XDG_DATA_HOME:-$HOME/.local/share}/motcua-desk}"
args=()
user_vm=()
training=0
while [ $# -gt 0 ]; do
  case "$1" in
    # The training workspace: its own cache and settings under <data>/training, never the real data.
    --training) training=1; shift ;;
    --data) data="$2"; shift 2 ;;
    --data=*) data="${1#--data=}"; shift ;;
    # Demo and training data only (their passwords are public): log this account in without the dialog.
    --user) user_vm+=("-Dmotcua.user=$2"); shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
mkdir -p "$data" || { say "Không tạo được thư mục dữ liệu $data"; exit 5; }

while true; do
  # Switching mode from the menu: the application leaves the wanted mode here and restarts (exit code 23).
  if [ -f "$data/next-mode" ]; then
    case "$(cat "$data/next-mode")" in training) training=1 ;; normal) training=0 ;; esac
    rm -f "$data/next-mode"
  fi
  if [ $training -eq 1 ]; then run_data="$data/training"; mode=("-Dmotcua.training=true"); else run_data="$data"; mode=(); fi
  mkdir -p "$run_data"

  home=$(current_home); trial=0
  if [ -f "$state" ] && grep -qE '^(pending|trial)=.' "$state"; then
    # A new version waits or is on trial: the update step picks what starts (and backs the cache up first).
    if out=$(update_step "$home" before "$here" "$run_data"); then
      home=$(printf '%s\n' "$out" | sed -n 1p); [ "$(printf '%s\n' "$out" | sed -n 2p)" = trial ] && trial=1
    fi
  fi
  launcher=$(ls "$home"/plugins/org.eclipse.equinox.launcher_*.jar 2>/dev/null | head -n1)
  [ -n "$launcher" ] || { say "Bộ cài bị thiếu tệp plugins/org.eclipse.equinox.launcher_*.jar: hãy giải nén lại MộtCửa Desk."; exit 4; }

  # Arguments of the version's ini file: program arguments, then -vmargs and JVM arguments.
  prog=(); vm=(); in_vm=0
  ini="$home/motcua.ini"; [ -f "$ini" ] || ini="$here/motcua.ini"
  if [ -f "$ini" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
      line="${line%$'\r'}"
      case "$line" in ''|'#'*) continue ;; esac
      if [ "$line" = "-vmargs" ]; then in_vm=1; continue; fi
      if [ $in_vm -eq 1 ]; then vm+=("$line"); else prog+=("$line"); fi
    done < "$ini"
  fi
  # The ahead-of-time cache made by the build for the shipped runtime (classes loaded and linked, profiles): the
  # version's own, else the installation's (the JVM skips whatever no longer matches).
  aot=()
  if [ "$java" = "$here/jre/bin/java" ]; then
    case "${MOTCUA_AOT:-on}" in
      off) ;;
      record=*) aot=("-XX:AOTCacheOutput=${MOTCUA_AOT#record=}") ;;
      *) for f in "$home/motcua.aot" "$here/motcua.aot"; do [ -f "$f" ] && { aot=("-XX:AOTCache=$f"); break; }; done ;;
    esac
  fi
  # Another version than at the last start: the per-user framework state of the old one is discarded.
  clean=()
  mkdir -p "$run_data/configuration"
  if [ "$(cat "$run_data/configuration/.motcua-home" 2>/dev/null)" != "$home" ]; then
    clean=("-clean"); printf '%s' "$home" > "$run_data/configuration/.motcua-home"
  fi
  "$java" "${vm[@]}" "${user_vm[@]}" "${aot[@]}" "${mode[@]}" "-Dmotcua.launchedAt=$(date +%s%3N)" "-Dmotcua.data=$run_data" "-Dmotcua.baseData=$data" \
    "-Dmotcua.install=$here" "-Dmotcua.home=$home" \
    "-Dosgi.configuration.cascaded=true" "-Dosgi.sharedConfiguration.area=file:$home/configuration/" \
    -jar "$launcher" -install "$home" -configuration "$run_data/configuration" -data "$run_data/workspace" \
    "${clean[@]}" "${prog[@]}" "${args[@]}"
  rc=$?
  # Judged by the version that was running before (the new one may be what failed).
  if [ $trial -eq 1 ] && [ "$(update_step "$(current_home)" after "$here" "$run_data" $rc)" = rolled-back ]; then
    # The new version did not reach its first window: the previous one starts again, on the cache as it was.
    continue
  fi
  [ $rc -eq 23 ] || exit $rc
done
