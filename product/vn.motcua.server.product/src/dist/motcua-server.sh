#!/usr/bin/env bash
# MộtCửa sync server. Usage: motcua-server.sh [config.properties]   (default: server.properties next to this script)
# Needs Java 21 or newer (JAVA_HOME, or java on the PATH). Settings may also come from MOTCUA_* environment
# variables (db.url -> MOTCUA_DB_URL). Prints "READY <port>" when it accepts connections.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
config="${1:-$here/server.properties}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
version="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = //p')"
if [ -z "$version" ] || [ "${version%%.*}" -lt 21 ]; then
  echo "motcua-server: needs Java 21 or newer (found: ${version:-none}); set JAVA_HOME" >&2
  exit 1
fi
exec "$java" ${MOTCUA_SERVER_JAVA_OPTS:--Xmx1g} -cp "$here/lib/*" vn.motcua.server.ServerMain "$config"
