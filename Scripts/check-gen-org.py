#!/usr/bin/env python3
"""Checks gwlog's answers on an organisation from gen-gcp-org.py against what it intended.

usage: check-gen-org.py DIR [--gwlog PATH] [--timeout S] [--strict]

Runs, on DIR/gcloud at the evaluation time of DIR/meta.json:

  gwlog query 'canInvoke(X, Y)'              every routed pair's verdict (JSON `verdicts`)
  gwlog query 'invokeProblem(G, B, L, C, _)'  the causes of each broken pair

and compares them with the routes of meta.json: the verdict of every pair must be the intended
one (never `unknown`), the set of pairs must be the same, the intended cause code must be among
the pair's codes and no working pair may have a problem; the load must be free of warnings and
errors. Codes the current rules add beside the intended cause (`missing-permission` with a more
precise L6 cause, `granted-elsewhere`, `granted-to-another-account`, ...) are listed as a
summary; with --strict, a code neither intended nor in the route's `codes` is a failure too.
Exit status 0 when everything agrees, 1 otherwise (each mismatch printed), 2 on a usage error.
"""
import argparse
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(gwlog, args, timeout):
    start = time.monotonic()
    try:
        p = subprocess.run([gwlog] + args, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        sys.exit(f"check-gen-org.py: `gwlog {args[0]} {args[1]}` did not finish in {timeout} s")
    except OSError as e:
        sys.exit(f"check-gen-org.py: cannot run `{gwlog}`: {e.strerror}; build it with "
                 "`swift build -c release --product gwlog` or pass --gwlog")
    return p, time.monotonic() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir", help="a folder written by Scripts/gen-gcp-org.py")
    ap.add_argument("--gwlog", default=os.path.join(ROOT, ".build", "release", "gwlog"))
    ap.add_argument("--timeout", type=float, default=1800)
    ap.add_argument("--strict", action="store_true",
                    help="also fail on codes that are neither the intended cause nor in `codes`")
    args = ap.parse_args()
    try:
        with open(os.path.join(args.dir, "meta.json"), encoding="utf-8") as f:
            meta = json.load(f)
    except (OSError, ValueError) as e:
        sys.exit(f"check-gen-org.py: cannot read `{args.dir}/meta.json` ({e}); "
                 "generate the folder with Scripts/gen-gcp-org.py")
    if not meta.get("gcloudDir"):
        sys.exit("check-gen-org.py: the folder has no gcloud output; generate it with --format gcloud or both")
    folder = os.path.join(args.dir, meta["gcloudDir"])
    at = ["--at", meta["evaluationTime"]]
    problems = []

    p, t1 = run(args.gwlog, ["query", "canInvoke(X, Y)", folder, "--format", "json"] + at, args.timeout)
    if p.returncode != 0:
        sys.exit(f"check-gen-org.py: gwlog query canInvoke exited with {p.returncode}: {p.stderr.strip()[-2000:]}")
    answer = json.loads(p.stdout)
    for w in answer.get("warnings", []):
        problems.append(f"warning on load: {json.dumps(w)[:300]}")
    for e in answer.get("errors", []):
        problems.append(f"error on load: {json.dumps(e)[:300]}")
    verdicts = {(v["gateway"], v["backend"]): v for v in answer.get("verdicts", [])}
    yes = {(a["X"], a["Y"]) for a in answer.get("answers", [])}

    p, t2 = run(args.gwlog, ["query", "invokeProblem(G, B, L, C, _)", folder, "--format", "tsv"] + at,
                args.timeout)
    if p.returncode != 0:
        sys.exit(f"check-gen-org.py: gwlog query invokeProblem exited with {p.returncode}: {p.stderr.strip()[-2000:]}")
    codes = {}
    for line in p.stdout.splitlines():
        parts = line.split("\t")
        if len(parts) == 4:
            codes.setdefault((parts[0], parts[1]), set()).add(parts[3])

    intended = {(r["gateway"], r["backend"]): r for r in meta["routes"]}
    for pair in sorted(set(verdicts) - set(intended)):
        problems.append(f"{pair[0]} -> {pair[1]}: routed by gwlog, not by the generator")
    extra_codes = {}
    for pair, r in sorted(intended.items()):
        label = f"{pair[0].split('/')[-1]} -> {pair[1]} ({r['scenario']})"
        v = verdicts.get(pair)
        if v is None:
            problems.append(f"{label}: no verdict (gwlog does not see the route)")
            continue
        if v["verdict"] != r["verdict"]:
            missing = "; ".join(v.get("missing", [])[:2])
            problems.append(f"{label}: verdict {v['verdict']}, intended {r['verdict']}"
                            + (f" (missing: {missing})" if missing else "")
                            + (f"; causes {sorted(codes.get(pair, []))}" if codes.get(pair) else ""))
        if (pair in yes) != (r["verdict"] == "yes"):
            problems.append(f"{label}: canInvoke {'holds' if pair in yes else 'does not hold'}, intended {r['verdict']}")
        found = codes.get(pair, set())
        if r["verdict"] == "yes" and found:
            problems.append(f"{label}: works, but invokeProblem gives {sorted(found)}")
        if r["cause"] and r["cause"] not in found:
            problems.append(f"{label}: cause {r['cause']} missing; gwlog gives {sorted(found) or 'none'}")
        for c in sorted(found - {r["cause"]}):
            known = c in r.get("codes", [])
            extra_codes.setdefault((c, known), 0)
            extra_codes[(c, known)] += 1
            if args.strict and not known:
                problems.append(f"{label}: unexpected code {c}")

    routes = len(intended)
    works = sum(1 for r in intended.values() if r["verdict"] == "yes")
    print(f"{args.dir}: {routes} routes ({works} yes, {routes - works} no); "
          f"canInvoke {t1:.2f} s, invokeProblem {t2:.2f} s")
    if extra_codes:
        print("codes beside the intended cause (count of pairs; * = listed in the route's codes):")
        for (c, known), n in sorted(extra_codes.items(), key=lambda x: (-x[1], x[0])):
            print(f"  {c}{' *' if known else ''}: {n}")
    if problems:
        print(f"{len(problems)} mismatches:")
        for line in problems:
            print(f"  MISMATCH {line}")
        return 1
    print("every verdict and cause agrees with the generator's intent; no warnings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
