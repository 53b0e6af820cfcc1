#!/usr/bin/env python3
"""Checks that the editor and CI set-ups of docs/examples read sitelint's
real output: each committed pattern is applied to a gcc-format run and must
find exactly the findings the JSON run of the same input reports (file,
line, column, severity, and for VS Code the message and rule).

Usage: patterns.py [--emacs-only] GCC_OUTPUT JSON_OUTPUT [VIM_QUICKFIX]

  GCC_OUTPUT    sitelint -q --no-excerpt --color never --lang en SNAPSHOT...
  JSON_OUTPUT   sitelint -q --format json SNAPSHOT...   (same snapshots)
  VIM_QUICKFIX  optional: what real Vim made of GCC_OUTPUT with
                docs/examples/sitelint.vim (lines FILE|LINE|COL|TYPE|TEXT)

The patterns are read from the example files themselves, so the test fails
when someone edits an example into something that no longer matches:
  docs/examples/sitelint.vim        Vim 'errorformat'
  docs/examples/reviewdog.yml       reviewdog errorformat (Vim syntax)
  docs/examples/sitelint.el         Emacs compilation-error-regexp-alist entry
  docs/examples/vscode-tasks.json   VS Code problemMatcher regexp
"""
import json
import os
import re
import sys

EX = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "examples")


def expected(json_path):
    """(file, line, col, severity, message, rule) of every positioned finding."""
    with open(json_path, encoding="utf-8") as f:
        doc = json.load(f)
    out = []
    for snap in doc["snapshots"]:
        prefix = snap["path"]
        single = prefix.endswith((".html", ".htm")) or prefix == "-"
        for d in snap["diagnostics"]:
            if d["line"] is None:
                continue
            name = prefix if single else prefix.rstrip("/") + "/" + d["file"]
            out.append((name, d["line"], d["column"], d["severity"], d["message"], d["rule"]))
    return sorted(out)


def efm_to_regexes(formats):
    """Vim 'errorformat' items (the subset the examples use) as Python
    regexes, converted as Vim's efm_to_regpat() does: %f before a literal is
    a non-greedy run of any characters, %l and %c digits, %t one character,
    %m the rest of the line."""
    res = []
    for fmt in formats:
        rx, i = "^", 0
        while i < len(fmt):
            c = fmt[i]
            if c == "%" and i + 1 < len(fmt):
                k = fmt[i + 1]
                rx += {"f": "(?P<f>.+?)", "l": r"(?P<l>\d+)", "c": r"(?P<c>\d+)",
                       "t": "(?P<t>.)", "m": "(?P<m>.+)", "%": "%"}[k]
                i += 2
            else:
                rx += re.escape(c)
                i += 1
        res.append(re.compile(rx + "$"))
    return res


def vim_formats():
    with open(os.path.join(EX, "sitelint.vim"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("setlocal errorformat="):
                value = line.rstrip("\n")[len("setlocal errorformat="):]
                # :set syntax: "\ " is a space, "\," a comma inside an item.
                items, cur, i = [], "", 0
                while i < len(value):
                    if value[i] == "\\" and i + 1 < len(value):
                        cur += value[i + 1]
                        i += 2
                    elif value[i] == ",":
                        items.append(cur)
                        cur = ""
                        i += 1
                    else:
                        cur += value[i]
                        i += 1
                items.append(cur)
                return items
    sys.exit("patterns.py: no errorformat in sitelint.vim")


def reviewdog_formats():
    items, inside = [], False
    with open(os.path.join(EX, "reviewdog.yml"), encoding="utf-8") as f:
        for line in f:
            s = line.strip()
            if s == "errorformat:":
                inside = True
            elif inside and s.startswith("- "):
                items.append(json.loads(s[2:]))   # a double-quoted YAML scalar
            elif inside:
                inside = False
    if not items:
        sys.exit("patterns.py: no errorformat in reviewdog.yml")
    return items


TYPES = {"e": "error", "w": "warning", "n": "note"}


def apply_efm(regexes, lines):
    got = []
    for line in lines:
        for rx in regexes:
            m = rx.match(line)
            if m:
                if "l" in m.groupdict() and m.group("l"):
                    got.append((m.group("f"), int(m.group("l")), int(m.group("c")),
                                TYPES.get(m.group("t"), "?")))
                break
    return sorted(got)


def emacs_regex():
    with open(os.path.join(EX, "sitelint.el"), encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"'\(sitelint\s+\"((?:[^\"\\]|\\.)*)\"\s+1 2 3 \(5 \. 6\)\)", text)
    if not m:
        sys.exit("patterns.py: no sitelint entry in sitelint.el")
    lisp = m.group(1)
    # Emacs Lisp string to regexp text, then Emacs regexp to Python.
    s = re.sub(r"\\(.)", lambda x: {"n": "\n", "t": "\t"}.get(x.group(1), x.group(1)), lisp)
    s = s.replace("\\(?:", "(?:").replace("\\(", "(").replace("\\)", ")").replace("\\|", "|")
    return re.compile(s)


def apply_emacs(rx, lines):
    got = []
    for line in lines:
        m = rx.match(line)
        if m:
            sev = "warning" if m.group(5) else "note" if m.group(6) else "error"
            got.append((m.group(1), int(m.group(2)), int(m.group(3)), sev))
    return sorted(got)


def apply_vscode(lines):
    with open(os.path.join(EX, "vscode-tasks.json"), encoding="utf-8") as f:
        tasks = json.load(f)["tasks"]
    results = []
    for t in tasks:
        pm = t.get("problemMatcher")
        if not isinstance(pm, dict):
            continue
        p = pm["pattern"]
        rx = re.compile(p["regexp"])   # JavaScript syntax; this subset is Python's too
        got = []
        for line in lines:
            m = rx.match(line)
            if m:
                got.append((m.group(p["file"]), int(m.group(p["line"])), int(m.group(p["column"])),
                            m.group(p["severity"]), m.group(p["message"]), m.group(p["code"])))
        results.append((t["label"], sorted(got)))
    if not results:
        sys.exit("patterns.py: no problemMatcher in vscode-tasks.json")
    return results


def main(argv):
    emacs_only = len(argv) > 1 and argv[1] == "--emacs-only"
    if emacs_only:
        argv = argv[:1] + argv[2:]
    if len(argv) < 3:
        sys.exit(__doc__)
    with open(argv[1], encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f]
    want6 = expected(argv[2])
    want4 = sorted(w[:4] for w in want6)
    if not want4:
        sys.exit("patterns.py: the run has no positioned finding to check")
    fails = 0

    def check(name, got, want):
        nonlocal fails
        if got == want:
            print("ok: %s reads all %d findings" % (name, len(want)))
        else:
            fails += 1
            print("FAIL: %s: %d read, %d expected" % (name, len(got), len(want)))
            for x in sorted(set(want) - set(got))[:5]:
                print("  missed:", x)
            for x in sorted(set(got) - set(want))[:5]:
                print("  wrong: ", x)

    if emacs_only:
        check("Emacs compilation regexp (docs/examples/sitelint.el)", apply_emacs(emacs_regex(), lines), want4)
        return 1 if fails else 0
    check("Vim errorformat (docs/examples/sitelint.vim)", apply_efm(efm_to_regexes(vim_formats()), lines), want4)
    check("reviewdog errorformat (docs/examples/reviewdog.yml)",
          apply_efm(efm_to_regexes(reviewdog_formats()), lines), want4)
    check("Emacs compilation regexp (docs/examples/sitelint.el)", apply_emacs(emacs_regex(), lines), want4)
    for label, got in apply_vscode(lines):
        check("VS Code problemMatcher of '%s'" % label, got, want6)
    if len(argv) > 3:
        got = []
        with open(argv[3], encoding="utf-8") as f:
            for l in f:
                name, lnum, col, typ, _ = l.rstrip("\n").split("|", 4)
                if int(lnum) > 0:
                    got.append((name, int(lnum), int(col), TYPES.get(typ, "?")))
        check("real Vim's quickfix list with sitelint.vim", sorted(got), want4)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
