#!/usr/bin/env python
"""Dump what the REAL MLflow client reads from a store, in RunDesk's CLI JSON shapes.

    PY e2e/conformance/mlflow_dump.py --serve    (one JSON argument array per stdin line; for run.ts)
    PY e2e/conformance/mlflow_dump.py STORE_PATH --out dump.json [--filters filters.json]
                                      [--no-history] [--history-runs ID,ID,...] [--filters-only]

STORE_PATH is an `mlruns/` folder (file store, opened as `file:` with MLFLOW_ALLOW_FILE_STORE=true)
or an `mlflow.db` file (opened as `sqlite:///`). Entities are converted with MLflow's own
`message_to_json(entity.to_proto())`, i.e. the REST API JSON that RunDesk's `--format json` mirrors
(NaN -> "NaN", inf -> "Infinity"); key/value lists are sorted by key.

Damaged stores: every experiment, run, metric history, model and alias is read separately; what
MLflow cannot read is recorded in `errors` (with the scope) and the rest is still dumped. A SQLite
file with an out-of-date schema is upgraded ON A TEMPORARY COPY (`mlflow db upgrade`), as a user
would have to do; `notes` says so.

Output (all lists sorted):
{
  "mlflow_version", "store_uri", "notes": [..], "errors": [{"scope", "id", "error"}],
  "experiments": [<experiment>], "runs": [<run>], "histories": {run_id: [<metric>]},
  "registered_models": [..], "model_versions": [..],
  "aliases": [{"name", "alias", "version" | "error"}],
  "filters": [{"filter", "order_by", "view", "experiment_ids", "partial", "run_ids" | "error", "error_code"}]
}
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import sys
import tempfile
import time
import traceback
import warnings

os.environ.setdefault("MLFLOW_ALLOW_FILE_STORE", "true")
os.environ["MLFLOW_DISABLE_TELEMETRY"] = "true"
os.environ["DO_NOT_TRACK"] = "true"
os.environ["MLFLOW_LOGGING_LEVEL"] = "ERROR"
os.environ.pop("MLFLOW_TRACKING_URI", None)
os.environ.pop("MLFLOW_REGISTRY_URI", None)
warnings.filterwarnings("ignore")

import logging  # noqa: E402

import mlflow  # noqa: E402
from mlflow.entities import ViewType  # noqa: E402
from mlflow.exceptions import MlflowException  # noqa: E402
from mlflow.tracking import MlflowClient  # noqa: E402
from mlflow.utils.proto_json_utils import message_to_json  # noqa: E402

logging.getLogger("mlflow").setLevel(logging.CRITICAL)
logging.getLogger("alembic").setLevel(logging.CRITICAL)

PAGE = 1000
VIEWS = {"ACTIVE_ONLY": ViewType.ACTIVE_ONLY, "DELETED_ONLY": ViewType.DELETED_ONLY, "ALL": ViewType.ALL}


def to_json(entity) -> dict:
    return json.loads(message_to_json(entity.to_proto(), pretty=False))


def sort_kv(items, key="key"):
    return sorted(items or [], key=lambda x: str(x.get(key, "")))


def err_text(e: BaseException) -> str:
    if isinstance(e, MlflowException):
        return f"{e.error_code}: {e.message}"
    return f"{type(e).__name__}: {e}"


def err_code(e: BaseException) -> str:
    return e.error_code if isinstance(e, MlflowException) else type(e).__name__


def value_sort_key(v):
    """Sort key for a JSON metric value (numbers, "NaN", "Infinity", "-Infinity")."""
    if isinstance(v, str):
        return {"-Infinity": (0, -math.inf), "Infinity": (2, math.inf), "NaN": (3, 0.0)}.get(v, (4, 0.0))
    return (1, float(v))


def normalise_run(r: dict) -> dict:
    data = r.setdefault("data", {})
    for k in ("metrics", "params", "tags"):
        data[k] = sort_kv(data.get(k))
    inputs = r.get("inputs") or {}
    for di in inputs.get("dataset_inputs", []) or []:
        di["tags"] = sort_kv(di.get("tags"))
    if inputs.get("dataset_inputs"):
        inputs["dataset_inputs"] = sorted(
            inputs["dataset_inputs"],
            key=lambda d: (d.get("dataset", {}).get("name", ""), d.get("dataset", {}).get("digest", ""),
                           json.dumps(d.get("tags"), sort_keys=True)),
        )
    return r


def normalise_version(v: dict) -> dict:
    v["tags"] = sort_kv(v.get("tags"))
    if "aliases" in v:
        v["aliases"] = sorted(v["aliases"])
    return v


def normalise_model(m: dict) -> dict:
    m["tags"] = sort_kv(m.get("tags"))
    m["aliases"] = sorted(m.get("aliases") or [], key=lambda a: a.get("alias", ""))
    m["latest_versions"] = sorted(
        [normalise_version(v) for v in m.get("latest_versions") or []], key=lambda v: int(v.get("version", 0))
    )
    return m


class Dumper:
    def __init__(self, store_path: str):
        self.store_path = os.path.abspath(store_path)
        self.notes: list[str] = []
        self.errors: list[dict] = []
        self.tmpdir = None
        if os.path.isdir(self.store_path):
            self.kind = "file"
            self._repair_run_folders()
            self.uri = "file:" + self.store_path
        else:
            self.kind = "sql"
            self.uri = "sqlite:///" + self.store_path
        self.client = self._open()
        # MLflow's file registry store reads a version's logged-model metrics/params through
        # MlflowClient() with the GLOBAL tracking URI (a TODO in MLflow); without one it opens
        # ./mlflow.db in the cwd. Point the global URI at this store, as `mlflow server` would.
        mlflow.set_tracking_uri(self.uri)
        mlflow.set_registry_uri(self.uri)
        self.experiments: list[dict] = []
        self.readable_experiments: list[str] = []
        self.runs: list[dict] = []

    def _repair_run_folders(self) -> None:
        """MLflow >= 3.8 `get_run`/`get_metric_history` ignore a run folder that lacks any of
        metrics/, params/, artifacts/ (path-traversal hardening). Git drops empty folders, so runs
        of stores committed to a repository often lack them while `search_runs` still lists them.
        Read such stores from a temporary copy with the empty folders added (data unchanged)."""
        missing = []
        roots = [self.store_path, os.path.join(self.store_path, ".trash")]
        for root in roots:
            if not os.path.isdir(root):
                continue
            for exp in os.listdir(root):
                exp_dir = os.path.join(root, exp)
                if exp in (".trash", "models") or not os.path.isdir(exp_dir):
                    continue
                for run in os.listdir(exp_dir):
                    run_dir = os.path.join(exp_dir, run)
                    if run in ("tags", "datasets", "traces", "models"):
                        continue
                    if not os.path.isfile(os.path.join(run_dir, "meta.yaml")):
                        continue
                    for sub in ("metrics", "params", "artifacts"):
                        if not os.path.isdir(os.path.join(run_dir, sub)):
                            missing.append(os.path.relpath(os.path.join(run_dir, sub), self.store_path))
        if not missing:
            return
        self.tmpdir = tempfile.mkdtemp(prefix="rundesk-dump-")
        copy = os.path.join(self.tmpdir, "mlruns")
        shutil.copytree(self.store_path, copy, symlinks=True)
        for rel in missing:
            os.makedirs(os.path.join(copy, rel), exist_ok=True)
        runs = len({os.path.dirname(m) for m in missing})
        self.notes.append(
            f"{runs} run folder(s) lack metrics/, params/ or artifacts/ (empty folders lost by git): MLflow >= 3.8 "
            f"get_run/get_metric_history refuse them, so the store was read from a temporary copy with "
            f"{len(missing)} empty folder(s) added"
        )
        self.original_store_path = self.store_path
        self.store_path = copy

    def err(self, scope: str, ident, e: BaseException) -> None:
        self.errors.append({"scope": scope, "id": ident, "error": err_text(e)})

    def _open(self) -> MlflowClient:
        if self.kind == "sql":
            # MLflow >= 3.x runs its migrations IN PLACE when a table is missing (an older schema),
            # and refuses an out-of-date schema otherwise. Never touch the store RunDesk reads:
            # open a temporary copy, and upgrade that copy when needed (as `mlflow db upgrade`).
            import sqlite3

            self.tmpdir = tempfile.mkdtemp(prefix="rundesk-dump-")
            copy = os.path.join(self.tmpdir, os.path.basename(self.store_path))
            src = sqlite3.connect(f"file:{self.store_path}?mode=ro", uri=True)
            dst = sqlite3.connect(copy)
            src.backup(dst)
            rev_before = self._revision(dst)
            src.close()
            dst.close()
            self.uri = "sqlite:///" + copy
            try:
                client = MlflowClient(tracking_uri=self.uri, registry_uri=self.uri)
                client.search_experiments(max_results=1)
            except MlflowException as e:
                if "out-of-date database schema" not in str(e.message):
                    raise
                import sqlalchemy

                from mlflow.store.db.utils import _upgrade_db

                engine = sqlalchemy.create_engine(self.uri)
                _upgrade_db(engine)
                engine.dispose()
                client = MlflowClient(tracking_uri=self.uri, registry_uri=self.uri)
            c = sqlite3.connect(copy)
            rev_after = self._revision(c)
            c.close()
            if rev_before != rev_after:
                self.notes.append(
                    f"SQL schema {rev_before} is older than this MLflow's ({rev_after}): MLflow upgrades it on "
                    f"open; read from an upgraded temporary copy (the store itself is untouched)"
                )
            return client
        return MlflowClient(tracking_uri=self.uri, registry_uri=self.uri)

    @staticmethod
    def _revision(conn):
        try:
            row = conn.execute("select version_num from alembic_version").fetchone()
            return row[0] if row else None
        except Exception:  # noqa: BLE001
            return None

    def close(self) -> None:
        if self.tmpdir:
            shutil.rmtree(self.tmpdir, ignore_errors=True)

    # -- tracking ------------------------------------------------------------------------------
    def dump_experiments(self) -> None:
        token = None
        exps = []
        try:
            while True:
                page = self.client.search_experiments(view_type=ViewType.ALL, max_results=PAGE, page_token=token)
                exps.extend(page)
                token = page.token
                if not token:
                    break
        except Exception as e:  # noqa: BLE001
            self.err("experiments", None, e)
        out = []
        for exp in exps:
            j = to_json(exp)
            j["tags"] = sort_kv(j.get("tags"))
            out.append(j)
        self.experiments = sorted(out, key=lambda x: (len(x["experiment_id"]), x["experiment_id"]))

    def _file_run_ids(self, exp: dict) -> list[str]:
        """Run folders of a file-store experiment (used when MLflow's search fails)."""
        base = os.path.join(self.store_path, exp["experiment_id"])
        if not os.path.isdir(base):
            base = os.path.join(self.store_path, ".trash", exp["experiment_id"])
        ids = []
        if os.path.isdir(base):
            for name in sorted(os.listdir(base)):
                if name in ("tags", "datasets", "traces", "models"):
                    continue
                if os.path.isfile(os.path.join(base, name, "meta.yaml")):
                    ids.append(name)
        return ids

    def dump_runs(self) -> None:
        runs = {}
        for exp in self.experiments:
            eid = exp["experiment_id"]
            token = None
            try:
                while True:
                    page = self.client.search_runs([eid], run_view_type=ViewType.ALL, max_results=PAGE,
                                                   page_token=token)
                    for r in page:
                        runs[r.info.run_id] = normalise_run(to_json(r))
                    token = page.token
                    if not token:
                        break
                self.readable_experiments.append(eid)
            except Exception as e:  # noqa: BLE001
                self.err("experiment.search_runs", eid, e)
                # per run fallback: record every run MLflow can still read with get_run
                for rid in self._file_run_ids(exp) if self.kind == "file" else []:
                    try:
                        r = self.client.get_run(rid)
                        runs[r.info.run_id] = normalise_run(to_json(r))
                    except Exception as e2:  # noqa: BLE001
                        self.err("run", rid, e2)
        self.runs = sorted(runs.values(), key=lambda r: r["info"]["run_id"])

    def dump_histories(self, only: set | None) -> dict:
        out = {}
        for r in self.runs:
            rid = r["info"]["run_id"]
            if only is not None and rid not in only:
                continue
            points = []
            for m in r["data"]["metrics"]:
                try:
                    for h in self.client.get_metric_history(rid, m["key"]):
                        points.append(to_json(h))
                except Exception as e:  # noqa: BLE001
                    self.err("metric_history", f"{rid}/{m['key']}", e)
            points.sort(key=lambda p: (p["key"], int(p.get("step", 0)), int(p.get("timestamp", 0)),
                                       value_sort_key(p.get("value", 0))))
            out[rid] = points
        return out

    # -- registry ------------------------------------------------------------------------------
    def dump_registry(self):
        models, versions, aliases = [], [], []
        token = None
        try:
            while True:
                page = self.client.search_registered_models(max_results=PAGE, page_token=token)
                models.extend(normalise_model(to_json(m)) for m in page)
                token = page.token
                if not token:
                    break
        except Exception as e:  # noqa: BLE001
            self.err("registered_models", None, e)
        token = None
        try:
            while True:
                page = self.client.search_model_versions(max_results=PAGE, page_token=token)
                versions.extend(normalise_version(to_json(v)) for v in page)
                token = page.token
                if not token:
                    break
        except Exception as e:  # noqa: BLE001
            self.err("model_versions", None, e)
            # per model fallback
            for m in models:
                try:
                    for v in self.client.search_model_versions(f"name = '{m['name']}'"):
                        versions.append(normalise_version(to_json(v)))
                except Exception as e2:  # noqa: BLE001
                    self.err("model_versions", m["name"], e2)
        self._version_aliases(models, versions)
        for m in models:
            for a in m.get("aliases", []):
                rec = {"name": m["name"], "alias": a["alias"], "declared_version": a.get("version")}
                try:
                    mv = self.client.get_model_version_by_alias(m["name"], a["alias"])
                    rec["version"] = str(mv.version)
                except Exception as e:  # noqa: BLE001
                    rec["error"] = err_text(e)
                aliases.append(rec)
        models.sort(key=lambda m: m["name"])
        versions.sort(key=lambda v: (v["name"], int(v["version"])))
        aliases.sort(key=lambda a: (a["name"], a["alias"]))
        return models, versions, aliases

    def _version_aliases(self, models: list, versions: list) -> None:
        """MLflow's SQL store leaves `aliases` empty in search_model_versions and in latest_versions,
        while get_model_version fills them (the file store fills all three). Take every version's
        aliases from get_model_version, MLflow's most complete answer."""
        fixed = 0
        cache = {}

        def aliases_of(name, version):
            key = (name, str(version))
            if key not in cache:
                try:
                    cache[key] = sorted(self.client.get_model_version(name, str(version)).aliases or [])
                except Exception as e:  # noqa: BLE001
                    self.err("model_version.aliases", f"{name} v{version}", e)
                    cache[key] = None
            return cache[key]

        for v in versions + [lv for m in models for lv in m.get("latest_versions", [])]:
            got = aliases_of(v["name"], v["version"])
            if got is None:
                continue
            if sorted(v.get("aliases") or []) != got:
                fixed += 1
            if got or "aliases" in v:
                v["aliases"] = got
        if fixed:
            self.notes.append(
                f"search_model_versions/latest_versions left out the aliases of {fixed} version(s) (MLflow's SQL "
                f"store does); aliases taken from get_model_version"
            )

    # -- filters -------------------------------------------------------------------------------
    def run_filter(self, spec: dict) -> dict:
        view = spec.get("view", "ACTIVE_ONLY")
        order_by = spec.get("order_by") or []
        rec = {"filter": spec.get("filter", ""), "order_by": order_by, "view": view}
        if "id" in spec:
            rec["id"] = spec["id"]
        # ACTIVE_ONLY searches active experiments; DELETED_ONLY and ALL every experiment
        if view == "ACTIVE_ONLY":
            exp_ids = [e["experiment_id"] for e in self.experiments if e.get("lifecycle_stage") == "active"]
        else:
            exp_ids = [e["experiment_id"] for e in self.experiments]
        partial = [e for e in exp_ids if e in self.readable_experiments]
        if len(partial) != len(exp_ids):
            rec["partial"] = True
            exp_ids = partial
        rec["experiment_ids"] = exp_ids
        if not exp_ids:
            rec["run_ids"] = []
            return rec
        ids, token = [], None
        try:
            while True:
                page = self.client.search_runs(exp_ids, filter_string=rec["filter"], run_view_type=VIEWS[view],
                                               max_results=PAGE, order_by=order_by, page_token=token)
                ids.extend(r.info.run_id for r in page)
                token = page.token
                if not token:
                    break
            rec["run_ids"] = ids
        except Exception as e:  # noqa: BLE001
            rec["error"] = err_text(e)
            rec["error_code"] = err_code(e)
        return rec


def main(argv=None) -> int:
    if argv is None and sys.argv[1:] == ["--serve"]:
        return serve()
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("store")
    ap.add_argument("--out", required=True)
    ap.add_argument("--filters", help="JSON file: list of {filter, order_by, view}")
    ap.add_argument("--no-history", action="store_true")
    ap.add_argument("--filters-only", action="store_true", help="only run --filters (skips histories and registry)")
    ap.add_argument("--history-runs", help="comma separated run ids (default: every run)")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    try:
        d = Dumper(args.store)
    except Exception as e:  # noqa: BLE001
        out = {"mlflow_version": mlflow.__version__, "store_uri": args.store, "fatal": err_text(e),
               "traceback": traceback.format_exc(), "errors": [], "notes": []}
        with open(args.out, "w", encoding="utf-8") as f:
            json.dump(out, f, ensure_ascii=False, indent=1)
        print(json.dumps({"out": args.out, "fatal": out["fatal"]}))
        return 2
    try:
        d.dump_experiments()
        d.dump_runs()
        histories = {}
        if not args.no_history and not args.filters_only:
            only = set(args.history_runs.split(",")) if args.history_runs else None
            histories = d.dump_histories(only)
        models, versions, aliases = ([], [], []) if args.filters_only else d.dump_registry()
        filters = []
        if args.filters:
            with open(args.filters, encoding="utf-8") as f:
                specs = json.load(f)
            filters = [d.run_filter(s) for s in specs]
        out = {
            "mlflow_version": mlflow.__version__,
            "store_uri": d.uri,
            "store_kind": d.kind,
            "notes": d.notes,
            "errors": d.errors,
            "experiments": d.experiments,
            "readable_experiments": d.readable_experiments,
            "runs": d.runs,
            "histories": histories,
            "registered_models": models,
            "model_versions": versions,
            "aliases": aliases,
            "filters": filters,
            "seconds": round(time.perf_counter() - started, 2),
        }
    except Exception as e:  # noqa: BLE001
        out = {"mlflow_version": mlflow.__version__, "store_uri": d.uri, "fatal": err_text(e),
               "traceback": traceback.format_exc(), "errors": d.errors, "notes": d.notes}
    finally:
        d.close()
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1, allow_nan=False)
    summary = {k: len(out.get(k) or []) for k in ("experiments", "runs", "registered_models", "model_versions",
                                                  "aliases", "filters", "errors")}
    print(json.dumps({"out": args.out, **summary, "seconds": out.get("seconds")}))
    return 0 if "fatal" not in out else 2


def serve() -> int:
    """`--serve`: read one JSON array of arguments per stdin line, dump, answer one JSON line
    {"id", "code"} on stdout. Saves the ~2 s `import mlflow` per store for the harness."""
    replies = sys.stdout
    sys.stdout = sys.stderr
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        req = json.loads(line)
        try:
            code = main(req["argv"])
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 3
        except BaseException:  # noqa: BLE001
            traceback.print_exc()
            code = 3
        replies.write(json.dumps({"id": req.get("id"), "code": code}) + "\n")
        replies.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
