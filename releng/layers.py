#!/usr/bin/env python3
"""The bundles' layering, read from their MANIFESTs (releng/layers.txt says the intended order).

  releng/layers.py --check   fails (exit 1) on an upward or sideways arrow between bundles, on java.sql outside the
                             store and the server, on SWT/JFace outside the screens and the application, on a product
                             bundle depending on test support, and on a bundle table in docs/architecture.md that the
                             MANIFESTs no longer match
  releng/layers.py --write   rewrites that table (layer, job from docs/bundles.txt, what each bundle depends on)
"""
import fnmatch
import glob
import os
import re
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BEGIN, END = "<!-- bundle-table:begin (releng/layers.py --write) -->", "<!-- bundle-table:end -->"
# Third-party bundles and packages as the table names them.
LIBRARIES = [("org.eclipse.swt", "SWT"), ("org.eclipse.jface", "JFace"), ("org.eclipse.e4", "e4"), ("org.eclipse.nebula", "NatTable"),
             ("org.eclipse.swtchart", "SWTChart"), ("org.eclipse.core.jobs", "Jobs"), ("org.eclipse.persistence", "EclipseLink"),
             ("jakarta.persistence", "EclipseLink"), ("org.h2", "H2"), ("org.postgresql", "PostgreSQL JDBC"), ("org.apache.pdfbox", "PDFBox"),
             ("com.google.zxing", "ZXing"), ("org.bouncycastle", "Bouncy Castle"), ("com.fasterxml.jackson", "Jackson"),
             ("org.eclipse.jetty", "Jetty"), ("org.apache.poi", "POI"), ("org.osgi.service.event", "OSGi events"),
             ("org.junit", "JUnit")]


def manifest(path):
    """The MANIFEST's headers, continuation lines joined."""
    headers, key = {}, None
    for line in open(path, encoding="utf-8").read().splitlines():
        if line.startswith(" ") and key:
            headers[key] += line[1:]
        elif ":" in line:
            key, value = line.split(":", 1)
            headers[key] = value.strip()
    return headers


def clauses(value):
    """Names of a header's clauses (attributes and quoted ranges dropped)."""
    out, depth, cur = [], 0, ""
    for ch in value or "":
        if ch == '"':
            depth ^= 1
        if ch == "," and not depth:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return [c.split(";")[0].strip() for c in out if c.strip()]


def bundles():
    found = {}
    for mf in sorted(glob.glob(os.path.join(TOP, "plugins", "*", "META-INF", "MANIFEST.MF"))):
        h = manifest(mf)
        name = h["Bundle-SymbolicName"].split(";")[0].strip()
        found[name] = {"dir": os.path.dirname(os.path.dirname(mf)), "require": clauses(h.get("Require-Bundle")),
                       "imports": clauses(h.get("Import-Package")), "exports": clauses(h.get("Export-Package")),
                       "host": h.get("Fragment-Host", "").split(";")[0].strip() or None,
                       "components": "Service-Component" in h}
    return found


def rules():
    layers, only, groups = [], {}, {}
    for raw in open(os.path.join(TOP, "releng", "layers.txt"), encoding="utf-8"):
        line = raw.split("#")[0].strip()
        if not line:
            continue
        left, right = [x.strip() for x in line.split("|")]
        if left.startswith("only "):
            only[left[5:].strip()] = right.split()
        elif left in ("tests", "sql", "swt"):
            groups[left] = right.split()
        else:
            layers.append((left, right.split()))
    return layers, only, groups


def matches(name, patterns):
    return any(fnmatch.fnmatchcase(name, p) for p in patterns)


def layer_of(name, layers):
    for i, (label, patterns) in enumerate(layers):
        if matches(name, patterns):
            return len(layers) - i, label  # higher number = higher layer
    return None, None


def arrows(name, b, ours, package_owner):
    """Our bundles this one depends on: required, imported packages' owners, its host."""
    deps = set(d for d in b["require"] if d in ours)
    deps |= set(package_owner[p] for p in b["imports"] if p in package_owner)
    if b["host"] in ours:
        deps.add(b["host"])
    deps.discard(name)
    return sorted(deps)


def libraries(b):
    names = []
    for dep in b["require"] + b["imports"]:
        for prefix, label in LIBRARIES:
            if dep.startswith(prefix) and label not in names:
                names.append(label)
    return names


def sources(b):
    for root, _, files in os.walk(os.path.join(b["dir"], "src")):
        for f in files:
            if f.endswith(".java"):
                yield os.path.join(root, f)


def problems(found, layers, only, groups):
    ours = set(found)
    owner = {p: n for n, b in found.items() for p in b["exports"]}
    out = []
    for name, b in sorted(found.items()):
        test = matches(name, groups.get("tests", []))
        deps = arrows(name, b, ours, owner)
        if test:
            continue
        level, label = layer_of(name, layers)
        if level is None:
            out.append(f"{name}: in no layer of releng/layers.txt")
            continue
        for d in deps:
            if matches(d, groups.get("tests", [])):
                out.append(f"{name} -> {d}: a product bundle depends on test support")
                continue
            dl, dlabel = layer_of(d, layers)
            if dl is None:
                out.append(f"{name} -> {d}: {d} is in no layer")
            elif dl > level:
                out.append(f"{name} ({label}) -> {d} ({dlabel}): upward arrow")
            elif dl == level:
                out.append(f"{name} -> {d}: sideways arrow within layer '{label}'")
            if name in only and d not in only[name]:
                out.append(f"{name} -> {d}: {name} may depend only on {', '.join(only[name])}")
        swt = [d for d in b["require"] + b["imports"] if d.startswith(("org.eclipse.swt", "org.eclipse.jface"))]
        if swt and not matches(name, groups.get("swt", [])):
            out.append(f"{name}: SWT/JFace ({', '.join(swt)}) outside the screens and the application")
        if not matches(name, groups.get("sql", [])):
            for f in sources(b):
                text = open(f, encoding="utf-8").read()
                if re.search(r"\bjava\.sql\.", text):
                    out.append(f"{name}: java.sql in {os.path.relpath(f, TOP)} (JDBC belongs in the store or the server)")
    return out


def table(found, layers, groups):
    jobs = {}
    for raw in open(os.path.join(TOP, "docs", "bundles.txt"), encoding="utf-8"):
        if raw.strip() and not raw.startswith("#"):
            n, job = raw.rstrip("\n").split(" | ", 1)
            jobs[n] = job
    ours = set(found)
    owner = {p: n for n, b in found.items() for p in b["exports"]}
    rows = ["| bundle | layer | job | depends on |", "|---|---|---|---|"]
    order = sorted((n for n in found if not n.endswith(".tests")), key=lambda n: (-(layer_of(n, layers)[0] or 0), n))
    for n in order:
        b = found[n]
        label = layer_of(n, layers)[1] or ("test support" if matches(n, groups.get("tests", [])) else "?")
        deps = [d.replace("vn.motcua.", "") for d in arrows(n, b, ours, owner)] + libraries(b)
        ds = ", ".join(deps) if deps else "nothing of ours"
        if b["components"]:
            label += " (DS)"
        rows.append(f"| `{n}` | {label} | {jobs.get(n, '(no job in docs/bundles.txt)')} | {ds} |")
    rows.append(f"| `*.tests` | tests | {jobs.get('*.tests', '')} | host bundle |")
    return "\n".join(rows)


def main():
    found = bundles()
    layers, only, groups = rules()
    doc_path = os.path.join(TOP, "docs", "architecture.md")
    doc = open(doc_path, encoding="utf-8").read()
    want = table(found, layers, groups)
    if "--write" in sys.argv:
        start, end = doc.index(BEGIN) + len(BEGIN), doc.index(END)
        open(doc_path, "w", encoding="utf-8").write(doc[:start] + "\n" + want + "\n" + doc[end:])
        print("docs/architecture.md: bundle table written")
        return 0
    out = problems(found, layers, only, groups)
    if BEGIN not in doc or want not in doc:
        out.append("docs/architecture.md: the bundle table is not what the MANIFESTs say (run releng/layers.py --write)")
    for p in out:
        print("layers: " + p)
    print(f"layers: {len(found)} bundles, {len(out)} problem(s)")
    return 1 if out else 0


if __name__ == "__main__":
    sys.exit(main())
