"""What the real MLflow client reads from a registry, for RunDesk's round-trip tests.

Usage:
  python mlflow-registry.py dump <registry-uri>           print the registry as JSON
  python mlflow-registry.py create-sql <sqlite-path>      create a fresh SQL store with a small registry

Set MLFLOW_ALLOW_FILE_STORE=true for file stores (MLflow 3.13+ refuses them otherwise).
"""
import json
import sys
import warnings

warnings.filterwarnings("ignore")

from mlflow import MlflowClient  # noqa: E402


def dump(uri):
    client = MlflowClient(tracking_uri=uri, registry_uri=uri)
    models = []
    for rm in client.search_registered_models(max_results=1000):
        escaped = rm.name.replace("'", "\\'")
        versions = client.search_model_versions(f"name = '{escaped}'", max_results=10000)
        aliases = dict(rm.aliases or {})
        models.append({
            "name": rm.name,
            "description": rm.description or "",
            "creation_timestamp": rm.creation_timestamp,
            "last_updated_timestamp": rm.last_updated_timestamp,
            "tags": dict(rm.tags or {}),
            "aliases": {a: int(v) for a, v in aliases.items()},
            # Resolving each alias proves the alias files are well formed (no trailing newline).
            "alias_targets": {a: int(client.get_model_version_by_alias(rm.name, a).version) for a in aliases},
            "versions": sorted(
                [{
                    "version": int(mv.version),
                    "current_stage": mv.current_stage,
                    "description": mv.description or "",
                    "last_updated_timestamp": mv.last_updated_timestamp,
                    "tags": dict(mv.tags or {}),
                    "aliases": sorted(mv.aliases or []),
                } for mv in versions],
                key=lambda v: v["version"],
            ),
        })
    models.sort(key=lambda m: m["name"])
    print(json.dumps({"models": models}))


def create_sql(path):
    uri = f"sqlite:///{path}"
    client = MlflowClient(tracking_uri=uri, registry_uri=uri)
    client.create_registered_model("churn", description="first")
    for _ in range(3):
        client.create_model_version("churn", source="/tmp/nowhere/model", run_id=None)
    client.transition_model_version_stage("churn", "1", "Production")
    client.transition_model_version_stage("churn", "2", "Staging")
    client.set_registered_model_alias("churn", "champion", "1")
    client.set_model_version_tag("churn", "1", "validated", "yes")
    client.create_registered_model("other")
    print(json.dumps({"created": uri}))


if __name__ == "__main__":
    {"dump": dump, "create-sql": create_sql}[sys.argv[1]](sys.argv[2])
