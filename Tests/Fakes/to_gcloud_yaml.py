#!/usr/bin/env python3
"""Converts a folder of gcloud JSON outputs into the YAML gcloud prints for the same
results (`--format=yaml`, gcloud's default format), with gcloud's own printer.

Usage: to_gcloud_yaml.py SOURCE DEST [--sdk SDK_ROOT]

Each `NAME.json` of SOURCE becomes `NAME.yaml` in DEST: an object as one YAML document, a
list as one document per element, each after a `---` line, and an empty list as an empty
file, as gcloud prints a describe and a list. SDK_ROOT (default: found from `gcloud` on PATH)
is the Google Cloud CLI's installation, whose `lib` holds the printer.
"""

import io
import json
import os
import shutil
import sys


def sdk_root(explicit):
    if explicit:
        return explicit
    gcloud = shutil.which("gcloud")
    if not gcloud:
        raise SystemExit("to_gcloud_yaml: gcloud is not on PATH; pass --sdk SDK_ROOT")
    # bin/gcloud -> the SDK root (the Debian package links /usr/bin/gcloud into it)
    return os.path.dirname(os.path.dirname(os.path.realpath(gcloud)))


def main(argv):
    import argparse
    parser = argparse.ArgumentParser()
    parser.add_argument("source")
    parser.add_argument("dest")
    parser.add_argument("--sdk")
    args = parser.parse_args(argv)
    lib = os.path.join(sdk_root(args.sdk), "lib")
    sys.path[:0] = [lib, os.path.join(lib, "third_party")]
    from googlecloudsdk.core.resource import resource_printer  # noqa: E402

    os.makedirs(args.dest, exist_ok=True)
    for name in sorted(os.listdir(args.source)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(args.source, name), encoding="utf-8") as f:
            data = json.load(f)
        out = io.StringIO()
        if isinstance(data, list):
            resource_printer.Print(data, "yaml", out=out)
        else:
            resource_printer.Print(data, "yaml", out=out, single=True)
        with open(os.path.join(args.dest, name[:-len(".json")] + ".yaml"), "w",
                  encoding="utf-8") as f:
            f.write(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
