#!/usr/bin/env bash
# Prints the home of a JDK >= 21 (JAVA_HOME if it fits, else the usual places), or explains what is missing.
# Sourced by mvnw and the run/test scripts so all of them agree on one JDK.
motcua_java_major() { # $1 = java home; prints the feature version or nothing
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  local v
  v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1)
  [ -n "$v" ] && echo "${v%%.*}"
}
motcua_find_jdk() {
  local min=21 c major
  for c in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-2[1-9]-jdk* /usr/lib/jvm/java-2[1-9]-openjdk* \
           /usr/lib/jvm/jdk-2[1-9]* /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
           "$(dirname "$(dirname "$(readlink -f "$(command -v javac 2>/dev/null || echo /nonexistent)")")")"; do
    [ -n "$c" ] && [ -d "$c" ] || continue
    major=$(motcua_java_major "$c") || continue
    if [ "${major:-0}" -ge "$min" ] 2>/dev/null; then echo "$c"; return 0; fi
  done
  {
    echo "MộtCửa Desk needs a JDK ${min} or newer (javac included) to build and run."
    [ -n "${JAVA_HOME:-}" ] && echo "  JAVA_HOME=$JAVA_HOME is Java $(motcua_java_major "$JAVA_HOME" || echo '?'), too old or not a JDK."
    echo "  Looked in JAVA_HOME, /usr/lib/jvm, /opt, ~/.sdkman and the javac on PATH."
    echo "  Fix: install one, e.g. 'apt-get install openjdk-21-jdk' (Debian 13+) or Temurin 21/25,"
    echo "       then set JAVA_HOME to it, e.g. export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64"
  } >&2
  return 1
}
