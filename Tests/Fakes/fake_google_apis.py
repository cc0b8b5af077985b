#!/usr/bin/env python3
"""A fake of the Google Cloud REST APIs behind a folder of gcloud JSON outputs, for tests.

It reads every `.json` file of a folder such as `facts/example` at start (each recognised by
its shape, policies by their file name as docs/file-naming.md says) and answers the REST
calls that `gcloud ... --format=json` makes to print those files: API Gateway, Cloud Run
(Knative v1 on the regional host, IAM on the global one), Cloud Functions v1 and v2, App
Engine, IAP, Resource Manager v1/v2/v3, IAM v1 and v2 (deny policies), Cloud Identity,
Organization Policy v2 and Cloud Asset (`assets.list` of resources and allow policies,
derived from the same files, and search). Where the folder holds another shape than the
call returns (a Cloud Run service in the Admin API v2 shape, a 2nd gen function's Cloud Run
service), the response is derived from what the folder says.

It listens on 127.0.0.1 only, refuses any other bind address and any peer that is not
loopback, and serves as an HTTP proxy: gcloud is pointed at it with
`CLOUDSDK_API_ENDPOINT_OVERRIDES_<API>=http://<api>.gwlog-fake.test:PORT/` and
`CLOUDSDK_PROXY_TYPE=http`, `CLOUDSDK_PROXY_ADDRESS=127.0.0.1`, `CLOUDSDK_PROXY_PORT=PORT`,
so that the regional host names gcloud derives (`us-central1-run.gwlog-fake.test`) never
have to resolve (docs/collect.md#testing-against-a-fake). Tunnelled requests (`CONNECT`,
which gcloud's httplib2 transport sends even for http URLs) are answered on the tunnel.

Usage:
  fake_google_apis.py FOLDER [--port N] [--bind 127.0.0.1] [--fail REGEX=STATUS ...]
                             [--request-log FILE] [--print-env] [--ready-file FILE]

It prints `listening 127.0.0.1 PORT` on its first line of standard output once it serves.
`--fail 'iam/v2/policies/.*/folders/2001/=403'` makes every request whose `API/PATH` (the
path decoded, `iam/v2/policies/cloudresourcemanager.googleapis.com/folders/2001/denypolicies`)
matches the regular expression answer with that status (403 PERMISSION_DENIED, 404
NOT_FOUND, or `disabled`: 403 SERVICE_DISABLED); `POST /__fake__/fail` with a JSON body
`{"match": REGEX, "status": 403}` adds one at run time and `POST /__fake__/reset` clears
them. `--print-env` prints the environment gcloud needs, one `NAME=VALUE` a line, after the
first line, and then an empty line; `--ready-file FILE` writes the same lines to FILE once
the fake serves (for callers that cannot read a pipe line by line).
"""

import base64
import hashlib
import http.server
import ipaddress
import json
import os
import re
import signal
import socketserver
import sys
import threading
import urllib.parse

FAKE_DOMAIN = "gwlog-fake.test"
APIS = [
    "apigateway", "run", "cloudfunctions", "appengine", "iap", "cloudresourcemanager", "iam",
    "cloudidentity", "orgpolicy", "cloudasset",
]
LOOPBACK_BINDS = {"127.0.0.1", "::1", "localhost"}


def gcloud_environment(port):
    """The environment variables that point gcloud at a fake on `port`."""
    env = {
        "CLOUDSDK_AUTH_ACCESS_TOKEN": "fake",
        "CLOUDSDK_CORE_DISABLE_PROMPTS": "1",
        "CLOUDSDK_CORE_CHECK_GCE_METADATA": "false",
        "CLOUDSDK_CORE_DISABLE_USAGE_REPORTING": "1",
        "CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK": "1",
        "CLOUDSDK_PROXY_TYPE": "http",
        "CLOUDSDK_PROXY_ADDRESS": "127.0.0.1",
        "CLOUDSDK_PROXY_PORT": str(port),
    }
    for api in APIS:
        env["CLOUDSDK_API_ENDPOINT_OVERRIDES_" + api.upper()] = (
            "http://%s.%s:%d/" % (api, FAKE_DOMAIN, port))
    return env


class HttpError(Exception):
    """An error response in the shape Google APIs use."""

    STATUS_NAMES = {400: "INVALID_ARGUMENT", 403: "PERMISSION_DENIED", 404: "NOT_FOUND",
                    409: "ALREADY_EXISTS", 500: "INTERNAL"}

    def __init__(self, code, message, status=None, reason=None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status or self.STATUS_NAMES.get(code, "UNKNOWN")
        self.reason = reason

    def body(self):
        error = {"code": self.code, "message": self.message, "status": self.status}
        if self.reason:
            error["details"] = [{
                "@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": self.reason,
                "domain": "googleapis.com"}]
        return {"error": error}


def not_found(what):
    raise HttpError(404, "%s not found." % what)


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def strip_qualifiers(argument):
    """`orders-api--region=R--project=P` -> ("orders-api", R, P)."""
    region = project = None
    while True:
        m = re.search(r"--(region|project)=([^-]+(?:-[^-]+)*?)$", argument)
        if not m:
            break
        if m.group(1) == "region":
            region = m.group(2)
        else:
            project = m.group(2)
        argument = argument[:m.start()]
    return argument, region, project


V2_INGRESS = {
    "INGRESS_TRAFFIC_ALL": "all", "INGRESS_TRAFFIC_INTERNAL_ONLY": "internal",
    "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER": "internal-and-cloud-load-balancing",
    "INGRESS_TRAFFIC_NONE": "none",
}
FUNCTION_INGRESS = {
    "ALLOW_ALL": "all", "ALLOW_INTERNAL_ONLY": "internal",
    "ALLOW_INTERNAL_AND_GCLB": "internal-and-cloud-load-balancing",
}


class Snapshot:
    """What the folder describes, indexed the way the REST calls look it up."""

    def __init__(self, folder):
        self.projects = {}          # project ID -> describe
        self.numbers = {}           # number -> project ID
        self.folders = {}           # folder ID -> describe
        self.organizations = {}     # org ID -> describe
        self.policies = {}          # "projects/ID" | "folders/F" | "organizations/O" -> policy
        self.gateways = {}          # (project ID, location, name) -> describe
        self.apis = {}              # (project ID, api) -> describe
        self.configs = {}           # (project ID, api, config) -> describe
        self.knative = {}           # (project ID, region, name) -> Knative v1 service
        self.service_policies = {}  # (project ID, region, name) -> policy
        self.functions = {}         # (project ID, region, name) -> describe (v1 or v2 shape)
        self.function_policies = {}  # (project ID, region, name) -> policy
        self.apps = {}              # app ID -> describe
        self.iap_policies = {}      # app ID -> policy
        self.groups = {}            # email -> memberships
        self.deny_listings = {}     # "projects/ID" | ... -> list of policies (no rules)
        self.deny_policies = {}     # ("projects/ID", policy ID) -> policy
        self.accounts = {}          # email -> describe
        self.org_policies = {}      # ("projects/ID" | ..., constraint) -> policy
        self.tags = {}              # full resource name -> effective tags
        self.files = sorted(f for f in os.listdir(folder) if f.endswith(".json"))
        documents = [(name, load_json(os.path.join(folder, name))) for name in self.files]
        # Projects first: everything else may name a project by number.
        for name, doc in documents:
            for item in doc if isinstance(doc, list) else [doc]:
                if isinstance(item, dict) and "projectId" in item and "projectNumber" in item:
                    self.projects[item["projectId"]] = item
                    self.numbers[str(item["projectNumber"])] = item["projectId"]
        pending_policies = []
        for name, doc in documents:
            if self.named_input(name, doc, pending_policies):
                continue
            for item in doc if isinstance(doc, list) else [doc]:
                if isinstance(item, dict):
                    self.add(item)
        for name, doc in pending_policies:
            self.add_resource_policy(name, doc)

    # ---- names ---------------------------------------------------------------------------
    def project_id(self, project):
        """A project named by ID or number -> its ID."""
        project = str(project)
        return self.numbers.get(project, project)

    def project_number(self, project):
        described = self.projects.get(self.project_id(project))
        return str(described["projectNumber"]) if described else project

    def node(self, kind, ident):
        """("projects", "200000000001") -> "projects/shop-backend"."""
        if kind == "projects":
            return "projects/" + self.project_id(ident)
        return kind + "/" + ident

    # ---- loading -------------------------------------------------------------------------
    def named_input(self, name, doc, pending):
        """Files whose name says what they are (docs/file-naming.md); True when consumed."""
        base = name[:-len(".json")]
        prefixes = [
            ("resource-manager-folders-get-iam-policy-", "folders/"),
            ("folders-get-iam-policy-", "folders/"),
            ("organizations-get-iam-policy-", "organizations/"),
            ("projects-get-iam-policy-", "projects/"),
        ]
        for prefix, node in prefixes:
            if base.startswith(prefix) and isinstance(doc, dict):
                ident = base[len(prefix):]
                key = self.node("projects", ident) if node == "projects/" else node + ident
                self.policies[key] = doc
                return True
        if base.startswith("run-services-get-iam-policy-") or base.startswith(
                "functions-get-iam-policy-"):
            pending.append((base, doc))
            return True
        if base.startswith("iap-web-get-iam-policy-app-engine-"):
            self.iap_policies[base[len("iap-web-get-iam-policy-app-engine-"):]] = doc
            return True
        if base.startswith("identity-groups-memberships-list-"):
            email = base[len("identity-groups-memberships-list-"):].lower()
            self.groups[email] = doc.get("memberships", []) if isinstance(doc, dict) else doc
            return True
        if base.startswith("iam-policies-list-denypolicies-"):
            kind, _, ident = base[len("iam-policies-list-denypolicies-"):].partition("-")
            self.deny_listings[self.node(kind, ident)] = doc
            for policy in doc:
                self.add(policy)
            return True
        if base.startswith("resource-manager-tags-bindings-list-effective-"):
            pending.append((base, doc))
            return True
        return False

    def add(self, item):
        name = item.get("name", "")
        if not isinstance(name, str):
            return
        if item.get("kind") == "DenyPolicy" or "/denypolicies/" in name:
            if "rules" in item:
                point, _, ident = name[len("policies/"):].partition("/denypolicies/")
                kind_ident = urllib.parse.unquote(point).split("/")[-2:]
                self.deny_policies[(self.node(*kind_ident), ident)] = item
            return
        if str(item.get("apiVersion", "")).startswith("serving.knative.dev") and \
                item.get("kind") == "Service":
            metadata = item.get("metadata", {})
            region = metadata.get("labels", {}).get("cloud.googleapis.com/location", "")
            key = (self.project_id(metadata.get("namespace", "")), region, metadata.get("name"))
            self.knative[key] = item
            return
        if "projectId" in item and "projectNumber" in item:
            return
        if "/functions/" in name:
            parts = name.split("/")
            self.functions[(self.project_id(parts[1]), parts[3], parts[5])] = item
            return
        if "/services/" in name and name.startswith("projects/") and (
                "uri" in item or "ingress" in item or "template" in item):
            parts = name.split("/")
            key = (self.project_id(parts[1]), parts[3], parts[5])
            self.knative[key] = self.knative_from_v2(item, key)
            return
        if name.startswith("apps/") and "/services/" not in name:
            self.apps[name[len("apps/"):]] = item
            return
        if "/gateways/" in name and "apiConfig" in item:
            parts = name.split("/")
            self.gateways[(self.project_id(parts[1]), parts[3], parts[5])] = item
            return
        if "/apis/" in name and "/configs/" in name:
            parts = name.split("/")
            self.configs[(self.project_id(parts[1]), parts[5], parts[7])] = item
            return
        if "/apis/" in name and name.startswith("projects/"):
            parts = name.split("/")
            self.apis[(self.project_id(parts[1]), parts[5])] = item
            return
        if "email" in item and ("uniqueId" in item or "/serviceAccounts/" in name):
            self.accounts[item["email"].lower()] = item
            return
        if name.startswith("folders/") and ("parent" in item or "displayName" in item):
            self.folders[name[len("folders/"):]] = item
            return
        if name.startswith("organizations/") and ("owner" in item or "displayName" in item):
            self.organizations[name[len("organizations/"):]] = item
            return
        if "/policies/" in name and ("spec" in item or "dryRunSpec" in item):
            node, _, constraint = name.partition("/policies/")
            kind, _, ident = node.partition("/")
            self.org_policies[(self.node(kind, ident), constraint)] = item

    def add_resource_policy(self, base, doc):
        """A service, function or tags file named by a short name (resolved like gwlog)."""
        if base.startswith("resource-manager-tags-bindings-list-effective-"):
            short, region, project = strip_qualifiers(
                base[len("resource-manager-tags-bindings-list-effective-"):])
            for (p, r, s) in list(self.knative) + list(self.functions):
                if s == short and region in (None, r) and project in (None, p):
                    kind = "functions" if (p, r, s) in self.functions else "services"
                    host = "cloudfunctions" if kind == "functions" else "run"
                    self.tags["//%s.googleapis.com/projects/%s/locations/%s/%s/%s" % (
                        host, p, r, kind, s)] = doc
            if short in self.projects:
                self.tags["//cloudresourcemanager.googleapis.com/projects/" + short] = doc
            return
        if base.startswith("functions-get-iam-policy-"):
            short, region, project = strip_qualifiers(base[len("functions-get-iam-policy-"):])
            table, candidates = self.function_policies, self.functions
        else:
            short, region, project = strip_qualifiers(base[len("run-services-get-iam-policy-"):])
            table, candidates = self.service_policies, self.all_services()
        for (p, r, s) in candidates:
            if s == short and region in (None, r) and project in (None, self.project_id(p)):
                table[(p, r, s)] = doc

    def all_services(self):
        """Every Cloud Run service, those under 2nd gen functions too."""
        services = dict(self.knative)
        for key, function in self.functions.items():
            service = function.get("serviceConfig", {}).get("service")
            if function.get("environment") == "GEN_2" and service:
                parts = service.split("/")
                skey = (self.project_id(parts[1]), parts[3], parts[5])
                services.setdefault(skey, self.knative_from_function(function, skey))
        return services

    # ---- derived shapes ------------------------------------------------------------------
    def knative_from_v2(self, service, key):
        """The Knative v1 view of an Admin API v2 service (what `run services describe`
        prints for it)."""
        project, region, name = key
        annotations = {
            "run.googleapis.com/ingress": V2_INGRESS.get(service.get("ingress", ""), "all"),
            "run.googleapis.com/ingress-status": V2_INGRESS.get(service.get("ingress", ""),
                                                                "all"),
        }
        if service.get("invokerIamDisabled"):
            annotations["run.googleapis.com/invoker-iam-disabled"] = "true"
        if service.get("defaultUriDisabled"):
            annotations["run.googleapis.com/default-url-disabled"] = "true"
        if service.get("customAudiences"):
            annotations["run.googleapis.com/custom-audiences"] = json.dumps(
                service["customAudiences"], separators=(",", ":"))
        if service.get("urls"):
            annotations["run.googleapis.com/urls"] = json.dumps(
                service["urls"], separators=(",", ":"))
        template = service.get("template", {})
        spec = {"containers": template.get("containers", [])}
        if template.get("serviceAccount"):
            spec["serviceAccountName"] = template["serviceAccount"]
        return self.knative_service(project, region, name, annotations, spec,
                                    service.get("uri"), {}, service.get("createTime"))

    def knative_from_function(self, function, key):
        """The Cloud Run service under a 2nd gen function, as `run services describe`
        prints it."""
        project, region, name = key
        config = function.get("serviceConfig", {})
        ingress = FUNCTION_INGRESS.get(config.get("ingressSettings", ""), "all")
        annotations = {"run.googleapis.com/ingress": ingress,
                       "run.googleapis.com/ingress-status": ingress}
        urls = [u for u in [config.get("uri")] if u]
        if urls:
            annotations["run.googleapis.com/urls"] = json.dumps(urls, separators=(",", ":"))
        spec = {"containers": [{"image": "gcf/" + name}]}
        if config.get("serviceAccountEmail"):
            spec["serviceAccountName"] = config["serviceAccountEmail"]
        labels = {"goog-managed-by": "cloudfunctions"}
        return self.knative_service(project, region, name, annotations, spec, config.get("uri"),
                                    labels, function.get("createTime"))

    def knative_service(self, project, region, name, annotations, spec, url, labels, created):
        labels = dict(labels)
        labels["cloud.googleapis.com/location"] = region
        metadata = {
            "annotations": annotations, "labels": labels, "name": name,
            "namespace": self.project_number(project),
            "selfLink": "/apis/serving.knative.dev/v1/namespaces/%s/services/%s" % (
                self.project_number(project), name),
        }
        if created:
            metadata["creationTimestamp"] = created
        status = {"conditions": [{"status": "True", "type": "Ready"}]}
        if url:
            status["url"] = url
            status["address"] = {"url": url}
        return {
            "apiVersion": "serving.knative.dev/v1", "kind": "Service", "metadata": metadata,
            "spec": {"template": {"spec": spec},
                     "traffic": [{"latestRevision": True, "percent": 100}]},
            "status": status,
        }

    def function_v2(self, key):
        """The v2 API's view of a function: the file itself for 2nd gen, a short record
        with `environment: GEN_1` for a 1st gen function (gcloud then asks the v1 API)."""
        function = self.functions[key]
        if function.get("environment"):
            return function
        stub = {"name": function["name"], "environment": "GEN_1",
                "state": function.get("status", "ACTIVE")}
        url = function.get("httpsTrigger", {}).get("url")
        if url:
            stub["url"] = url
        return stub

    def ancestry(self, project_id):
        """`projects.getAncestry`: the project, then its folders, then the organization."""
        chain = [{"resourceId": {"type": "project", "id": project_id}}]
        parent = self.projects[project_id].get("parent")
        seen = set()
        while parent and (parent.get("type"), parent.get("id")) not in seen:
            seen.add((parent.get("type"), parent.get("id")))
            chain.append({"resourceId": {"type": parent["type"], "id": parent["id"]}})
            if parent["type"] == "folder" and parent["id"] in self.folders:
                kind, _, ident = self.folders[parent["id"]].get("parent", "").partition("/")
                parent = {"type": kind[:-1], "id": ident} if ident else None
            else:
                parent = None
        return {"ancestor": chain}

    def parent_node(self, node):
        kind, _, ident = node.partition("/")
        if kind == "projects" and ident in self.projects:
            parent = self.projects[ident].get("parent", {})
            return "%ss/%s" % (parent.get("type"), parent.get("id")) if parent else None
        if kind == "folders" and ident in self.folders:
            return self.folders[ident].get("parent")
        return None

    def search_results(self):
        """`searchAllIamPolicies` over every allow policy with bindings."""
        results = []

        def add(resource, project, policy):
            if policy.get("bindings"):
                entry = {"resource": resource, "policy": {"bindings": policy["bindings"]}}
                if project:
                    entry["project"] = "projects/" + self.project_number(project)
                results.append(entry)

        for node, policy in sorted(self.policies.items()):
            kind, _, ident = node.partition("/")
            add("//cloudresourcemanager.googleapis.com/" + (
                "projects/" + ident if kind == "projects" else node),
                ident if kind == "projects" else None, policy)
        for (p, r, s), policy in sorted(self.service_policies.items()):
            add("//run.googleapis.com/projects/%s/locations/%s/services/%s" % (p, r, s), p,
                policy)
        for (p, r, f), policy in sorted(self.function_policies.items()):
            add("//cloudfunctions.googleapis.com/projects/%s/locations/%s/functions/%s" % (
                p, r, f), p, policy)
        return results


    # ---- Cloud Asset records ---------------------------------------------------------------
    def ancestors(self, node):
        """Cloud Asset's `ancestors` of a node: itself, then its parents, numeric, nearest
        first."""
        out, at = [], node
        while at and at not in out and len(out) < 32:
            kind, _, ident = at.partition("/")
            out.append("projects/" + self.project_number(ident) if kind == "projects" else at)
            at = self.parent_node("projects/" + self.project_id(ident) if kind == "projects"
                                  else at)
        return out

    def asset_records(self):
        """Every record `assets.list` serves, as (content type, record): the resources the
        folder describes and their allow policies, named and typed as Cloud Asset does.
        API configs leave out their OpenAPI documents, so that a collection must read their
        full view (docs/collect.md#the-scope-route)."""
        crm = "cloudresourcemanager.googleapis.com"
        records = []

        def resource(full, asset_type, node, data, version="v1", location=None):
            res = {"version": version, "discoveryName": asset_type.split("/")[1],
                   "discoveryDocumentUri": "https://%s/$discovery/rest" % full[2:].split("/")[0],
                   "data": data}
            if location:
                res["location"] = location
            records.append(("RESOURCE", {
                "name": full, "assetType": asset_type, "resource": res,
                "ancestors": self.ancestors(node), "updateTime": "2026-11-20T00:00:00Z"}))

        def policy(full, asset_type, node, body):
            records.append(("IAM_POLICY", {
                "name": full, "assetType": asset_type, "iamPolicy": body,
                "ancestors": self.ancestors(node), "updateTime": "2026-11-20T00:00:00Z"}))

        for ident, org in sorted(self.organizations.items()):
            resource("//%s/organizations/%s" % (crm, ident), crm + "/Organization",
                     "organizations/" + ident, org)
        for ident, folder in sorted(self.folders.items()):
            resource("//%s/folders/%s" % (crm, ident), crm + "/Folder", "folders/" + ident,
                     folder, version="v3")
        for ident, project in sorted(self.projects.items()):
            resource("//%s/projects/%s" % (crm, project["projectNumber"]), crm + "/Project",
                     "projects/" + ident, project)
        for node, body in sorted(self.policies.items()):
            kind, _, ident = node.partition("/")
            full = "//%s/%s/%s" % (crm, kind, self.project_number(ident) if kind == "projects"
                                   else ident)
            asset_type = crm + "/" + {"projects": "Project", "folders": "Folder",
                                      "organizations": "Organization"}[kind]
            policy(full, asset_type, node, body)
        for (p, r, name), service in sorted(self.knative.items()):
            resource("//run.googleapis.com/projects/%s/locations/%s/services/%s" % (p, r, name),
                     "run.googleapis.com/Service", "projects/" + p, service, location=r)
        for (p, r, name), body in sorted(self.service_policies.items()):
            policy("//run.googleapis.com/projects/%s/locations/%s/services/%s" % (p, r, name),
                   "run.googleapis.com/Service", "projects/" + p, body)
        for (p, r, name), function in sorted(self.functions.items()):
            v2 = bool(function.get("environment"))
            asset_type = "cloudfunctions.googleapis.com/" + ("Function" if v2 else "CloudFunction")
            full = "//cloudfunctions.googleapis.com/projects/%s/locations/%s/functions/%s" % (
                p, r, name)
            resource(full, asset_type, "projects/" + p, function, "v2" if v2 else "v1", r)
            if (p, r, name) in self.function_policies:
                policy(full, asset_type, "projects/" + p, self.function_policies[(p, r, name)])
        for app, body in sorted(self.apps.items()):
            resource("//appengine.googleapis.com/apps/" + app, "appengine.googleapis.com/Application",
                     "projects/" + self.project_id(app), body)
        for app, body in sorted(self.iap_policies.items()):
            policy("//iap.googleapis.com/projects/%s/iap_web/appengine-%s" % (
                self.project_number(app), app), "iap.googleapis.com/WebType",
                "projects/" + self.project_id(app), body)
        for (p, loc, name), gateway in sorted(self.gateways.items()):
            resource("//apigateway.googleapis.com/projects/%s/locations/%s/gateways/%s" % (
                p, loc, name), "apigateway.googleapis.com/Gateway", "projects/" + p, gateway,
                location=loc)
        for (p, api), body in sorted(self.apis.items()):
            resource("//apigateway.googleapis.com/projects/%s/locations/global/apis/%s" % (
                p, api), "apigateway.googleapis.com/Api", "projects/" + p, body,
                location="global")
        for (p, api, config), body in sorted(self.configs.items()):
            data = {k: v for k, v in body.items() if k != "openapiDocuments"}
            resource("//apigateway.googleapis.com/projects/%s/locations/global/apis/%s/configs/%s"
                     % (p, api, config), "apigateway.googleapis.com/ApiConfig", "projects/" + p,
                     data, location="global")
        for (node, constraint), body in sorted(self.org_policies.items()):
            resource("//orgpolicy.googleapis.com/" + body.get("name", ""),
                     "orgpolicy.googleapis.com/Policy", node, body, version="v2")
        for email, account in sorted(self.accounts.items()):
            project = account.get("projectId") or account.get("name", "").split("/")[1]
            resource("//iam.googleapis.com/projects/%s/serviceAccounts/%s" % (project, email),
                     "iam.googleapis.com/ServiceAccount", "projects/" + self.project_id(project),
                     account)
        return records


class Router:
    """Maps one request (API, method, path, query) to a response body."""

    def __init__(self, snapshot):
        self.s = snapshot
        self.asset_records = snapshot.asset_records()
        self.group_ids = {}
        for email in sorted(snapshot.groups):
            self.group_ids["g" + hashlib.sha1(email.encode()).hexdigest()[:12]] = email

    def group_id(self, email):
        for ident, known in self.group_ids.items():
            if known == email:
                return ident
        return None

    def route(self, api, method, path, query):
        s = self.s
        parts = [urllib.parse.unquote(p) for p in path.strip("/").split("/")]
        handler = getattr(self, "api_" + api, None)
        if handler is None:
            raise HttpError(404, "the fake serves no API `%s`" % api)
        return handler(method, parts, query, path)

    # ---- API Gateway ---------------------------------------------------------------------
    def api_apigateway(self, method, parts, query, path):
        s = self.s
        if len(parts) >= 5 and parts[0] == "v1" and parts[1] == "projects":
            project = s.project_id(parts[2])
            if len(parts) == 6 and parts[5] == "gateways" and method == "GET":
                items = [g for (p, loc, _), g in sorted(s.gateways.items())
                         if p == project and parts[4] in ("-", loc)]
                return {"gateways": items}
            if len(parts) == 7 and parts[5] == "gateways":
                g = s.gateways.get((project, parts[4], parts[6]))
                return g if g else not_found("Resource '%s'" % "/".join(parts[1:]))
            if len(parts) == 9 and parts[5] == "apis" and parts[7] == "configs":
                c = s.configs.get((project, parts[6], parts[8]))
                if not c:
                    not_found("Resource '%s'" % "/".join(parts[1:]))
                if query.get("view", ["BASIC"])[0] != "FULL":
                    c = {k: v for k, v in c.items() if k != "openapiDocuments"}
                return c
            if len(parts) == 7 and parts[5] == "apis":
                a = s.apis.get((project, parts[6]))
                return a if a else not_found("Resource '%s'" % "/".join(parts[1:]))
        raise HttpError(404, "unknown API Gateway call %s" % path)

    # ---- Cloud Run -----------------------------------------------------------------------
    def api_run(self, method, parts, query, path, region=None):
        s = self.s
        services = s.all_services()
        if parts[:3] == ["apis", "serving.knative.dev", "v1"] and len(parts) >= 6:
            project = s.project_id(parts[4])
            if len(parts) == 6 and parts[5] == "services":
                items = [v for (p, r, _), v in sorted(services.items())
                         if p == project and r == region]
                return {"apiVersion": "serving.knative.dev/v1", "kind": "ServiceList",
                        "items": items, "metadata": {}}
            if len(parts) == 7 and parts[5] == "services":
                service = services.get((project, region, parts[6]))
                if not service:
                    not_found("Service [%s]" % parts[6])
                return service
            if len(parts) == 6 and parts[5] == "domainmappings":
                return {"apiVersion": "domains.cloudrun.com/v1", "kind": "DomainMappingList",
                        "items": [], "metadata": {}}
        if len(parts) >= 6 and parts[0] == "v1" and parts[1] == "projects":
            project = s.project_id(parts[2])
            if len(parts) == 6 and parts[5] == "services" and method == "GET":
                items = [v for (p, r, _), v in sorted(services.items())
                         if p == project and parts[4] in ("-", r)]
                return {"apiVersion": "serving.knative.dev/v1", "kind": "ServiceList",
                        "items": items, "metadata": {}}
            if len(parts) == 7 and parts[6].endswith(":getIamPolicy"):
                key = (project, parts[4], parts[6][:-len(":getIamPolicy")])
                if key not in services:
                    not_found("Resource '%s'" % "/".join(parts[1:]))
                return s.service_policies.get(key, {"etag": "ACAB"})
            if len(parts) == 7 and parts[5] == "services":
                service = services.get((project, parts[4], parts[6]))
                return service if service else not_found("Service [%s]" % parts[6])
        raise HttpError(404, "unknown Cloud Run call %s" % path)

    # ---- Cloud Functions -----------------------------------------------------------------
    def api_cloudfunctions(self, method, parts, query, path):
        s = self.s
        if len(parts) >= 6 and parts[0] in ("v1", "v2") and parts[1] == "projects":
            version, project, region = parts[0], s.project_id(parts[2]), parts[4]
            if len(parts) == 6 and parts[5] == "functions":
                keys = [k for k in sorted(s.functions)
                        if k[0] == project and region in ("-", k[1])]
                if version == "v2":
                    return {"functions": [s.function_v2(k) for k in keys]}
                return {"functions": [s.functions[k] for k in keys
                                      if not s.functions[k].get("environment")]}
            name = parts[6]
            policy = name.endswith(":getIamPolicy")
            if policy:
                name = name[:-len(":getIamPolicy")]
            key = (project, region, name)
            if key not in s.functions:
                not_found("Resource '%s'" % "/".join(parts[1:7]))
            gen2 = bool(s.functions[key].get("environment") == "GEN_2")
            if version == "v1" and gen2 or version == "v2" and not gen2 and policy:
                raise HttpError(404, "Function %s does not exist in the %s API" % (
                    name, version))
            if policy:
                return s.function_policies.get(key, {"etag": "ACAB", "version": 1})
            return s.function_v2(key) if version == "v2" else s.functions[key]
        raise HttpError(404, "unknown Cloud Functions call %s" % path)

    # ---- App Engine and IAP --------------------------------------------------------------
    def api_appengine(self, method, parts, query, path):
        s = self.s
        if len(parts) == 3 and parts[:2] == ["v1", "apps"]:
            app = s.apps.get(parts[2])
            return app if app else not_found("App does not exist.")
        if len(parts) == 4 and parts[:2] == ["v1", "apps"] and parts[3] == "services":
            return {"services": []}
        raise HttpError(404, "unknown App Engine call %s" % path)

    def api_iap(self, method, parts, query, path):
        s = self.s
        if len(parts) == 5 and parts[:2] == ["v1", "projects"] and parts[3] == "iap_web" and \
                parts[4].startswith("appengine-") and parts[4].endswith(":getIamPolicy"):
            app = parts[4][len("appengine-"):-len(":getIamPolicy")]
            if app not in s.apps:
                not_found("App Engine app %s" % app)
            return s.iap_policies.get(app, {"etag": "ACAB"})
        if len(parts) == 3 and parts[:2] == ["v1", "projects"] and parts[2].endswith(
                ":getIamPolicy"):
            return {"etag": "ACAB"}
        raise HttpError(404, "unknown IAP call %s" % path)

    # ---- Resource Manager ----------------------------------------------------------------
    def api_cloudresourcemanager(self, method, parts, query, path):
        s = self.s
        version = parts[0]
        if version == "v3" and parts[1:] == ["effectiveTags"]:
            parent = query.get("parent", [""])[0]
            return {"effectiveTags": s.tags.get(parent, [])}
        if len(parts) == 2 and parts[1] == "organizations:search":
            return {"organizations": [o for _, o in sorted(s.organizations.items())]}
        if len(parts) != 3:
            raise HttpError(404, "unknown Resource Manager call %s" % path)
        kind, ident = parts[1], parts[2]
        verb = None
        if ":" in ident:
            ident, verb = ident.split(":", 1)
        if kind == "projects":
            project = s.project_id(ident)
            if project not in s.projects:
                not_found("Project %s" % ident)
            node = "projects/" + project
            if verb is None:
                return s.projects[project]
            if verb == "getAncestry":
                return s.ancestry(project)
        elif kind == "folders":
            if ident not in s.folders:
                not_found("Folder %s" % ident)
            node = "folders/" + ident
            if verb is None:
                return s.folders[ident]
        elif kind == "organizations":
            if ident not in s.organizations:
                not_found("Organization %s" % ident)
            node = "organizations/" + ident
            if verb is None:
                return s.organizations[ident]
        else:
            raise HttpError(404, "unknown Resource Manager call %s" % path)
        if verb == "getIamPolicy":
            return s.policies.get(node, {"etag": "ACAB", "version": 1})
        raise HttpError(404, "unknown Resource Manager call %s" % path)

    # ---- IAM -----------------------------------------------------------------------------
    def api_iam(self, method, parts, query, path):
        s = self.s
        if parts[:2] == ["v1", "projects"] and len(parts) == 5 and parts[3] == "serviceAccounts":
            account = s.accounts.get(parts[4].lower())
            if not account:
                not_found("Service account projects/%s/serviceAccounts/%s" % (parts[2],
                                                                               parts[4]))
            return account
        if parts[:2] == ["v2", "policies"] and len(parts) >= 4 and parts[3] == "denypolicies":
            point = parts[2]
            while "%" in point:  # gcloud sends the attachment point encoded twice
                point = urllib.parse.unquote(point)
            segments = point.split("/")
            if len(segments) < 3 or segments[0] != "cloudresourcemanager.googleapis.com":
                raise HttpError(400, "invalid attachment point %s" % point)
            node = s.node(segments[1], segments[2])
            if node not in s.deny_listings and not self.node_exists(node):
                not_found("Attachment point %s" % point)
            if len(parts) == 4:
                listing = s.deny_listings.get(node, [])
                return {"policies": listing} if listing else {}
            policy = s.deny_policies.get((node, parts[4]))
            return policy if policy else not_found("Policy %s" % parts[4])
        raise HttpError(404, "unknown IAM call %s" % "/".join(parts))

    def node_exists(self, node):
        kind, _, ident = node.partition("/")
        table = {"projects": self.s.projects, "folders": self.s.folders,
                 "organizations": self.s.organizations}.get(kind, {})
        return ident in table

    # ---- Cloud Identity ------------------------------------------------------------------
    def api_cloudidentity(self, method, parts, query, path):
        s = self.s
        if parts == ["v1", "groups:lookup"]:
            email = query.get("groupKey.id", [""])[0].lower()
            ident = self.group_id(email)
            if not ident:
                raise HttpError(403, "Error(2028): Permission denied for resource %s (or it may "
                                "not exist)." % email)
            return {"name": "groups/" + ident}
        if len(parts) == 4 and parts[:2] == ["v1", "groups"] and parts[3] == "memberships":
            email = self.group_ids.get(parts[2])
            if email is None:
                not_found("Group groups/%s" % parts[2])
            return {"memberships": s.groups[email]}
        raise HttpError(404, "unknown Cloud Identity call %s" % path)

    # ---- Organization Policy -------------------------------------------------------------
    def api_orgpolicy(self, method, parts, query, path):
        s = self.s
        if len(parts) >= 4 and parts[0] == "v2" and parts[3] == "policies":
            node = s.node(parts[1], parts[2])
            if not self.node_exists(node):
                not_found("Resource %s" % node)
            if len(parts) == 4:
                items = [p for (n, _), p in sorted(s.org_policies.items()) if n == node]
                return {"policies": items} if items else {}
            constraint = parts[4]
            if constraint.endswith(":getEffectivePolicy"):
                constraint = constraint[:-len(":getEffectivePolicy")]
                at = node
                while at and (at, constraint) not in s.org_policies:
                    at = s.parent_node(at)
                found = dict(s.org_policies[(at, constraint)]) if at else {}
                found["name"] = "%s/%s/policies/%s" % (parts[1], parts[2], constraint)
                return found
            policy = s.org_policies.get((node, constraint))
            return policy if policy else not_found("Policy %s/policies/%s" % (node,
                                                                              constraint))
        raise HttpError(404, "unknown Organization Policy call %s" % path)

    # ---- Cloud Asset ---------------------------------------------------------------------
    def api_cloudasset(self, method, parts, query, path):
        if len(parts) == 3 and parts[0] == "v1" and parts[2].endswith(":searchAllIamPolicies"):
            return {"results": self.s.search_results()}
        if len(parts) == 4 and parts[0] == "v1" and parts[3] == "assets" and method == "GET":
            # `assets.list` of one scope, one page: the records whose ancestors hold it.
            kind, ident = parts[1], parts[2]
            if kind == "projects":
                ident = self.s.project_number(ident)
            scope = "%s/%s" % (kind, ident)
            if query.get("pageToken"):
                raise HttpError(400, "the fake serves one page only")
            content = query.get("contentType", [""])[0]
            types = set(query.get("assetTypes", []))
            assets = [r for c, r in self.asset_records
                      if c == content and scope in r["ancestors"] and
                      (not types or r["assetType"] in types)]
            return {"assets": assets, "readTime": "2026-11-20T00:00:00Z"} if assets else {
                "readTime": "2026-11-20T00:00:00Z"}
        raise HttpError(404, "unknown Cloud Asset call %s" % path)


class Failures:
    """Requests to answer with an error instead: (compiled pattern, status) pairs."""

    def __init__(self):
        self.lock = threading.Lock()
        self.rules = []

    def add(self, pattern, status):
        with self.lock:
            self.rules.append((re.compile(pattern), str(status)))

    def reset(self):
        with self.lock:
            self.rules = []

    def match(self, target):
        with self.lock:
            for pattern, status in self.rules:
                if pattern.search(target):
                    return status
        return None

    @staticmethod
    def error(status, target):
        if status == "disabled":
            return HttpError(403, "API has not been used in this project before or it is "
                             "disabled. Enable it by visiting the API library, then retry.",
                             "PERMISSION_DENIED", "SERVICE_DISABLED")
        code = int(status)
        if code == 403:
            return HttpError(403, "The caller does not have permission")
        if code == 404:
            return HttpError(404, "Requested entity was not found.")
        return HttpError(code, "the fake was told to fail %s" % target)


def is_loopback(address):
    try:
        return ipaddress.ip_address(address.split("%")[0]).is_loopback
    except ValueError:
        return False


class Handler(http.server.BaseHTTPRequestHandler):
    """One connection: plain proxy requests, or requests inside a CONNECT tunnel."""

    protocol_version = "HTTP/1.1"
    tunnel_host = None

    def log_message(self, fmt, *args):  # quiet: the request log says what was asked
        pass

    def do_CONNECT(self):
        if not self.check_peer():
            return
        self.tunnel_host = self.path.split(":")[0]
        self.send_response(200, "Connection established")
        self.end_headers()
        self.wfile.flush()
        self.close_connection = False

    def do_GET(self):
        self.serve()

    def do_POST(self):
        self.serve()

    def do_PATCH(self):
        self.serve()

    def do_DELETE(self):
        self.serve()

    def check_peer(self):
        if not is_loopback(self.client_address[0]):
            self.send_error(403, "the fake answers loopback peers only")
            self.close_connection = True
            return False
        return True

    def serve(self):
        if not self.check_peer():
            return
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        url = urllib.parse.urlsplit(self.path)
        host = (url.hostname or self.tunnel_host or
                (self.headers.get("Host") or "").split(":")[0]).lower()
        path, query = url.path, urllib.parse.parse_qs(url.query)
        server = self.server
        if path.startswith("/__fake__/"):
            return self.control(path, body)
        api, region = self.api_of(host)
        decoded = path
        while "%" in decoded and urllib.parse.unquote(decoded) != decoded:
            decoded = urllib.parse.unquote(decoded)
        target = "%s%s" % (api, decoded)
        status, response = 200, None
        try:
            failure = server.failures.match(target)
            if failure:
                raise Failures.error(failure, target)
            if api is None:
                raise HttpError(404, "the fake serves no host `%s`" % host)
            if api == "run" and region:
                response = server.router.api_run(self.command, [
                    urllib.parse.unquote(p) for p in path.strip("/").split("/")], query, path,
                    region=region)
            else:
                response = server.router.route(api, self.command, path, query)
        except HttpError as error:
            status, response = error.code, error.body()
        except Exception as error:  # a bug of the fake: say so in the response
            status, response = 500, HttpError(500, "fake error: %r" % (error,)).body()
        server.record({"method": self.command, "host": host, "path": path,
                       "query": url.query, "status": status})
        data = json.dumps(response).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=UTF-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    @staticmethod
    def api_of(host):
        """`us-central1-run.gwlog-fake.test` -> ("run", "us-central1")."""
        if not host.endswith("." + FAKE_DOMAIN):
            return None, None
        label = host[:-len(FAKE_DOMAIN) - 1]
        if label in APIS:
            return label, None
        m = re.match(r"^([a-z]+-[a-z]+[0-9]+)-(.+)$", label)
        if m and m.group(2) in APIS:
            return m.group(2), m.group(1)
        return None, None

    def control(self, path, body):
        try:
            if path == "/__fake__/fail":
                spec = json.loads(body or b"{}")
                self.server.failures.add(spec["match"], spec.get("status", 403))
            elif path == "/__fake__/reset":
                self.server.failures.reset()
            elif path == "/__fake__/requests":
                pass
            else:
                raise KeyError(path)
            data = json.dumps({"ok": True, "requests": self.server.requests}).encode()
            status = 200
        except (KeyError, ValueError, re.error) as error:
            data = json.dumps({"error": repr(error)}).encode()
            status = 400
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class FakeServer(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, bind, port, snapshot, request_log=None):
        super().__init__((bind, port), Handler)
        self.router = Router(snapshot)
        self.failures = Failures()
        self.requests = []
        self.lock = threading.Lock()
        self.request_log = request_log

    def verify_request(self, request, client_address):
        return is_loopback(client_address[0])

    def record(self, entry):
        with self.lock:
            self.requests.append(entry)
            if self.request_log:
                with open(self.request_log, "a", encoding="utf-8") as f:
                    f.write(json.dumps(entry) + "\n")


def main(argv):
    import argparse
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--fail", action="append", default=[], metavar="REGEX=STATUS")
    parser.add_argument("--request-log")
    parser.add_argument("--print-env", action="store_true")
    parser.add_argument("--ready-file")
    args = parser.parse_args(argv)
    if args.bind not in LOOPBACK_BINDS and not is_loopback(args.bind):
        sys.stderr.write("fake_google_apis: refusing to bind `%s`: only loopback (127.0.0.1) "
                         "is allowed\n" % args.bind)
        return 2
    bind = "127.0.0.1" if args.bind == "localhost" else args.bind
    # A parent may start the fake with SIGTERM blocked (Foundation's Process on Linux passes
    # its signal mask on): unblock it, so that terminating the fake ends it.
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    snapshot = Snapshot(args.folder)
    server = FakeServer(bind, args.port, snapshot, args.request_log)
    for spec in args.fail:
        pattern, _, status = spec.rpartition("=")
        if not pattern:
            sys.stderr.write("fake_google_apis: `--fail %s` needs REGEX=STATUS\n" % spec)
            return 2
        server.failures.add(pattern, status)
    port = server.server_address[1]
    lines = ["listening %s %d" % (bind, port)]
    if args.print_env:
        lines += ["%s=%s" % item for item in sorted(gcloud_environment(port).items())] + [""]
    sys.stdout.write("\n".join(lines) + "\n")
    sys.stdout.flush()
    if args.ready_file:  # written whole, then renamed: a reader never sees half of it
        with open(args.ready_file + ".tmp", "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        os.replace(args.ready_file + ".tmp", args.ready_file)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
