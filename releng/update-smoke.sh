#!/usr/bin/env bash
# Updates end to end (issue 24's proof), on the built Linux archive and a real sync server:
#   1. version A (the build, installed with a release certificate made for this run) starts on its demo data;
#   2. the administrator uploads version B (A with a bumped version and a changed window title, as the changed files
#      only) and releases it; A checks in the background, downloads, verifies and stages B; the next start runs B on the
#      same data (same dossiers, the new title, B in the status bar);
#   3. version C whose stored package got one flipped byte on the server, and version D signed by another key (the
#      server was made to trust it) are refused by the workstation: B keeps running and says so once;
#   4. version E, validly signed but unable to start, is staged, tried at the next start and rolled back by itself:
#      B comes up again with the cache as it was.
#   releng/update-smoke.sh        (after a build: ./mvnw -o clean verify, or releng/test)
# Output: target/update-smoke/{*.png,*.log}
set -uo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
cd "$top"
built="$top/product/vn.motcua.client.product/target/products/vn.motcua.client/linux/gtk/x86_64/motcua-desk"
out="$top/target/update-smoke"
[ -x "$built/motcua.sh" ] || { echo "update-smoke: no materialised product at $built (run the build first)" >&2; exit 1; }
for tool in Xvfb import; do
  command -v "$tool" >/dev/null || { echo "update-smoke: $tool missing; fix: apt-get install xvfb imagemagick" >&2; exit 1; }
done
. releng/find-jdk.sh; jdk=$(motcua_find_jdk) || exit 1
cp="$(releng/bench sync-classpath)" || exit 1

rm -rf "$out"; mkdir -p "$out"
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -- -"$p" 2>/dev/null || kill "$p" 2>/dev/null; done
  sleep 1; rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "update-smoke: FAILED, $*" >&2; for f in "$out"/*.log; do echo "--- $f" >&2; tail -25 "$f" >&2; done; exit 1; }
step() { echo "update-smoke: $*"; }

# The release tool from the built product's bundles; the keys of this run (never a province's).
tcp=""
for b in vn.motcua.update vn.motcua.core vn.motcua.sync.api bcprov bcpkix bcutil com.fasterxml.jackson.core.jackson-databind \
         com.fasterxml.jackson.core.jackson-core com.fasterxml.jackson.core.jackson-annotations com.fasterxml.jackson.datatype.jackson-datatype-jsr310; do
  tcp="$tcp:$(ls "$built"/plugins/${b}_*.jar | head -n1)"
done
tool() { MOTCUA_RELEASE_KEY_PASSWORD=smoke-pw MOTCUA_ADMIN_PASSWORD=admin-demo "$jdk/bin/java" -cp "${tcp#:}" vn.motcua.update.tools.ReleaseTool "$@"; }
tool keygen --key "$work/keys/province.p12" --subject "CN=Smoke test release key" --years 1 > "$out/keys.log" || fail "no release key"
tool keygen --key "$work/keys/stranger.p12" --subject "CN=Somebody else" --years 1 >> "$out/keys.log" || fail "no second key"

# 1. Version A installed: the archive's files (linked, never written to) with this run's release certificate.
inst="$work/motcua-desk"
mkdir -p "$inst"
for f in "$built"/*; do
  case "$(basename "$f")" in
    release-certificate.pem|updates) ;;
    plugins|jre|configuration|motcua.aot) cp -al "$f" "$inst/" ;;
    *) cp -a "$f" "$inst/" ;;
  esac
done
cp "$work/keys/province.pem" "$inst/release-certificate.pem"
va=$(sed -n 's/^version=//p' "$inst/motcua-version.properties")
case "$va" in *.*.*.*) vn() { echo "$va$1"; } ;; *) vn() { echo "$va.$1"; } ;; esac
vb=$(vn u1); vc=$(vn u2); vd=$(vn u3); ve=$(vn u4)

# Version folders made from A: a bumped version and, for B, a visible change (the window title).
make_version() { # $1 version, $2 folder
  mkdir -p "$2"
  cp -a "$inst/plugins" "$inst/configuration" "$inst/motcua.ini" "$inst/release-certificate.pem" "$2/"
  printf 'version=%s\nplatform=linux.gtk.x86_64\n' "$1" > "$2/motcua-version.properties"
}
make_version "$vb" "$work/B"
app=$(ls "$work/B"/plugins/vn.motcua.app_*.jar); mkdir -p "$work/l10n/OSGI-INF/l10n"
(cd "$work/l10n" && unzip -q -o "$app" OSGI-INF/l10n/bundle.properties \
  && sed -i 's/^window.title = .*/window.title = MộtCửa Desk – bản cập nhật thử nghiệm/' OSGI-INF/l10n/bundle.properties \
  && "$jdk/bin/jar" uf "$app" OSGI-INF/l10n/bundle.properties) || fail "cannot change the title of B"
make_version "$vc" "$work/C"; make_version "$vd" "$work/D"; make_version "$ve" "$work/E"
# E cannot start: a JVM option this Java does not know (as a release with a mistyped motcua.ini would).
printf -- '-XX:+MotCuaNoSuchOption\n' >> "$work/E/motcua.ini"
tool client --product "$work/B" --base-product "$inst" --out "$work/B.p7m" --key "$work/keys/province.p12" > "$out/packages.log" || fail "package B"
for v in C E; do tool client --product "$work/$v" --base-product "$work/B" --out "$work/$v.p7m" --key "$work/keys/province.p12" >> "$out/packages.log" || fail "package $v"; done
tool client --product "$work/D" --base-product "$work/B" --out "$work/D.p7m" --key "$work/keys/stranger.p12" >> "$out/packages.log" || fail "package D"

# The provincial server (the demo commune), trusting this run's release certificate.
cat "$work/keys/province.pem" > "$work/server-trust.pem"
MOTCUA_UPDATE_RELEASE_CERTIFICATE="$work/server-trust.pem" setsid "$jdk/bin/java" -Xmx512m -cp "$cp" vn.motcua.sync.testing.DemoServer "$work/server" 0 \
  > "$out/server.log" 2>&1 & pids+=($!)
for _ in $(seq 1 120); do grep -qs "^READY " "$out/server.log" && break; sleep 0.5; done
url=$(sed -n 's/^READY //p' "$out/server.log")
[ -n "$url" ] || fail "the sync server did not start"

n=$(( 150 + RANDOM % 50 )); while [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done
display=":$n"
Xvfb "$display" -screen 0 1366x820x24 -nolisten tcp >/dev/null 2>&1 & pids+=($!)
sleep 1
data="$work/data"
# Starts the installation on its own runtime ($1 = log; $2 = yes to sync with the server), the demo account logged in.
start() {
  local server=(); [ "${2:-}" = yes ] && server=(MOTCUA_SERVER="$url")
  DISPLAY="$display" MOTCUA_DATA="$data" setsid env -u JAVA_HOME -u MOTCUA_JAVA PATH=/usr/bin:/bin "${server[@]}" "$inst/motcua.sh" --user demo \
    > "$out/$1.log" 2>&1 & app_pid=$!; pids+=($app_pid)
}
# The same through the installation's Java launcher (vn.motcua.update.install.Launch: what the Windows installer's
# start-menu entries and motcua.cmd run), on the same runtime.
start_launch() {
  DISPLAY="$display" MOTCUA_DATA="$data" MOTCUA_SERVER="$url" setsid env -u JAVA_HOME -u MOTCUA_JAVA PATH=/usr/bin:/bin \
    "$inst/jre/bin/java" "-Dmotcua.install=$inst" -cp "$(ls "$inst"/plugins/vn.motcua.update_*.jar)" vn.motcua.update.install.Launch --user demo \
    > "$out/$1.log" 2>&1 & app_pid=$!; pids+=($app_pid)
}
# Waits (≤ $3 s) until log $1 holds a line matching $2.
await() { local i; for i in $(seq 1 $(( $3 * 2 ))); do grep -qsE "$2" "$out/$1.log" && return 0; sleep 0.5; done; return 1; }
stop() { kill -- -"$app_pid" 2>/dev/null; wait "$app_pid" 2>/dev/null; }
shot() { DISPLAY="$display" import -window root "$out/$1.png"; }
dossiers() { echo demo | "$jdk/bin/java" -cp "$cp" vn.motcua.sync.testing.DataFolderDossiers "$data" demo 2>/dev/null | grep '|' | sort; }
state() { sed -n "s/^$1=//p" "$inst/updates/state.properties" 2>/dev/null; }

step "1. version $va starts on its own runtime (first start: the demo commune)"
start a-first
await a-first '\[motcua\] startup:' 240 || fail "version A did not start"
stop
dossiers > "$out/dossiers-before.txt"
[ -s "$out/dossiers-before.txt" ] || fail "no dossiers in the data folder of A"

step "2. version $vb released (changed files only); A downloads, verifies and stages it"
tool upload --server "$url" --package "$work/B.p7m" >> "$out/admin.log" || fail "upload of B"
tool release --server "$url" --platform linux.gtk.x86_64 --version "$vb" --percent 100 >> "$out/admin.log" || fail "release of B"
start a-online yes
await a-online "Version $vb is ready" 300 || fail "A did not stage $vb"
await a-online '\[motcua\] startup:' 300 || fail "A did not show its window"
sleep 5; shot a-ready
[ "$(state pending)" = "$vb" ] || fail "B is not pending: $(cat "$inst/updates/state.properties")"
stop
start b-first yes
await b-first "\[motcua\] version $vb confirmed" 300 || fail "B did not reach its first window"
grep -q "\[motcua\] running version $vb from $inst/updates/versions/$vb" "$out/b-first.log" || fail "B does not run from its own folder"
[ -f "$data/backups/before-$vb/motcua.mv.db" ] || fail "the cache was not backed up before B's first start"
sleep 5; shot b-running
stop
dossiers > "$out/dossiers-after.txt"
cmp -s "$out/dossiers-before.txt" "$out/dossiers-after.txt" || fail "B does not hold the same dossiers as A: $(diff "$out/dossiers-before.txt" "$out/dossiers-after.txt" | head)"
[ "$(state current)" = "$vb" ] || fail "B is not the current version"

step "3. a package with one flipped byte and one signed by another key are refused; B keeps running"
tool upload --server "$url" --package "$work/C.p7m" >> "$out/admin.log" || fail "upload of C"
stored=$(ls -t "$work/server/data/updates/"*.p7m | head -n1)
python3 - "$stored" <<'PY' || fail "cannot flip a byte"
import sys
p = sys.argv[1]; d = bytearray(open(p, 'rb').read()); d[len(d) // 2] ^= 1; open(p, 'wb').write(d)
PY
tool release --server "$url" --platform linux.gtk.x86_64 --version "$vc" --percent 100 >> "$out/admin.log" || fail "release of C"
start b-flipped yes
await b-flipped "Update: .*$vc" 300 || fail "B did not refuse the damaged package of $vc"
await b-flipped "\[motcua\] running version $vb" 300 || fail "B is not running"
sleep 5; shot b-refused-flipped
stop
# The server is made to trust another key too (as a tampered server would); the workstation does not.
cat "$work/keys/province.pem" "$work/keys/stranger.pem" > "$work/server-trust.pem"
tool upload --server "$url" --package "$work/D.p7m" >> "$out/admin.log" || fail "upload of D"
tool release --server "$url" --platform linux.gtk.x86_64 --version "$vd" --percent 100 >> "$out/admin.log" || fail "release of D"
start_launch b-stranger
await b-stranger "Update: .*release key" 300 || fail "B did not refuse the package signed by another key"
await b-stranger "\[motcua\] running version $vb" 300 || fail "B is not running"
sleep 5; shot b-refused-stranger
stop
[ -z "$(state pending)" ] && [ "$(state current)" = "$vb" ] || fail "a refused package changed the installation: $(cat "$inst/updates/state.properties")"
[ ! -d "$inst/updates/versions/$vc" ] && [ ! -d "$inst/updates/versions/$vd" ] || fail "a refused version was staged"
[ "$(grep -c 'WARNING: Update:' "$out/b-flipped.log")" -le 1 ] || fail "the refusal was logged more than once"

step "4. version $ve cannot start: tried once, rolled back to $vb by itself"
tool upload --server "$url" --package "$work/E.p7m" >> "$out/admin.log" || fail "upload of E"
tool release --server "$url" --platform linux.gtk.x86_64 --version "$ve" --percent 100 >> "$out/admin.log" || fail "release of E"
start b-stages-e yes
await b-stages-e "Version $ve is ready" 300 || fail "B did not stage $ve"
stop
start e-trial yes
await e-trial "did not reach its first window" 300 || fail "E was not rolled back"
await e-trial "\[motcua\] running version $vb" 300 || fail "B did not come back after E failed"
sleep 3; shot rolled-back
[ "$(state current)" = "$vb" ] || fail "B is not current after the rollback"
grep -q "^failed=.*$ve" "$inst/updates/state.properties" || fail "E is not marked as failed"
# B tells the server about the rollback at its first check.
for _ in $(seq 1 60); do
  tool list workstations --server "$url" > "$out/workstations.json" 2>>"$out/admin.log" && grep -q "$ve" "$out/workstations.json" && break
  sleep 2
done
stop
dossiers > "$out/dossiers-rolled-back.txt"
cmp -s "$out/dossiers-before.txt" "$out/dossiers-rolled-back.txt" || fail "the data changed through the failed version"
grep -q "\"version\":\"$vb\"" "$out/workstations.json" || fail "the server does not show the workstation on $vb"
grep -q "$ve" "$out/workstations.json" || fail "the server was not told about the rollback"
if grep -q "^SEVERE:\|^Exception in" "$out"/a-*.log "$out"/b-*.log; then fail "errors in a product's output"; fi
echo "update-smoke: OK: $va → $vb (same $(wc -l < "$out/dossiers-before.txt") dossiers), damaged and foreign packages refused, $ve rolled back; screenshots in $out"
