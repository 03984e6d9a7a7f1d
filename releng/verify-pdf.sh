#!/usr/bin/env bash
# Admin command line: check every signature of one or more PDFs, outside the client.
#   releng/verify-pdf.sh [--lang en] [--trust DIR]... FILE.pdf...
# Uses the built bundles (./mvnw -o verify first) and the libraries in ~/.m2. Exit code: 0 all valid,
# 1 some invalid, 2 some indeterminate (untrusted root, changed after signing), 3 no signature, 4 error.
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
. "$top/releng/find-jdk.sh"
JAVA_HOME="$(motcua_find_jdk)"
m2="${MAVEN_USER_HOME:-$HOME/.m2}/repository"
cp=""
for j in "$top"/plugins/vn.motcua.sign/target/vn.motcua.sign-*.jar "$top"/plugins/vn.motcua.core/target/vn.motcua.core-*.jar \
         "$m2"/org/bouncycastle/bcprov-jdk18on/1.87/bcprov-jdk18on-1.87.jar "$m2"/org/bouncycastle/bcpkix-jdk18on/1.87/bcpkix-jdk18on-1.87.jar \
         "$m2"/org/bouncycastle/bcutil-jdk18on/1.87/bcutil-jdk18on-1.87.jar "$m2"/org/apache/pdfbox/pdfbox/3.0.8/pdfbox-3.0.8.jar \
         "$m2"/org/apache/pdfbox/fontbox/3.0.8/fontbox-3.0.8.jar "$m2"/org/apache/pdfbox/pdfbox-io/3.0.8/pdfbox-io-3.0.8.jar \
         "$m2"/commons-logging/commons-logging/1.3.0/commons-logging-1.3.0.jar; do
  [ -f "$j" ] || { echo "verify-pdf: missing $j — build first: ./mvnw -o verify" >&2; exit 4; }
  cp="$cp${cp:+:}$j"
done
exec "$JAVA_HOME/bin/java" -cp "$cp" vn.motcua.sign.pdf.VerifyPdf "$@"
