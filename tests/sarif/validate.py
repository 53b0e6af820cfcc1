#!/usr/bin/env python3
"""Validates SARIF files written by sitelint.

1. Against the official OASIS SARIF 2.1.0 JSON schema (sarif-schema-2.1.0.json
   beside this script; see README.md here for where it comes from).
2. Against what GitHub code scanning needs beyond the schema: every rule with
   short and full descriptions, help text and a default level; every result
   with a message, a rule the run lists, a non-empty artifact URI whose base id
   is defined, a region with positive lines and columns, partialFingerprints
   unique in the run; columnKind stated.

Usage: validate.py FILE.sarif...   Exit status 0 when every file passes.
Needs python3-jsonschema (Debian package; `make check` installs it).
"""
import json
import os
import re
import sys

import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))
URI_RE = re.compile(r"^[A-Za-z0-9\-._~/%:!$&'()*+,;=@]*$")


def load_validator():
    with open(os.path.join(HERE, "sarif-schema-2.1.0.json"), encoding="utf-8") as f:
        schema = json.load(f)
    # This copy keeps the root object's constraints under definitions/Root and
    # none at the top level, where the schema as a whole would accept any
    # document.  Validate against the Root definition.
    if "properties" not in schema and "Root" in schema.get("definitions", {}):
        schema = {
            "$schema": schema["$schema"],
            "$ref": "#/definitions/Root",
            "definitions": schema["definitions"],
        }
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    v = cls(schema, format_checker=jsonschema.FormatChecker())
    # The schema must not be vacuous: these are not SARIF.
    for bad in ({"version": "2.1.0"},
                {"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]},
                {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
                                               "results": [{"ruleId": "r"}]}]}):
        if v.is_valid(bad):
            sys.exit("validate.py: the schema accepts an invalid document: %s" % json.dumps(bad))
    return v


def check_github(doc, problems):
    for ri, run in enumerate(doc["runs"]):
        where = "runs[%d]" % ri
        if run.get("columnKind") not in ("unicodeCodePoints", "utf16CodeUnits"):
            problems.append(where + ": columnKind not stated")
        rules = run["tool"]["driver"].get("rules", [])
        ids = [r["id"] for r in rules]
        for r in rules:
            for key in ("shortDescription", "fullDescription", "help"):
                if not r.get(key, {}).get("text"):
                    problems.append("%s rule %s: no %s.text" % (where, r["id"], key))
            if r.get("defaultConfiguration", {}).get("level") not in ("error", "warning", "note"):
                problems.append("%s rule %s: no default level" % (where, r["id"]))
        bases = set(run.get("originalUriBaseIds", {})) | {"%SRCROOT%"}
        seen = set()
        for i, res in enumerate(run.get("results", [])):
            w = "%s.results[%d]" % (where, i)
            if not res.get("message", {}).get("text"):
                problems.append(w + ": no message text")
            rid = res.get("ruleId")
            if rid not in ids or ids.index(rid) != res.get("ruleIndex", ids.index(rid) if rid in ids else -1):
                problems.append(w + ": ruleId/ruleIndex not in the rule list")
            locs = res.get("locations") or []
            if not locs:
                problems.append(w + ": no location")
            for loc in locs:
                phys = loc.get("physicalLocation", {})
                art = phys.get("artifactLocation", {})
                uri = art.get("uri", "")
                if not uri or not URI_RE.match(uri):
                    problems.append(w + ": bad artifact uri %r" % uri)
                if "uriBaseId" in art and art["uriBaseId"] not in bases:
                    problems.append(w + ": undefined uriBaseId %r" % art["uriBaseId"])
                reg = phys.get("region")
                if reg is not None:
                    for k in ("startLine", "startColumn", "endLine", "endColumn"):
                        if not isinstance(reg.get(k), int) or reg[k] < 1:
                            problems.append(w + ": region.%s missing or < 1" % k)
                    if (reg.get("endLine", 0), reg.get("endColumn", 0)) < (reg.get("startLine", 0), reg.get("startColumn", 0)):
                        problems.append(w + ": region ends before it starts")
            fps = res.get("partialFingerprints") or {}
            if not fps:
                problems.append(w + ": no partialFingerprints")
            for k, val in fps.items():
                if (k, val) in seen:
                    problems.append(w + ": fingerprint %s=%s not unique" % (k, val))
                seen.add((k, val))


def main(paths):
    v = load_validator()
    failed = 0
    for path in paths:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        problems = ["%s: %s" % ("/".join(str(p) for p in e.absolute_path) or "(root)", e.message)
                    for e in v.iter_errors(doc)]
        if not problems:
            check_github(doc, problems)
        if problems:
            failed += 1
            print("%s: not valid SARIF for code scanning:" % path)
            for p in problems[:20]:
                print("  " + p)
        else:
            print("%s: valid SARIF 2.1.0" % path)
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1:]))
