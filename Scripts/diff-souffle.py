#!/usr/bin/env python3
"""Differential test of gwlog against an installed Soufflé on random programs.

usage: Scripts/diff-souffle.py [--count N] [--seed S] [--gwlog PATH] [--souffle PATH]
                               [--keep DIR] [--timeout S]

Generates N random programs (seeded, reproducible) in the language both engines share,
runs each through `gwlog run PROG -D OUT --no-model` and `souffle -D OUT PROG` (the
interpreter), and compares every output relation as a set of rows. A program on which they
differ, or on which exactly one of them fails, is written to DIR (default
.build-diff-souffle/) with both outputs, and summarised at the end; the exit status is 1
when any differ.

Soufflé is found through $SOUFFLE, else `souffle` on PATH; without it the script says so and
exits 0. gwlog defaults to .build/release/gwlog, else .build/debug/gwlog.

The programs use what both engines define the same way (docs/language.md): declared
relations with `number` and `symbol` columns, facts, recursive rules, stratified negation
(with `_`), comparisons (`<` and friends on numbers only: Soufflé orders symbols by their
table index), `+` and `-` in rules that cannot recurse, and the aggregates `count`, `sum`,
`min` and `max` over a lower stratum, grouped by variables bound outside. Numbers stay
small (Soufflé's are 32-bit) and symbols are ASCII. Features whose meaning differs between
the engines (string functions, nested aggregates) are left out; see docs/language.md for
the deliberate differences.
"""
import argparse
import os
import random
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SYMBOLS = ["a", "b", "c", "ab"]


class Generator:
    """One random program: input relations e0.., derived relations r0.. with levels."""

    def __init__(self, rng):
        self.rng = rng
        self.lines = []

    def value(self, kind):
        if kind == "number":
            return str(self.rng.randint(0, 4))
        return '"' + self.rng.choice(SYMBOLS) + '"'

    def program(self):
        rng = self.rng
        inputs = []
        for i in range(rng.randint(2, 4)):
            cols = [rng.choice(["number", "symbol"]) for _ in range(rng.randint(1, 3))]
            inputs.append(("e%d" % i, cols, -1))
        derived = []
        level = 0
        for i in range(rng.randint(2, 6)):
            if i > 0 and rng.random() < 0.6:
                level += 1
            cols = [rng.choice(["number", "symbol"]) for _ in range(rng.randint(1, 3))]
            derived.append(("r%d" % i, cols, level))
        for name, cols, _ in inputs + derived:
            decl = ", ".join("c%d: %s" % (k, t) for k, t in enumerate(cols))
            self.lines.append(".decl %s(%s)" % (name, decl))
        for name, _, _ in derived:
            self.lines.append(".output %s" % name)
        for name, cols, _ in inputs:
            for _ in range(rng.randint(2, 20)):
                self.lines.append("%s(%s)." % (name, ", ".join(self.value(t) for t in cols)))
        for index, relation in enumerate(derived):
            for k in range(rng.randint(1, 3)):
                self.rule(relation, inputs, derived, recursive_ok=k > 0)
        return "\n".join(self.lines) + "\n"

    def rule(self, head, inputs, derived, recursive_ok):
        rng = self.rng
        name, cols, level = head
        lower = inputs + [r for r in derived if r[2] < level]
        same = [r for r in derived if r[2] == level]
        bound = []  # (variable, type)
        counter = [0]

        def fresh():
            counter[0] += 1
            return "V%d" % counter[0]

        def atom(rel, allow_wild=True):
            rname, rcols, _ = rel
            args = []
            for t in rcols:
                same_type = [v for v, vt in bound if vt == t]
                roll = rng.random()
                if same_type and roll < 0.5:
                    args.append(rng.choice(same_type))
                elif roll < 0.56:
                    args.append(self.value(t))
                elif allow_wild and roll < 0.64:
                    args.append("_")
                else:
                    v = fresh()
                    bound.append((v, t))
                    args.append(v)
            return "%s(%s)" % (rname, ", ".join(args))

        body = []
        recursive = False
        for i in range(rng.randint(1, 3)):
            pool = lower + (same if recursive_ok and i > 0 else [])
            if not pool:
                pool = lower
            if not pool:
                return
            rel = rng.choice(pool)
            if rel in same:
                recursive = True
            body.append(atom(rel))
        if not bound:
            # Every head column needs a value; constants do when no variable is bound.
            pass
        numbers = [v for v, t in bound if t == "number"]
        symbols = [v for v, t in bound if t == "symbol"]
        # A comparison between bound values of one type.
        if rng.random() < 0.25 and len(numbers) >= 1:
            a = rng.choice(numbers)
            b = rng.choice(numbers + [self.value("number")])
            body.append("%s %s %s" % (a, rng.choice(["<", "<=", ">", ">=", "=", "!="]), b))
        elif rng.random() < 0.1 and len(symbols) >= 2:
            body.append("%s %s %s" % (rng.choice(symbols), rng.choice(["=", "!="]),
                                      rng.choice(symbols)))
        # A negation over a lower stratum, its arguments bound, constant or `_`.
        negatable = [r for r in lower if r[1]]
        if rng.random() < 0.25 and negatable:
            rname, rcols, _ = rng.choice(negatable)
            args = []
            for t in rcols:
                same_type = [v for v, vt in bound if vt == t]
                roll = rng.random()
                if same_type and roll < 0.6:
                    args.append(rng.choice(same_type))
                elif roll < 0.8:
                    args.append(self.value(t))
                else:
                    args.append("_")
            body.append("!%s(%s)" % (rname, ", ".join(args)))
        # An aggregate over a lower stratum (never in a recursive rule).
        aggregable = [r for r in lower if r[1]]
        if not recursive and rng.random() < 0.2 and aggregable:
            rname, rcols, _ = rng.choice(aggregable)
            inner = []
            number_columns = []
            for k, t in enumerate(rcols):
                same_type = [v for v, vt in bound if vt == t]
                if same_type and rng.random() < 0.4:
                    inner.append(rng.choice(same_type))
                else:
                    counter[0] += 1
                    v = "I%d" % counter[0]
                    inner.append(v)
                    if t == "number":
                        number_columns.append(v)
            function = rng.choice(["count", "sum", "min", "max"]) if number_columns else "count"
            target = "" if function == "count" else " " + rng.choice(number_columns)
            result = fresh()
            body.append("%s = %s%s : { %s(%s) }" % (result, function, target, rname,
                                                   ", ".join(inner)))
            bound.append((result, "number"))
        head_args = []
        for t in cols:
            same_type = [v for v, vt in bound if vt == t]
            if same_type and rng.random() < 0.85:
                v = rng.choice(same_type)
                if t == "number" and not recursive and rng.random() < 0.15:
                    v = "%s %s %d" % (v, rng.choice(["+", "-"]), rng.randint(1, 3))
                head_args.append(v)
            else:
                head_args.append(self.value(t))
        self.lines.append("%s(%s) :- %s." % (name, ", ".join(head_args), ", ".join(body)))


def read_outputs(directory):
    out = {}
    if not os.path.isdir(directory):
        return out
    for f in sorted(os.listdir(directory)):
        if f.endswith(".csv"):
            rows = set()
            for line in open(os.path.join(directory, f), encoding="utf-8"):
                line = line.rstrip("\n")
                rows.add(tuple(c.strip('"') for c in line.split("\t")))
            out[f[:-4]] = rows
    return out


def run(cmd, timeout):
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        return p.returncode, p.stderr
    except subprocess.TimeoutExpired:
        return None, "timeout"


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--gwlog")
    ap.add_argument("--souffle")
    ap.add_argument("--keep", default=os.path.join(ROOT, ".build-diff-souffle"))
    ap.add_argument("--timeout", type=float, default=60)
    a = ap.parse_args()
    souffle = a.souffle or os.environ.get("SOUFFLE") or shutil.which("souffle")
    if not souffle or not shutil.which(souffle):
        print("souffle not found ($SOUFFLE or PATH): differential test skipped")
        return 0
    gwlog = a.gwlog
    if not gwlog:
        for candidate in ("release", "debug"):
            path = os.path.join(ROOT, ".build", candidate, "gwlog")
            if os.path.exists(path):
                gwlog = path
                break
    if not gwlog:
        print("no gwlog binary: run `swift build` first or pass --gwlog", file=sys.stderr)
        return 2
    work = os.path.join(a.keep, "work")
    os.makedirs(work, exist_ok=True)
    differing, compared, skipped = [], 0, 0
    relations, rows = 0, 0
    for n in range(a.count):
        seed = a.seed + n
        text = Generator(random.Random(seed)).program()
        prog = os.path.join(work, "prog.dl")
        with open(prog, "w") as f:
            f.write(text)
        outs = {}
        codes = {}
        errors = {}
        for engine, cmd in (("gwlog", [gwlog, "run", prog, "-D", None, "--no-model"]),
                            ("souffle", [souffle, "-D", None, prog])):
            out = os.path.join(work, "out-" + engine)
            shutil.rmtree(out, ignore_errors=True)
            os.makedirs(out)
            cmd = [out if c is None else c for c in cmd]
            codes[engine], errors[engine] = run(cmd, a.timeout)
            outs[engine] = read_outputs(out)
        ok = {e: codes[e] == 0 for e in codes}
        problem = None
        if not ok["gwlog"] and not ok["souffle"]:
            skipped += 1
            continue
        if ok["gwlog"] != ok["souffle"]:
            failing = "gwlog" if not ok["gwlog"] else "souffle"
            problem = "%s failed: %s" % (failing, errors[failing].strip().splitlines()[-1:]
                                         if errors[failing] else codes[failing])
        else:
            compared += 1
            for rel in sorted(set(outs["gwlog"]) | set(outs["souffle"])):
                g = outs["gwlog"].get(rel, set())
                s = outs["souffle"].get(rel, set())
                if s:
                    relations += 1
                    rows += len(s)
                if g != s:
                    problem = "%s: gwlog only %s, souffle only %s" % (
                        rel, sorted(g - s)[:5], sorted(s - g)[:5])
                    break
        if problem:
            keep = os.path.join(a.keep, "seed-%d" % seed)
            shutil.rmtree(keep, ignore_errors=True)
            shutil.copytree(work, keep)
            differing.append((seed, problem))
            print("seed %d: %s (kept in %s)" % (seed, problem, keep), flush=True)
    print("%d programs: %d compared (%d non-empty relations, %d rows), %d rejected by both, "
          "%d differ" % (a.count, compared, relations, rows, skipped, len(differing)))
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
