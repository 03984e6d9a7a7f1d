#!/usr/bin/env bash
# Checks releng/runtime-modules.txt against what jdeps finds in the built product's bundles: prints the modules the
# classes use and fails when one is not in the list (run after a build; releng/test runs it).
#   releng/runtime-modules.sh [PRODUCT_DIR]
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
product="${1:-$top/product/vn.motcua.client.product/target/products/vn.motcua.client/linux/gtk/x86_64/motcua-desk}"
. "$top/releng/find-jdk.sh"; jdk=$(motcua_find_jdk)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
# One class tree of every bundle (and the jars nested in them), without module descriptors: jdeps then reads all the
# classes at once instead of refusing jars whose module-info names modules that are bundles here.
for jar in "$product"/plugins/*.jar; do
  (cd "$work" && "$jdk/bin/jar" xf "$jar" 2>/dev/null) || true
done
find "$work" -name '*.jar' -print0 | while IFS= read -r -d '' nested; do (cd "$work" && "$jdk/bin/jar" xf "$nested" 2>/dev/null) || true; done
find "$work" -name 'module-info.class' -delete
rm -rf "$work/META-INF/versions"
used=$("$jdk/bin/jdeps" --ignore-missing-deps -q --print-module-deps "$work" | tr ',' '\n' | sort -u)
listed=$(grep -v '^#' "$top/releng/runtime-modules.txt" | sed '/^$/d' | sort -u)
# java.se stands for every java.* module.
expanded=$( (echo "$listed"; "$jdk/bin/java" --describe-module java.se | sed -n 's/^requires \([a-z.]*\).*/\1/p') | sort -u)
echo "runtime-modules: the bundles use: $(echo "$used" | tr '\n' ' ')"
missing=$(comm -23 <(echo "$used") <(echo "$expanded"))
if [ -n "$missing" ]; then
  echo "runtime-modules: FAILED, not in releng/runtime-modules.txt: $missing" >&2
  exit 1
fi
echo "runtime-modules: OK, every module the bundles use is in releng/runtime-modules.txt"
