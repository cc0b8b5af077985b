#!/usr/bin/env python3
"""Runs the real gcloud against fake_google_apis.py and checks that each command prints the
file of facts/example it stands for (JSON equal modulo the order of list elements).

Usage: check_gcloud_against_fake.py [FOLDER] [--gcloud PATH] [--jobs N]

It starts the fake on a free loopback port with a temporary CLOUDSDK_CONFIG, runs every
command below with `--format=json`, prints one line per command (`ok`, `DIFF` or `FAIL`)
and exits with 1 when any differs. The commands are those `gwlog collect` runs for the
example organisation (docs/collect.md); the files that no gcloud command prints as they are
(the Admin API v2 service, `apis describe`) are listed at the end as not checked.
"""

import base64
import concurrent.futures
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# (gcloud arguments, the facts/example file it prints)
COMMANDS = [
    ("api-gateway gateways describe shop-gw --location=us-central1 --project=gw-prod",
     "api-gateway-gateways-describe-shop-gw.json"),
    ("api-gateway gateways describe partner-gw --location=us-central1 --project=gw-prod",
     "api-gateway-gateways-describe-partner-gw.json"),
    ("api-gateway gateways describe admin-gw --location=us-central1 --project=gw-prod",
     "api-gateway-gateways-describe-admin-gw.json"),
    ("api-gateway apis describe shop --project=gw-prod", "api-gateway-apis-describe-shop.json"),
    ("api-gateway api-configs describe shop-v2 --api=shop --view=FULL --project=gw-prod",
     "api-gateway-api-configs-describe-shop-v2.json"),
    ("api-gateway api-configs describe partner-v1 --api=partner --view=FULL "
     "--project=100000000001", "api-gateway-api-configs-describe-partner-v1.json"),
    ("api-gateway api-configs describe admin-v1 --api=admin --view=FULL --project=gw-prod",
     "api-gateway-api-configs-describe-admin-v1.json"),
    ("run services describe orders-api --region=us-central1 --project=shop-backend",
     "run-services-describe-orders-api.json"),
    ("run services describe inventory-api --region=us-central1 --project=shop-backend",
     "run-services-describe-inventory-api.json"),
    ("run services describe payments-api --region=us-central1 --project=payments-backend",
     "run-services-describe-payments-api.json"),
    ("run services get-iam-policy orders-api --region=us-central1 --project=shop-backend",
     "run-services-get-iam-policy-orders-api.json"),
    ("run services get-iam-policy inventory-api --region=us-central1 --project=shop-backend",
     "run-services-get-iam-policy-inventory-api.json"),
    ("run services get-iam-policy payments-api --region=us-central1 "
     "--project=payments-backend", "run-services-get-iam-policy-payments-api.json"),
    ("run services get-iam-policy public-status --region=europe-west1 --project=sandbox",
     "run-services-get-iam-policy-public-status.json"),
    ("run services get-iam-policy checkout-fn --region=us-central1 --project=checkout",
     "run-services-get-iam-policy-checkout-fn.json"),
    ("functions describe checkout-fn --region=us-central1 --project=checkout",
     "functions-describe-checkout-fn.json"),
    ("functions describe report-fn --region=us-central1 --project=legacy-backend",
     "functions-describe-report-fn.json"),
    ("functions describe audit-fn --region=us-central1 --project=legacy-backend",
     "functions-describe-audit-fn.json"),
    ("functions get-iam-policy checkout-fn --region=us-central1 --project=checkout",
     "functions-get-iam-policy-checkout-fn.json"),
    ("functions get-iam-policy report-fn --region=us-central1 --project=legacy-backend",
     "functions-get-iam-policy-report-fn.json"),
    ("functions get-iam-policy audit-fn --region=us-central1 --project=legacy-backend",
     "functions-get-iam-policy-audit-fn.json"),
    ("app describe --project=legacy-backend", "app-describe-legacy-backend.json"),
    ("iap web get-iam-policy --resource-type=app-engine --project=legacy-backend",
     "iap-web-get-iam-policy-app-engine-legacy-backend.json"),
    ("organizations list", "organizations-list.json"),
    ("organizations get-iam-policy 1001", "organizations-get-iam-policy-1001.json"),
    ("resource-manager folders describe 2001", "folders-describe-2001.json"),
    ("resource-manager folders describe 2002", "folders-describe-2002.json"),
    ("resource-manager folders get-iam-policy 2001", "folders-get-iam-policy-2001.json"),
    ("resource-manager folders get-iam-policy 2002", "folders-get-iam-policy-2002.json"),
    ("iam policies get payments-lockdown --kind=denypolicies "
     "--attachment-point=cloudresourcemanager.googleapis.com/projects/payments-backend",
     "iam-policies-get-payments-lockdown.json"),
    ("iam policies list --kind=denypolicies "
     "--attachment-point=cloudresourcemanager.googleapis.com/organizations/1001",
     "iam-policies-list-denypolicies-organizations-1001.json"),
    ("iam policies list --kind=denypolicies "
     "--attachment-point=cloudresourcemanager.googleapis.com/folders/2001",
     "iam-policies-list-denypolicies-folders-2001.json"),
    ("iam policies list --kind=denypolicies "
     "--attachment-point=cloudresourcemanager.googleapis.com/folders/2002",
     "iam-policies-list-denypolicies-folders-2002.json"),
    ("org-policies describe run.managed.requireInvokerIam --organization=1001",
     "org-policies-describe-run.managed.requireInvokerIam-organization-1001.json"),
    ("org-policies describe iam.allowedPolicyMemberDomains --organization=1001",
     "org-policies-describe-iam.allowedPolicyMemberDomains-organization-1001.json"),
    ("org-policies describe run.allowedIngress --folder=2002",
     "org-policies-describe-run.allowedIngress-folder-2002.json"),
]
PROJECTS = ["checkout", "gw-prod", "legacy-backend", "payments-backend", "sandbox",
            "shop-backend"]
for _p in PROJECTS:
    COMMANDS += [
        ("projects describe " + _p, "projects-describe-%s.json" % _p),
        ("projects get-iam-policy " + _p, "projects-get-iam-policy-%s.json" % _p),
        ("iam policies list --kind=denypolicies "
         "--attachment-point=cloudresourcemanager.googleapis.com/projects/" + _p,
         "iam-policies-list-denypolicies-projects-%s.json" % _p),
    ]
for _g in ["backend-admins", "gateway-callers", "legacy-admins", "org-admins",
           "platform-admins", "platform-invokers"]:
    COMMANDS.append(("identity groups memberships list --group-email=%s@example.com" % _g,
                     "identity-groups-memberships-list-%s@example.com.json" % _g))
for _a in ["admin-gw@gw-prod", "gw-shop@gw-prod", "orders-runtime@shop-backend",
           "partner-gw@gw-prod"]:
    COMMANDS.append(("iam service-accounts describe %s.iam.gserviceaccount.com" % _a,
                     "iam-service-accounts-describe-%s.iam.gserviceaccount.com.json" % _a))
NOT_CHECKED = {
    "run-v2-services-get-public-status.json": "the Admin API v2 shape, which no gcloud "
    "command prints (gcloud prints the Knative view the fake derives from it)",
    "api-gateway-apis-describe-admin.json": "not needed (nothing is imported from it)",
    "api-gateway-apis-describe-partner.json": "not needed (nothing is imported from it)",
}


def canonical(value):
    """JSON with every list sorted, so that order does not count, and etags in canonical
    base64 (gcloud decodes an etag to bytes and encodes it again)."""
    if isinstance(value, dict):
        return {k: canonical_etag(v) if k == "etag" else canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        return sorted((canonical(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    return value


def canonical_etag(value):
    try:
        return base64.b64encode(base64.b64decode(value)).decode()
    except (ValueError, TypeError):
        return value


def listing(value):
    """`gcloud iam policies list` prints the response object (`{"policies": [...]}`, `{}`
    when empty); facts/example holds the list."""
    if isinstance(value, dict) and set(value) <= {"policies", "nextPageToken"}:
        return value.get("policies", [])
    return value


def start_fake(folder):
    process = subprocess.Popen(
        [sys.executable, os.path.join(HERE, "fake_google_apis.py"), folder, "--print-env"],
        stdout=subprocess.PIPE, text=True)
    first = process.stdout.readline().split()
    env = {}
    for line in process.stdout:
        if not line.strip():
            break
        name, _, value = line.strip().partition("=")
        env[name] = value
        if name == "CLOUDSDK_PROXY_TYPE":
            break
    return process, int(first[2]), env


def main(argv):
    import argparse
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", default=os.path.join(ROOT, "facts", "example"))
    parser.add_argument("--gcloud", default="gcloud")
    parser.add_argument("--jobs", type=int, default=4)
    args = parser.parse_args(argv)
    process, port, env = start_fake(args.folder)
    failures = 0
    try:
        with tempfile.TemporaryDirectory() as config:
            environment = {k: v for k, v in os.environ.items()
                           if not k.startswith("CLOUDSDK_") and k.lower() not in (
                               "http_proxy", "https_proxy", "no_proxy", "all_proxy")}
            environment.update(env)
            environment["CLOUDSDK_CONFIG"] = config

            def run(entry):
                command, expected = entry
                result = subprocess.run(
                    [args.gcloud] + command.split() + ["--format=json"], env=environment,
                    capture_output=True, text=True)
                return entry, result

            with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
                for (command, expected), result in pool.map(run, COMMANDS):
                    with open(os.path.join(args.folder, expected), encoding="utf-8") as f:
                        want = canonical(json.load(f))
                    if result.returncode != 0:
                        failures += 1
                        print("FAIL %s: %s" % (command, result.stderr.strip().splitlines()[-1:]))
                        continue
                    got = canonical(listing(json.loads(result.stdout)))
                    if got != want:
                        failures += 1
                        print("DIFF %s\n  got:  %s\n  want: %s" % (
                            command, json.dumps(got, sort_keys=True)[:600],
                            json.dumps(want, sort_keys=True)[:600]))
                    else:
                        print("ok   %s" % command)
    finally:
        process.terminate()
        process.wait()
    checked = {expected for _, expected in COMMANDS}
    for name in sorted(os.listdir(args.folder)):
        if name.endswith(".json") and name not in checked:
            print("not checked: %s: %s" % (name, NOT_CHECKED.get(name, "no command listed")))
    print("%d of %d commands differ or fail" % (failures, len(COMMANDS)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
