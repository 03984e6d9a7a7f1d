#!/usr/bin/env bash
# Run by the client product's build (product/vn.motcua.client.product/pom.xml, package phase, after the launch
# scripts are in place and before the archives are made):
#   1. motcua-version.properties (version, platform) in each product folder;
#   2. release-certificate.pem: the certificate the installed client trusts for updates, and the update packages
#      (target/products/motcua-desk-<version>-<platform>.p7m), signed with the release key:
#        MOTCUA_RELEASE_KEY=/path/key.p12 MOTCUA_RELEASE_KEY_PASSWORD=… (a province's build; optionally
#        MOTCUA_RELEASE_CERTIFICATE=/path/certs.pem to ship several certificates during a key rotation),
#        otherwise a DEVELOPMENT key made once in ~/.motcua-desk-dev/ (local builds and tests only; never a province's);
#   3. jre/: the Linux product's own Java runtime, jlink'd from the build's JDK (releng/runtime-modules.txt);
#   4. motcua.aot: its ahead-of-time cache, recorded by starting the product once under Xvfb (skipped, with a note,
#      when Xvfb is missing or MOTCUA_AOT_BUILD=off).
#   releng/product-extras.sh TARGET_DIR VERSION JAVA_HOME
set -euo pipefail
target="$1"; version="$2"; jdk="$3"
top="$(cd "$(dirname "$0")/.." && pwd)"
linux="$target/products/vn.motcua.client/linux/gtk/x86_64/motcua-desk"
win="$target/products/vn.motcua.client/win32/win32/x86_64/motcua-desk"
say() { echo "product-extras: $*"; }

printf 'version=%s\nplatform=linux.gtk.x86_64\n' "$version" > "$linux/motcua-version.properties"
printf 'version=%s\r\nplatform=win32.win32.x86_64\r\n' "$version" > "$win/motcua-version.properties"

# The release tool runs from the product's own bundles (plain Java).
cp=""
for b in vn.motcua.update vn.motcua.core bcprov bcpkix bcutil; do
  cp="$cp:$(ls "$linux"/plugins/${b}_*.jar | head -n1)"
done
tool() { "$jdk/bin/java" -cp "${cp#:}" vn.motcua.update.tools.ReleaseTool "$@"; }
if [ -n "${MOTCUA_RELEASE_KEY:-}" ]; then
  key="$MOTCUA_RELEASE_KEY"; keyopts=(--key "$key")
  say "signing with the release key $key"
else
  key="${MOTCUA_DEV_KEY_DIR:-$HOME/.motcua-desk-dev}/release-dev.p12"; keyopts=(--key "$key" --dev true)
  tool dev-key --key "$key"
  say "no MOTCUA_RELEASE_KEY: signing with the DEVELOPMENT key $key (fine for local builds and tests, never for a province)"
fi
if [ -n "${MOTCUA_RELEASE_CERTIFICATE:-}" ]; then
  cert="$MOTCUA_RELEASE_CERTIFICATE"
else
  cert="${key%.p12}.pem"
  [ -f "$cert" ] || { echo "product-extras: $cert missing (the certificate of $key, as 'release-tool keygen' writes it)" >&2; exit 1; }
fi
cp "$cert" "$linux/release-certificate.pem"
cp "$cert" "$win/release-certificate.pem"

# The runtime: every module the bundles may ask for (see the list), no debug symbols, man pages or headers; the default
# CDS archive for the JDK's own classes (the 'nocoops' one only serves heaps above 32 GB).
if [ "${MOTCUA_RUNTIME_BUILD:-on}" != off ]; then
  rm -rf "$linux/jre"
  modules=$(grep -v '^#' "$top/releng/runtime-modules.txt" | sed '/^$/d' | paste -sd, -)
  "$jdk/bin/jlink" --add-modules "$modules" --include-locales=en,vi --strip-debug --no-man-pages --no-header-files \
    --generate-cds-archive --output "$linux/jre"
  rm -f "$linux/jre/lib/server/classes_nocoops.jsa"
  say "runtime jre/ ($(du -sh "$linux/jre" | cut -f1)) from $jdk"
fi

# The ahead-of-time cache: the product started once on demo data (seeded on a first start), its classes and profiles
# recorded by the runtime above at exit.
if [ "${MOTCUA_AOT_BUILD:-on}" != off ] && [ -x "$linux/jre/bin/java" ]; then
  if command -v Xvfb >/dev/null && ldconfig -p 2>/dev/null | grep -q 'libgtk-3\.so\.0'; then
    work=$(mktemp -d); n=$(( 120 + RANDOM % 60 )); while [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done
    Xvfb ":$n" -screen 0 1366x820x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
    cleanup() { kill "$xvfb" 2>/dev/null || true; rm -rf "$work"; }
    trap cleanup EXIT
    # $1 = log; starts the product, waits for its first window and a moment of work, then ends it as a desktop session does.
    run() {
      DISPLAY=":$n" MOTCUA_DATA="$work/data" setsid "$linux/motcua.sh" --user demo > "$1" 2>&1 & local app=$!
      local i; for i in $(seq 1 600); do grep -qs '\[motcua\] startup:' "$1" && break; kill -0 "$app" 2>/dev/null || break; sleep 0.5; done
      grep -qs '\[motcua\] startup:' "$1" || { echo "product-extras: the product did not start for the AOT cache:" >&2; tail -20 "$1" >&2; return 1; }
      sleep 3
      kill -TERM -- -"$app" 2>/dev/null; wait "$app" 2>/dev/null || true
      # The JVM ends after the launch script: on "record" it writes the training data at exit and a second JVM then
      # assembles the cache from it. Wait for both.
      for i in $(seq 1 1200); do pgrep -f "motcua.data=$work/data|$linux/motcua.aot" >/dev/null || break; sleep 0.5; done
    }
    rm -f "$linux/motcua.aot"
    sleep 1
    run "$work/seed.log"
    MOTCUA_AOT="record=$linux/motcua.aot" run "$work/record.log"
    rm -rf "$linux/updates" "$linux/motcua.aot.config"
    if [ -s "$linux/motcua.aot" ]; then
      say "AOT cache motcua.aot ($(du -sh "$linux/motcua.aot" | cut -f1))"
    else
      rm -f "$linux/motcua.aot"; say "no AOT cache was written:"; tail -20 "$work/record.log"
    fi
  else
    say "Xvfb or GTK 3 missing: no AOT cache in this build (the product starts without it; apt-get install xvfb libgtk-3-0)"
  fi
fi

# Update packages of this version, every file (a province makes changed-files packages with 'release-tool client --base').
for p in "linux.gtk.x86_64:$linux" "win32.win32.x86_64:$win"; do
  tool client --product "${p#*:}" --out "$target/products/motcua-desk-$version-${p%%:*}.p7m" "${keyopts[@]}"
done
