#!/usr/bin/env python
"""Apply model-registry edits with the REAL MLflow client (registry round-trip check).

    PY e2e/conformance/mlflow_edit.py STORE_PATH --ops ops.json

STORE_PATH is an `mlruns/` folder or an `mlflow.db` file. ops.json is a list of operations, the same
vocabulary run.ts turns into `rundesk registry <store> ...` commands:
    {"op": "transition", "name", "version", "stage", "archive_existing": bool}
    {"op": "alias_set", "name", "alias", "version"}      {"op": "alias_delete", "name", "alias"}
    {"op": "tag_set", "name", ["version"], "key", "value"} {"op": "tag_delete", "name", ["version"], "key"}
    {"op": "describe", "name", ["version"], "text"}
Prints a JSON line {"applied": N, "errors": [...]}; exit code 1 if any operation failed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings

os.environ.setdefault("MLFLOW_ALLOW_FILE_STORE", "true")
os.environ["MLFLOW_DISABLE_TELEMETRY"] = "true"
os.environ["DO_NOT_TRACK"] = "true"
os.environ["MLFLOW_LOGGING_LEVEL"] = "ERROR"
os.environ.pop("MLFLOW_TRACKING_URI", None)
os.environ.pop("MLFLOW_REGISTRY_URI", None)
warnings.filterwarnings("ignore")

from mlflow.tracking import MlflowClient  # noqa: E402


def apply(client: MlflowClient, op: dict) -> None:
    kind = op["op"]
    name = op["name"]
    version = op.get("version")
    if kind == "transition":
        client.transition_model_version_stage(name, str(version), op["stage"],
                                              archive_existing_versions=bool(op.get("archive_existing")))
    elif kind == "alias_set":
        client.set_registered_model_alias(name, op["alias"], str(version))
    elif kind == "alias_delete":
        client.delete_registered_model_alias(name, op["alias"])
    elif kind == "tag_set":
        if version is None:
            client.set_registered_model_tag(name, op["key"], op["value"])
        else:
            client.set_model_version_tag(name, str(version), op["key"], op["value"])
    elif kind == "tag_delete":
        if version is None:
            client.delete_registered_model_tag(name, op["key"])
        else:
            client.delete_model_version_tag(name, str(version), op["key"])
    elif kind == "describe":
        if version is None:
            client.update_registered_model(name, description=op["text"])
        else:
            client.update_model_version(name, str(version), description=op["text"])
    else:
        raise ValueError(f"unknown op {kind!r}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("store")
    ap.add_argument("--ops", required=True)
    args = ap.parse_args()
    path = os.path.abspath(args.store)
    uri = ("file:" + path) if os.path.isdir(path) else ("sqlite:///" + path)
    import mlflow

    mlflow.set_tracking_uri(uri)  # see mlflow_dump.py: the file registry store uses the global URI
    mlflow.set_registry_uri(uri)
    client = MlflowClient(tracking_uri=uri, registry_uri=uri)
    with open(args.ops, encoding="utf-8") as f:
        ops = json.load(f)
    errors = []
    applied = 0
    for op in ops:
        try:
            apply(client, op)
            applied += 1
        except Exception as e:  # noqa: BLE001
            errors.append({"op": op, "error": f"{type(e).__name__}: {e}"})
    print(json.dumps({"applied": applied, "errors": errors}, ensure_ascii=False))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
