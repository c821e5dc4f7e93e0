#!/usr/bin/env python3
"""Prints BENCHMARKS.md's ns/request table from the results of
`cargo bench -p cors-tests --bench middleware` (criterion's estimates.json,
under $CARGO_TARGET_DIR/criterion or target/criterion).

Medians, in ns per request; the middleware columns are overheads (the
middleware's median minus the bare inner service's median).
"""
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
base = target / "criterion"
CASES = {
    "o22": ["preflight_allowed", "preflight_refused", "get_allowed", "get_refused",
            "no_origin", "acrh_1000_names", "acrh_1mib_commas"],
    "o1000": ["preflight_allowed", "get_allowed", "get_refused"],
    "wildcard": ["preflight_allowed", "get_allowed", "get_refused"],
}


def median(policy, case, imp):
    path = base / f"{policy}_{case}" / imp / "new" / "estimates.json"
    try:
        return json.loads(path.read_text())["median"]["point_estimate"]
    except FileNotFoundError:
        sys.exit(f"missing {path}: run `cargo bench -p cors-tests --bench middleware` first")


def ratio(a, b):
    return f"{a / b:.2f}" if b > 0 else "n/a"


print("| policy | case | bare | ours | hand | tower-http | ours / tower-http | ours / hand "
      "| actix-bare | actix-ours | actix-cors |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for policy, cases in CASES.items():
    for case in cases:
        m = {imp: median(policy, case, imp) for imp in
             ["bare", "ours", "hand", "tower-http", "actix-bare", "actix-ours", "actix-cors"]}
        ours, hand, th = (m[i] - m["bare"] for i in ["ours", "hand", "tower-http"])
        aours, acors = (m[i] - m["actix-bare"] for i in ["actix-ours", "actix-cors"])
        print(f"| {policy} | {case} | {m['bare']:.0f} | {ours:.0f} | {hand:.0f} | {th:.0f} "
              f"| {ratio(ours, th)} | {ratio(ours, hand)} | {m['actix-bare']:.0f} "
              f"| {aours:.0f} | {acors:.0f} |")
