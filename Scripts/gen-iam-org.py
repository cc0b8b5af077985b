#!/usr/bin/env python3
"""IAM-shaped organisation at the scale of a large enterprise (100,000 projects), as TSV facts.

usage: gen-iam-org.py --out DIR [--size 100k|10k] [--seed 1] [--shared PATH]

Writes the same relations as SHARED/bench/gen/iam.py (resource, service, parent, principal,
member, binding, role_permission, gateway_sa, backend) for SHARED/bench/programs/iam.dl, and
reuses its role catalog (`build_catalog`, identical for every size) and helpers; the
organisation is built here, because iam.py's weights do not scale to 100,000 projects.

Scaling iam.py's `large` (350 projects, has_perm ~17M) by 285 would give billions of has_perm
tuples: there, basic roles (owner/editor, thousands of permissions) are bound on one project
in 15, and most bindings go to groups of ~100 effective members. A big organisation looks
different per project: most projects carry a handful of bindings of small predefined or
custom roles to service accounts, single users and small teams, and basic roles are rare.
This size keeps that shape (see `SIZES`), so has_perm stays near 100M tuples (~1,000 per
project), which fits in a few GB and evaluates in about a minute. `meta.json` records the
counts of every relation and an upper bound on has_perm (the sum over bindings of members x
permissions x resources below, before duplicates are removed).
"""
import argparse
import os
import sys

DEFAULT_SHARED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared")

SIZES = {
    # folders_top and mean folder children by depth make ~4,000 folders, 20-30 projects each.
    "100k": dict(folders_top=40, children={1: 5.0, 2: 4.0, 3: 3.0}, projects=100_000, svc=1.0,
                 users=40_000, sas=30_000, groups=8_000, gateways=2_000, basic=0.05),
    # a tenth of it, for a quick check of the generator
    "10k": dict(folders_top=12, children={1: 4.0, 2: 3.0, 3: 2.0}, projects=10_000, svc=1.0,
                users=4_000, sas=3_000, groups=800, gateways=200, basic=0.05),
}


def build_org(cfg, catalog_roles, perms_by_service, r, iam):
    """Mirror of iam.build_org with scaled weights; returns relation name -> rows."""
    org = "organizations/1000"
    resources, services, parent = [org], [], []
    depth = {org: 0}
    folders, frontier = [], []
    for _ in range(cfg["folders_top"]):
        f = f"folders/{100000 + len(folders)}"
        folders.append(f); parent.append((f, org)); depth[f] = 1; frontier.append(f)
    while frontier:
        nf = []
        for p in frontier:
            d = depth[p]
            if d >= 4:
                continue
            for _ in range(int(r.expovariate(1.0 / cfg["children"][d]) + 0.5)):
                f = f"folders/{100000 + len(folders)}"
                folders.append(f); parent.append((f, p)); depth[f] = d + 1; nf.append(f)
        frontier = nf
    resources += folders
    # projects sit in the deeper folders (depth >= 3 where there are any), 1% under the org
    deep = [f for f in folders if depth[f] >= 3] or folders
    projects = []
    for i in range(cfg["projects"]):
        pid = f"projects/proj-{i:06d}"
        par = org if r.random() < 0.01 else r.choice(deep)
        projects.append(pid); parent.append((pid, par)); depth[pid] = depth[par] + 1
    resources += projects
    svc_by_project = {}
    for p in projects:
        ss = []
        for j in range(int(r.expovariate(1.0 / cfg["svc"]) + 0.5)):
            s = f"{p}/locations/{r.choice(iam.REGIONS)}/services/{r.choice(iam.SERVICE_WORDS)}-{j}"
            ss.append(s); parent.append((s, p))
        svc_by_project[p] = ss
        services += ss
    resources += services

    users = [f"user:u{i:06d}@example.com" for i in range(cfg["users"])]
    sas = [f"serviceAccount:sa-{i:06d}@{r.choice(projects)[9:]}.iam.gserviceaccount.com"
           for i in range(cfg["sas"])]
    gw_sas = [f"serviceAccount:gateway-{i:05d}@{r.choice(projects)[9:]}.iam.gserviceaccount.com"
              for i in range(cfg["gateways"])]
    ng = cfg["groups"]
    n_dept, n_team = max(2, ng // 20), max(4, ng // 4)
    all_staff = "group:all-staff@example.com"
    depts = [f"group:dept-{i:04d}@example.com" for i in range(n_dept)]
    teams = [f"group:team-{i:05d}@example.com" for i in range(n_team)]
    smalls = [f"group:g-{i:05d}@example.com" for i in range(max(4, ng - n_team - n_dept - 1))]
    admins, security = "group:org-admins@example.com", "group:security@example.com"
    gw_group = "group:gateway-invokers@example.com"
    groups = [all_staff, admins, security, gw_group] + depts + teams + smalls
    member = set()
    for d in depts:
        member.add((d, all_staff))
    for t in teams:
        member.add((t, r.choice(depts)))
    for i, g in enumerate(smalls):
        if r.random() < 0.5:
            member.add((g, r.choice(teams)))
        # nesting into an earlier small group is rarer than in iam.py (long chains blow up)
        if i > 0 and r.random() < 0.1:
            member.add((g, smalls[r.randrange(i)]))
    for u in users:
        member.add((u, r.choice(smalls)))
        if r.random() < 0.3:
            member.add((u, r.choice(teams)))
    for u in r.sample(users, 2):
        member.add((u, admins))
    for u in r.sample(users, 2):
        member.add((u, security))
    for s in sas:
        if r.random() < 0.3:
            member.add((s, r.choice(smalls)))
    for s in gw_sas:
        if r.random() < 0.3:
            member.add((s, gw_group))
    principals = users + sas + gw_sas + groups

    svc_names = sorted(perms_by_service)
    custom = [k for k in catalog_roles if k.startswith("organizations/")]
    agents = [k for k in catalog_roles if k.endswith(".serviceAgent")]
    small_custom = [k for k in custom if len(catalog_roles[k]) <= 30]
    pick = iam.pick_weighted

    def svc_role(kind):
        return f"roles/{r.choice(svc_names)}.{kind}"

    binding = set()
    # org level: only tiny roles; a reviewer role on the org would alone give
    # members x ~1,500 permissions x 200k resources tuples
    binding.add((org, "roles/browser", admins))
    # folders: high folders (many projects below) get small roles for single principals only
    for f in folders:
        for _ in range(r.randint(1, 3)):
            if depth[f] <= 2:
                role = pick(r, [(50, "roles/browser"), (50, r.choice(small_custom))])
                m = r.choice(users) if r.random() < 0.7 else r.choice(sas)
            else:
                role = pick(r, [(40, svc_role("viewer")), (20, "roles/browser"),
                                (30, r.choice(small_custom)), (10, svc_role("admin"))])
                m = pick(r, [(8, r.choice(smalls)), (55, r.choice(users)), (37, r.choice(sas))])
            binding.add((f, role, m))
    b = cfg["basic"]
    for p in projects:
        for _ in range(r.randint(2, 6)):
            role = pick(r, [(1.5 * b, "roles/owner"), (2 * b, "roles/editor"), (3 * b, "roles/viewer"),
                            (40, svc_role(r.choice(["viewer", "editor", "developer", "admin"]))),
                            (20, r.choice(small_custom)), (12, "roles/run.invoker"),
                            (8, "roles/run.developer"), (0.3, r.choice(agents)),
                            (6, "roles/browser")])
            big = role in ("roles/owner", "roles/editor", "roles/viewer") or role.endswith(".serviceAgent")
            if big:
                m = pick(r, [(60, r.choice(users)), (40, r.choice(sas))])
            else:
                m = pick(r, [(6, r.choice(smalls)), (1, r.choice(teams)), (52, r.choice(sas)),
                             (30, r.choice(users)), (10, r.choice(gw_sas))])
            binding.add((p, role, m))
    gateway_sa, backend = [], set()
    with_services = [p for p in projects if svc_by_project[p]] or projects
    for i, sa in enumerate(gw_sas):
        home = r.choice(with_services)
        gw = f"{home}/locations/global/gateways/gw-{i:05d}"
        gateway_sa.append((gw, sa))
        for _ in range(r.randint(1, 4)):
            pool = svc_by_project[home] if r.random() < 0.7 and svc_by_project[home] else services
            if pool:
                s = r.choice(pool)
                backend.add((gw, s))
                x = r.random()
                if x < 0.45:
                    binding.add((s, "roles/run.invoker", sa))
                elif x < 0.55:
                    binding.add((s, "roles/run.invoker", gw_group))
                elif x < 0.6:
                    binding.add((s, "roles/run.viewer", sa))
    for s in services:
        for _ in range(int(r.expovariate(1.0 / 0.8))):
            role = pick(r, [(60, "roles/run.invoker"), (20, "roles/run.developer"),
                            (10, "roles/run.admin"), (10, r.choice(small_custom))])
            m = pick(r, [(40, r.choice(sas)), (20, r.choice(smalls)),
                         (20, r.choice(users)), (20, r.choice(gw_sas))])
            binding.add((s, role, m))
    return dict(resource=[(x,) for x in resources], service=[(x,) for x in services],
                parent=parent, principal=[(x,) for x in principals],
                member=sorted(member), binding=sorted(binding),
                gateway_sa=gateway_sa, backend=sorted(backend))


def has_perm_bound(rels, roles):
    """Sum over bindings of members x permissions x (resources at or below), before dedup."""
    children = {}
    for c, p in rels["parent"]:
        children.setdefault(p, []).append(c)
    below = {}

    def count_below(x):
        # iterative post-order: the hierarchy is 6 levels deep but 200k nodes wide
        stack = [(x, False)]
        while stack:
            node, done = stack.pop()
            if node in below:
                continue
            if done:
                below[node] = 1 + sum(below[c] for c in children.get(node, []))
            else:
                stack.append((node, True))
                stack.extend((c, False) for c in children.get(node, []) if c not in below)
        return below[x]

    groups_of = {}
    for m, g in rels["member"]:
        groups_of.setdefault(g, []).append(m)
    size = {}

    def members(g):
        # principal_of: g itself plus everything that reaches g through member
        if g not in size:
            seen, todo = {g}, [g]
            while todo:
                for m in groups_of.get(todo.pop(), []):
                    if m not in seen:
                        seen.add(m); todo.append(m)
            size[g] = len(seen)
        return size[g]

    has_role = has_perm = 0
    for res, role, m in rels["binding"]:
        n = members(m) * count_below(res)
        has_role += n
        has_perm += n * len(roles.get(role, ()))
    return has_role, has_perm


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", required=True, help="directory to write <relation>.facts files into")
    p.add_argument("--seed", type=int, default=1, help="random seed (output is deterministic per seed)")
    p.add_argument("--size", default="100k", choices=sorted(SIZES), help="named size preset")
    p.add_argument("--catalog-seed", type=int, default=7)
    p.add_argument("--shared", default=DEFAULT_SHARED, help="the shared folder holding bench/gen")
    a = p.parse_args()
    sys.path.insert(0, os.path.join(a.shared, "bench", "gen"))
    import common
    import iam

    perms_by_service, roles = iam.build_catalog(a.catalog_seed)
    rels = build_org(SIZES[a.size], roles, perms_by_service, common.rng(a.seed), iam)
    rels["role_permission"] = sorted((role, perm) for role, ps in roles.items() for perm in ps)
    has_role_bound, has_perm_upper = has_perm_bound(rels, roles)
    meta_only = {k: v for k, v in rels.items()}
    counts = {name: common.write_rel(a.out, name, rows) for name, rows in meta_only.items()}
    config = {k: v for k, v in SIZES[a.size].items() if k != "children"}
    config["children"] = {str(k): v for k, v in SIZES[a.size]["children"].items()}
    common.write_meta(a.out, {"workload": "iam", "generator": "Scripts/gen-iam-org.py",
                              "seed": a.seed, "catalog_seed": a.catalog_seed, "size": a.size,
                              "config": config, "counts": counts,
                              "has_role_upper_bound": has_role_bound,
                              "has_perm_upper_bound": has_perm_upper})
    print(f"iam {a.size}: " + " ".join(f"{k}={v}" for k, v in counts.items())
          + f" has_role<={has_role_bound} has_perm<={has_perm_upper} -> {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
