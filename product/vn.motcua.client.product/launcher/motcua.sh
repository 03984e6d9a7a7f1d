#!/usr/bin/env bash
# Starts MộtCửa Desk from this folder (what the Eclipse native launcher would do, which is not on Maven
# Central): finds Java >= 21, reads motcua.ini, keeps user data outside the installation, and starts again
# when the application exits with code 23 (restart after an update or a language change).
#   ./motcua.sh [-nl en] [--data DIR] [other Eclipse arguments]
set -u
here="$(cd "$(dirname "$0")" && pwd)"

say() { printf '%s\n' "$@" >&2; }

java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1 | cut -d. -f1; }
find_java() {
  local c
  for c in "${MOTCUA_JAVA:-}" "$here/jre/bin/java" "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java 2>/dev/null)" \
           /usr/lib/jvm/*/bin/java /opt/java/*/bin/java; do
    [ -n "$c" ] && [ -x "$c" ] || continue
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

launcher=$(ls "$here"/plugins/org.eclipse.equinox.launcher_*.jar 2>/dev/null | head -n1)
[ -n "$launcher" ] || { say "Bộ cài bị thiếu tệp plugins/org.eclipse.equinox.launcher_*.jar: hãy giải nén lại MộtCửa Desk."; exit 4; }

# Arguments of the ini file: program arguments, then -vmargs and JVM arguments.
prog=(); vm=(); in_vm=0
if [ -f "$here/motcua.ini" ]; then
  while IFS= read -r line || [ -n "$line" ]; do
    line="${line%$'\r'}"
    case "$line" in ''|'#'*) continue ;; esac
    if [ "$line" = "-vmargs" ]; then in_vm=1; continue; fi
    if [ $in_vm -eq 1 ]; then vm+=("$line"); else prog+=("$line"); fi
  done < "$here/motcua.ini"
fi

# User data lives outside the installation so updates never touch it.
data="${MOTCUA_DATA:-${XDG_DATA_HOME:-$HOME/.local/share}/motcua-desk}"
args=()
training=0
while [ $# -gt 0 ]; do
  case "$1" in
    # The training workspace: its own cache and settings under <data>/training, never the real data.
    --training) training=1; shift ;;
    --data) data="$2"; shift 2 ;;
    --data=*) data="${1#--data=}"; shift ;;
    # Demo and training data only (their passwords are public): log this account in without the dialog.
    --user) vm+=("-Dmotcua.user=$2"); shift 2 ;;
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
  "$java" "${vm[@]}" "${mode[@]}" "-Dmotcua.launchedAt=$(date +%s%3N)" "-Dmotcua.data=$run_data" "-Dmotcua.baseData=$data" \
    "-Dosgi.configuration.cascaded=true" "-Dosgi.sharedConfiguration.area=file:$here/configuration/" \
    -jar "$launcher" -install "$here" -configuration "$run_data/configuration" -data "$run_data/workspace" \
    "${prog[@]}" "${args[@]}"
  rc=$?
  [ $rc -eq 23 ] || exit $rc
done
