#!/usr/bin/env python
"""Write deterministic MLflow stores with the REAL MLflow client (conformance suite / demo project).

Run with a venv made by setup-venv.sh:

    ~/.cache/rundesk/mlflow-3.18.0/bin/python e2e/conformance/generate_stores.py --out DIR --profile full

Writes the same scenario twice:
    DIR/file/mlruns          file store (tracking + model registry), artifacts inside it
    DIR/sql/mlflow.db        SQL store (tracking + model registry), artifacts in DIR/sql/mlruns
(`--file-subdir` / `--sql-subdir` change the two sub-folders; `--backends` picks one of them.)

Determinism: `uuid.uuid4`, `time.time`/`time.time_ns` and the MLmodel creation time are patched
before MLflow is imported, `random`/numpy are seeded, and every start/end/metric time is passed
explicitly, so ids and timestamps are identical between invocations (artifact URIs still hold the
absolute output path, as MLflow writes them).

Profiles:
    full      every feature the indexer must handle (experiments, runs, metrics edge cases,
              datasets, logged models, artifacts, registry)
    registry  a registry-heavy store (many models/versions/stages/aliases/tags) with few runs
    demo      a small, pleasant project that ships with the app (resources/demo-project)
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import struct
import sys
import tempfile
import time
import uuid
import warnings
import zlib

# ---------------------------------------------------------------------------------------------
# Determinism patches (must run before mlflow is imported)
# ---------------------------------------------------------------------------------------------

T0 = 1_735_725_600_000  # 2025-01-01T10:00:00Z, base of every timestamp (ms)


class FakeClock:
    """time.time() replacement: returns a settable time and advances 1 ms per call.

    The generator calls `set()` before every logical operation, so the exact number of calls made
    inside MLflow only shifts times within one operation (and is itself deterministic)."""

    def __init__(self, ms: int):
        self.ns = ms * 1_000_000

    def set(self, ms: int) -> None:
        self.ns = int(ms) * 1_000_000

    def time(self) -> float:
        self.ns += 1_000_000
        return self.ns / 1e9

    def time_ns(self) -> int:
        self.ns += 1_000_000
        return self.ns


CLOCK = FakeClock(T0)
_UUID_RNG = random.Random(20250101)


def _fake_uuid4() -> uuid.UUID:
    return uuid.UUID(int=_UUID_RNG.getrandbits(128), version=4)


def reset_determinism(seed: int) -> None:
    _UUID_RNG.seed(seed)
    random.seed(seed)
    CLOCK.set(T0)
    try:
        import numpy as np

        np.random.seed(seed)
    except ImportError:
        pass


uuid.uuid4 = _fake_uuid4
time.time = CLOCK.time
time.time_ns = CLOCK.time_ns

os.environ.setdefault("MLFLOW_ALLOW_FILE_STORE", "true")
os.environ["MLFLOW_DISABLE_TELEMETRY"] = "true"
os.environ["DO_NOT_TRACK"] = "true"
os.environ["MLFLOW_ENABLE_ASYNC_LOGGING"] = "false"
os.environ["MLFLOW_TRACKING_USERNAME"] = ""
os.environ.pop("MLFLOW_TRACKING_URI", None)
os.environ.pop("MLFLOW_REGISTRY_URI", None)
os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")
os.environ["MLFLOW_LOGGING_LEVEL"] = "ERROR"
warnings.filterwarnings("ignore")

import logging  # noqa: E402

logging.getLogger("mlflow").setLevel(logging.ERROR)
logging.getLogger("alembic").setLevel(logging.ERROR)

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

import mlflow  # noqa: E402
from mlflow.entities import DatasetInput, InputTag, Metric, Param, RunTag  # noqa: E402
from mlflow.tracking import MlflowClient  # noqa: E402

MLFLOW_MAJOR = int(mlflow.__version__.split(".")[0])
logging.getLogger("mlflow").setLevel(logging.ERROR)

# Run/logged-model context tags must not depend on this machine (user, script path, git state).
import mlflow.tracking.context.default_context as _dc  # noqa: E402
import mlflow.tracking.context.git_context as _gc  # noqa: E402

_dc._get_user = lambda: "alice"
_dc._get_source_name = lambda: "train.py"
if hasattr(_gc, "_resolve_git_info"):
    _gc._resolve_git_info = lambda: {}
if hasattr(_gc, "_get_source_version"):
    _gc._get_source_version = lambda: None

try:  # freeze MLmodel utc_time_created
    import datetime as _dt

    import mlflow.models.model as _mm

    class _FrozenDatetime(_dt.datetime):
        @classmethod
        def now(cls, tz=None):
            base = _dt.datetime.fromtimestamp(CLOCK.ns / 1e9, _dt.timezone.utc)
            return base if tz is not None else base.replace(tzinfo=None)

        @classmethod
        def utcnow(cls):
            return cls.now(_dt.timezone.utc).replace(tzinfo=None)

    if hasattr(_mm, "datetime"):
        _mm.datetime = _FrozenDatetime
except Exception:  # pragma: no cover - cosmetic only
    pass

MIN = 60_000
HOUR = 60 * MIN
DAY = 24 * HOUR

# ---------------------------------------------------------------------------------------------
# Small deterministic artifacts
# ---------------------------------------------------------------------------------------------


def png_bytes(width: int = 96, height: int = 64, seed: int = 0) -> bytes:
    """A small RGB gradient PNG written by hand (no PIL needed)."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    rows = []
    for y in range(height):
        row = bytearray([0])
        for x in range(width):
            r = (x * 255) // max(1, width - 1)
            g = (y * 255) // max(1, height - 1)
            b = (seed * 53 + (x ^ y) * 4) % 256
            row += bytes([r, g, b])
        rows.append(bytes(row))
    raw = b"".join(rows)
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def iris_like_frame(n: int = 60, seed: int = 0) -> pd.DataFrame:
    rng = np.random.RandomState(seed)
    cls = np.arange(n) % 3
    df = pd.DataFrame(
        {
            "sepal_length": np.round(5.0 + cls * 0.9 + rng.normal(0, 0.3, n), 2),
            "sepal_width": np.round(3.2 - cls * 0.2 + rng.normal(0, 0.2, n), 2),
            "petal_length": np.round(1.5 + cls * 2.1 + rng.normal(0, 0.3, n), 2),
            "petal_width": np.round(0.2 + cls * 0.8 + rng.normal(0, 0.1, n), 2),
            "species": cls.astype("int64"),
        }
    )
    return df


def house_frame(n: int = 50, seed: int = 1) -> pd.DataFrame:
    rng = np.random.RandomState(seed)
    area = np.round(rng.uniform(40, 220, n), 1)
    rooms = rng.randint(1, 7, n).astype("int64")
    price = np.round(area * 3100 + rooms * 12000 + rng.normal(0, 20000, n), 0)
    return pd.DataFrame({"area_m2": area, "rooms": rooms, "price": price})


class EchoModel(mlflow.pyfunc.PythonModel):
    """Tiny pyfunc model: predicts the row sum (no heavy dependencies)."""

    def predict(self, context, model_input, params=None):  # noqa: D401
        return model_input.select_dtypes("number").sum(axis=1)


# ---------------------------------------------------------------------------------------------
# Writer
# ---------------------------------------------------------------------------------------------


class Writer:
    def __init__(self, tracking_uri: str, workdir: str, seed: int):
        self.tracking_uri = tracking_uri
        self.workdir = workdir
        self.seed = seed
        self.client = MlflowClient(tracking_uri=tracking_uri, registry_uri=tracking_uri)
        mlflow.set_tracking_uri(tracking_uri)
        mlflow.set_registry_uri(tracking_uri)
        self.rng = random.Random(seed)
        self.run_ids: dict[str, str] = {}  # label -> run id
        self.exp_ids: dict[str, str] = {}
        self.model_ids: dict[str, str] = {}
        self.tmp = tempfile.mkdtemp(prefix="rundesk-gen-")

    # -- experiments ---------------------------------------------------------------------------
    def experiment(self, name: str, at: int, tags: dict | None = None) -> str:
        CLOCK.set(at)
        if name == "Default":
            exp_id = "0"
            self.client.get_experiment(exp_id)  # creates the store / default experiment
        else:
            exp_id = self.client.create_experiment(name, tags=tags or None)
        if name == "Default" and tags:
            for k, v in tags.items():
                CLOCK.set(at)
                self.client.set_experiment_tag(exp_id, k, v)
        self.exp_ids[name] = exp_id
        return exp_id

    def delete_experiment(self, name: str, at: int) -> None:
        CLOCK.set(at)
        self.client.delete_experiment(self.exp_ids[name])

    # -- runs ----------------------------------------------------------------------------------
    def run(
        self,
        label: str,
        exp: str,
        start: int,
        *,
        name: str | None = None,
        status: str = "FINISHED",
        duration: int = 5 * MIN,
        params: dict | None = None,
        tags: dict | None = None,
        metrics: list | None = None,
        parent: str | None = None,
        user: str = "alice",
        datasets: list | None = None,
        delete_at: int | None = None,
        note: str | None = None,
    ) -> str:
        CLOCK.set(start)
        all_tags = {
            "mlflow.user": user,
            "mlflow.source.name": "train.py",
            "mlflow.source.type": "LOCAL",
            "mlflow.source.git.commit": "3f2c9a1e5b7d4c8f9a0b1c2d3e4f5a6b7c8d9e0f",
        }
        if parent:
            all_tags["mlflow.parentRunId"] = self.run_ids[parent]
        if note:
            all_tags["mlflow.note.content"] = note
        all_tags.update(tags or {})
        run = self.client.create_run(self.exp_ids[exp], start_time=start, tags=all_tags, run_name=name or label)
        run_id = run.info.run_id
        self.run_ids[label] = run_id
        if params:
            items = [Param(str(k), str(v)) for k, v in params.items()]
            for i in range(0, len(items), 100):
                CLOCK.set(start + 1000)
                self.client.log_batch(run_id, params=items[i : i + 100])
        if metrics:
            ms = [Metric(k, float(v), int(ts), int(step)) for (k, v, step, ts) in metrics]
            for i in range(0, len(ms), 1000):
                CLOCK.set(start + 2000)
                self.client.log_batch(run_id, metrics=ms[i : i + 1000])
        for ds in datasets or []:
            CLOCK.set(start + 3000)
            frame, ds_name, source, context = ds
            dataset = mlflow.data.from_pandas(frame, source=source, name=ds_name, targets=frame.columns[-1])
            self.client.log_inputs(
                run_id, [DatasetInput(dataset._to_mlflow_entity(), tags=[InputTag("mlflow.data.context", context)])]
            )
        if status != "RUNNING":
            CLOCK.set(start + duration)
            self.client.set_terminated(run_id, status=status, end_time=start + duration)
        if delete_at is not None:
            CLOCK.set(delete_at)
            self.client.delete_run(run_id)
        return run_id

    def set_tag(self, label: str, key: str, value: str, at: int) -> None:
        CLOCK.set(at)
        self.client.set_tag(self.run_ids[label], key, value)

    # -- artifacts -----------------------------------------------------------------------------
    def showcase_artifacts(self, label: str, at: int, frame: pd.DataFrame, seed: int = 0) -> None:
        """PNG, text, CSV, JSON and a saved pyfunc model folder (MLmodel with signature + input example)."""
        run_id = self.run_ids[label]
        d = os.path.join(self.tmp, f"art-{run_id}")
        os.makedirs(os.path.join(d, "plots"), exist_ok=True)
        with open(os.path.join(d, "plots", "confusion_matrix.png"), "wb") as f:
            f.write(png_bytes(seed=seed))
        with open(os.path.join(d, "notes.txt"), "w", encoding="utf-8") as f:
            f.write("Training notes\n==============\nLearning rate warm-up for 3 epochs.\nUnicode: ünïcødé ✓ 学习\n")
        frame.head(20).to_csv(os.path.join(d, "predictions.csv"), index=False)
        with open(os.path.join(d, "metrics_summary.json"), "w", encoding="utf-8") as f:
            json.dump({"accuracy": 0.953, "f1": 0.948, "classes": ["setosa", "versicolor", "virginica"]}, f, indent=2)
        CLOCK.set(at)
        self.client.log_artifacts(run_id, d)
        # an MLmodel inside the run's own artifacts (the 1.x/2.x place for models)
        mdir = os.path.join(self.tmp, f"model-{run_id}")
        CLOCK.set(at)
        x = frame.drop(columns=[frame.columns[-1]])
        sig = mlflow.models.infer_signature(x, x.sum(axis=1))
        mlflow.pyfunc.save_model(
            mdir,
            python_model=EchoModel(),
            signature=sig,
            input_example=x.head(3),
            pip_requirements=[f"mlflow=={mlflow.__version__}", "pandas"],
        )
        CLOCK.set(at)
        self.client.log_artifacts(run_id, mdir, artifact_path="model")

    def log_model(self, label: str, at: int, frame: pd.DataFrame, model_name: str = "model") -> str | None:
        """mlflow.pyfunc.log_model on an existing run (3.x: creates a logged model `m-…`)."""
        run_id = self.run_ids[label]
        run = self.client.get_run(run_id)
        x = frame.drop(columns=[frame.columns[-1]])
        sig = mlflow.models.infer_signature(x, x.sum(axis=1))
        CLOCK.set(at)
        with mlflow.start_run(run_id=run_id):
            CLOCK.set(at)
            kwargs = dict(
                python_model=EchoModel(),
                signature=sig,
                input_example=x.head(3),
                pip_requirements=[f"mlflow=={mlflow.__version__}", "pandas"],
            )
            if MLFLOW_MAJOR >= 3:
                info = mlflow.pyfunc.log_model(name=model_name, **kwargs)
            else:
                info = mlflow.pyfunc.log_model(artifact_path=model_name, **kwargs)
        # resuming marks the run RUNNING and end_run() sets FINISHED/now: put the recorded values back
        CLOCK.set(at + 1000)
        if run.info.status != "RUNNING":
            self.client.set_terminated(run_id, status=run.info.status, end_time=run.info.end_time)
        model_id = getattr(info, "model_id", None)
        if model_id:
            self.model_ids[label] = model_id
        return info.model_uri

    # -- registry ------------------------------------------------------------------------------
    def registered_model(self, name: str, at: int, description: str | None = None, tags: dict | None = None) -> None:
        CLOCK.set(at)
        self.client.create_registered_model(name, tags=tags, description=description)

    def version(
        self, name: str, run_label: str | None, at: int, *, description: str | None = None, tags: dict | None = None,
        artifact: str = "model",
    ) -> str:
        CLOCK.set(at)
        if run_label and run_label in self.model_ids and MLFLOW_MAJOR >= 3:
            source = f"models:/{self.model_ids[run_label]}"
        elif run_label:
            source = f"runs:/{self.run_ids[run_label]}/{artifact}"
        else:
            source = "file:///tmp/models/external-model"
        run_id = self.run_ids.get(run_label) if run_label else None
        kwargs = {}
        if MLFLOW_MAJOR >= 3 and run_label in self.model_ids:
            kwargs["model_id"] = self.model_ids[run_label]
        mv = self.client.create_model_version(
            name, source, run_id=run_id, tags=tags, description=description, **kwargs
        )
        return str(mv.version)

    def stage(self, name: str, version: str, stage: str, at: int, archive_existing: bool = False) -> None:
        CLOCK.set(at)
        self.client.transition_model_version_stage(name, version, stage, archive_existing_versions=archive_existing)

    def alias(self, name: str, alias: str, version: str, at: int) -> None:
        CLOCK.set(at)
        self.client.set_registered_model_alias(name, alias, version)

    def close(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)


# ---------------------------------------------------------------------------------------------
# Metric helpers
# ---------------------------------------------------------------------------------------------


def curve(key: str, start: int, n: int, first: float, last: float, rng: random.Random, noise: float = 0.01,
          every: int = 1, dt: int = 1000) -> list:
    """n points decaying/growing from `first` to `last` with a little noise."""
    pts = []
    for i in range(0, n, every):
        frac = i / max(1, n - 1)
        v = last + (first - last) * math.exp(-4 * frac) + rng.gauss(0, noise)
        pts.append((key, round(v, 6), i, start + 10_000 + i * dt))
    return pts


def edge_case_metrics(start: int) -> list:
    ts = start + 10_000
    return [
        # NaN / +inf / -inf, plus finite values around them
        ("nan_metric", float("nan"), 0, ts), ("nan_metric", 0.5, 1, ts + 1), ("nan_metric", float("nan"), 2, ts + 2),
        ("pos_inf", 1.0, 0, ts), ("pos_inf", float("inf"), 1, ts + 1),
        ("neg_inf", float("-inf"), 0, ts), ("neg_inf", float("-inf"), 1, ts + 5),
        # repeated steps with different timestamps (and same timestamp, different values)
        ("repeated_step", 1.0, 3, ts + 10), ("repeated_step", 2.0, 3, ts + 20), ("repeated_step", 1.5, 3, ts + 15),
        ("repeated_step", 9.0, 2, ts + 99), ("same_ts", 3.0, 7, ts + 7), ("same_ts", 4.0, 7, ts + 7),
        ("same_ts", 3.5, 7, ts + 7),
        # last-written line is NOT the max (step, timestamp, value): latest = step 10
        ("not_last_written", 0.9, 10, ts + 100), ("not_last_written", 0.1, 2, ts + 500),
        ("not_last_written", 0.2, 5, ts + 900),
        # negative step, huge and tiny values
        ("negative_step", 7.0, -5, ts), ("negative_step", 8.0, -1, ts + 1),
        ("tiny", 1e-300, 0, ts), ("huge", 1.5e300, 0, ts), ("neg_zero", -0.0, 0, ts), ("int_like", 42.0, 0, ts),
        # keys with spaces, slashes, dots, dashes, colons
        ("val loss", 0.42, 0, ts), ("val loss", 0.40, 1, ts + 1),
        ("train/loss", 0.8, 0, ts), ("train/loss", 0.6, 1, ts + 1),
        ("eval/nested/deep.metric-1", 0.33, 0, ts), ("time:epoch", 12.5, 0, ts),
    ]


# ---------------------------------------------------------------------------------------------
# Profiles
# ---------------------------------------------------------------------------------------------

LONG_PARAM = ("The quick brown fox jumps over the lazy dog. 0123456789 ünïcødé — " * 80)[:5000]


def profile_full(w: Writer) -> None:
    rng = random.Random(11)
    t = T0
    w.experiment("Default", t, tags={"mlflow.note.content": "Default experiment"})
    exp_cls = "classification"
    w.experiment(exp_cls, t + MIN, tags={"mlflow.note.content": "# Classification\nBaseline and tuned models.",
                                         "team": "vision", "ключ": "значение ✓"})
    w.experiment("team/regression", t + 2 * MIN, tags={"owner": "bob"})
    w.experiment("ünïcødé 実験 🚀", t + 3 * MIN, tags={"langue": "français"})
    w.experiment("old-experiment", t + 4 * MIN)
    w.experiment("archived-empty", t + 5 * MIN)
    w.experiment("empty", t + 6 * MIN)
    w.experiment("sweeps", t + 7 * MIN)

    iris = iris_like_frame(60, 0)
    houses = house_frame(50, 1)

    # Default experiment: two plain runs
    s = t + DAY
    w.run("default-1", "Default", s, params={"x": 1}, metrics=curve("score", s, 5, 0.1, 0.9, rng))
    w.run("default-2", "Default", s + HOUR, user="bob", metrics=[("score", 0.5, 0, s + HOUR + 1)])

    # classification: 30 runs with every status, optimizers, datasets
    statuses = ["FINISHED"] * 6 + ["FAILED", "KILLED", "FINISHED", "FAILED"]
    optimizers = ["adam", "sgd", "rmsprop", "adamw"]
    for i in range(30):
        s = t + 2 * DAY + i * 17 * MIN
        status = statuses[i % len(statuses)]
        if i in (5, 23):
            status = "RUNNING"
        lr = [0.1, 0.01, 0.001, 0.0001, 3e-4][i % 5]
        params = {
            "lr": lr, "batch_size": [16, 32, 64, 128][i % 4], "optimizer": optimizers[i % 4],
            "epochs": 20 if i % 3 else 10, "dropout": round(0.1 * (i % 5), 1), "seed": i,
            "model": "resnet" if i % 2 else "mlp", "layers": "[64, 32, 16]", "use_bn": str(i % 2 == 0),
        }
        if i == 0:
            params["long_value"] = LONG_PARAM
            params["unicode_value"] = "Größe ≈ 3 µm — 日本語 ✓"
            params["empty_value"] = ""
            params["config/nested"] = "a/b"
            params["with space"] = "yes"
        if i == 1:
            params["number_text"] = "1e-05"
            params["leading_zero"] = "007"
        n = 1000 if i in (0, 1) else 40
        acc_final = 0.70 + 0.25 * ((i * 7) % 30) / 29
        metrics = (curve("accuracy", s, n, 0.3, acc_final, rng) + curve("loss", s, n, 2.0, 1 - acc_final, rng)
                   + curve("val_accuracy", s, n, 0.25, acc_final - 0.03, rng, every=5))
        if i == 2:
            metrics += edge_case_metrics(s)
        if i % 7 == 3:
            metrics.append(("f1 score", round(acc_final - 0.02, 4), 0, s + 9000))
        tags = {"stage": "tuning" if i % 2 else "baseline", "priority": str(i % 3)}
        if i % 6 == 0:
            tags["mlflow.note.content"] = f"Run #{i} notes"
        if i == 4:
            tags["ünï tag"] = "välue ✓"
            tags["multi-line"] = "line 1\nline 2\n"
        ds = []
        if i % 4 == 0:
            ds.append((iris, "iris-train", "data/iris_train.csv", "training"))
        if i % 8 == 0:
            ds.append((iris.head(20), "iris-eval", "data/iris_eval.csv", "evaluation"))
        delete_at = s + DAY if i in (7, 19, 28) else None
        w.run(f"cls-{i}", exp_cls, s, name=f"cls-run-{i:02d}", status=status, duration=(3 + i % 9) * MIN,
              params=params, tags=tags, metrics=metrics, datasets=ds, delete_at=delete_at,
              user=["alice", "bob", "carol"][i % 3])

    # nested runs: a parent with five children and one grandchild
    s = t + 3 * DAY
    w.run("sweep-parent", "sweeps", s, name="hyperopt-sweep", duration=2 * HOUR, params={"search": "tpe"},
          metrics=[("best_loss", 0.21, 0, s + 100)])
    for j in range(5):
        cs = s + (j + 1) * 10 * MIN
        w.run(f"sweep-child-{j}", "sweeps", cs, name=f"trial-{j}", parent="sweep-parent",
              params={"lr": 10 ** -(j + 1), "depth": j + 2}, status="FAILED" if j == 4 else "FINISHED",
              metrics=curve("loss", cs, 20, 1.5, 0.2 + j * 0.05, rng))
    w.run("sweep-grandchild", "sweeps", s + 70 * MIN, name="trial-0-refit", parent="sweep-child-0",
          metrics=[("loss", 0.19, 0, s + 70 * MIN + 5)])

    # regression experiment (name with '/')
    for i in range(15):
        s = t + 4 * DAY + i * 23 * MIN
        w.run(f"reg-{i}", "team/regression", s, name=f"ridge-{i}", params={"alpha": round(0.05 * (i + 1), 2),
              "fit_intercept": "True" if i % 2 == 0 else "False", "solver": ["auto", "svd", "lsqr"][i % 3]},
              metrics=curve("rmse", s, 30, 90000, 20000 + i * 900, rng, noise=50) + [("r2", 0.6 + i * 0.02, 0, s + 1)],
              datasets=[(houses, "houses", "s3://bucket/houses.parquet", "training")] if i % 5 == 0 else None,
              status="FAILED" if i == 14 else "FINISHED", user="bob")

    # unicode experiment: unicode keys and values
    for i in range(5):
        s = t + 5 * DAY + i * MIN
        w.run(f"uni-{i}", "ünïcødé 実験 🚀", s, name=f"実行 {i} — ünï", params={"学习率": 0.1 * (i + 1), "modèle": "forêt"},
              tags={"étiquette": "valeur", "emoji": "🚀✨"}, metrics=[("точность", 0.5 + i / 10, 0, s + 1),
                                                                       ("précision", 0.4 + i / 20, i, s + 2)])

    # a deleted experiment with runs (some deleted before the experiment)
    for i in range(4):
        s = t + 6 * DAY + i * MIN
        w.run(f"old-{i}", "old-experiment", s, name=f"old-{i}", params={"v": i},
              metrics=[("m", float(i), 0, s + 1)], delete_at=s + HOUR if i == 0 else None)
    w.delete_experiment("old-experiment", t + 7 * DAY)
    w.delete_experiment("archived-empty", t + 7 * DAY + MIN)

    # artifacts + logged model
    w.showcase_artifacts("cls-0", t + 2 * DAY + 30 * MIN, iris, seed=1)
    w.log_model("cls-0", t + 2 * DAY + 40 * MIN, iris)
    w.log_model("cls-12", t + 2 * DAY + 12 * 17 * MIN + 5 * MIN, iris)
    w.log_model("reg-0", t + 4 * DAY + 6 * MIN, houses)
    w.set_tag("cls-3", "late_tag", "set after the run ended", t + 8 * DAY)

    registry_scenario(w, t + 9 * DAY, big=False)


def registry_scenario(w: Writer, t: int, big: bool) -> None:
    """Models with versions in every stage, a deleted version, aliases, tags, descriptions."""
    w.registered_model("iris-classifier", t, description="Classifies iris flowers.\n\n**Owner:** vision team",
                       tags={"task": "classification", "team": "vision"})
    src = ["cls-0", "cls-12", "cls-4", "cls-8", "cls-16", "cls-20"]
    versions = []
    for k, label in enumerate(src):
        versions.append(w.version("iris-classifier", label if label in w.run_ids else None, t + (k + 1) * MIN,
                                  description=f"version from {label}" if k % 2 == 0 else None,
                                  tags={"validation_status": "approved" if k < 3 else "pending"}))
    # stages: v1 Archived, v2 Production, v3 Staging, v4 None, v5 Staging, v6 deleted
    w.stage("iris-classifier", versions[0], "Production", t + 10 * MIN)
    w.stage("iris-classifier", versions[1], "Production", t + 11 * MIN, archive_existing=True)  # v1 -> Archived
    w.stage("iris-classifier", versions[2], "Staging", t + 12 * MIN)
    w.stage("iris-classifier", versions[4], "Staging", t + 13 * MIN)
    w.stage("iris-classifier", versions[3], "Staging", t + 14 * MIN)
    w.stage("iris-classifier", versions[3], "None", t + 15 * MIN)
    CLOCK.set(t + 16 * MIN)
    w.client.delete_model_version("iris-classifier", versions[5])
    w.alias("iris-classifier", "champion", versions[1], t + 17 * MIN)
    w.alias("iris-classifier", "challenger", versions[2], t + 18 * MIN)
    w.alias("iris-classifier", "old_champion", versions[0], t + 19 * MIN)
    CLOCK.set(t + 20 * MIN)
    w.client.set_model_version_tag("iris-classifier", versions[1], "deployed_at", "2025-01-15")
    w.client.update_model_version("iris-classifier", versions[1], description="Current production model ✓")
    CLOCK.set(t + 21 * MIN)
    w.client.update_registered_model("iris-classifier", description="Classifies iris flowers (updated).")

    w.registered_model("house-price-regressor", t + 30 * MIN, description="Ridge regression on house prices")
    r1 = w.version("house-price-regressor", "reg-0" if "reg-0" in w.run_ids else None, t + 31 * MIN)
    r2 = w.version("house-price-regressor", "reg-3" if "reg-3" in w.run_ids else None, t + 32 * MIN,
                   tags={"framework": "sklearn"})
    w.stage("house-price-regressor", r2, "Archived", t + 33 * MIN)
    w.alias("house-price-regressor", "best", r1, t + 34 * MIN)

    w.registered_model("empty-model", t + 40 * MIN, tags={"status": "placeholder"})
    w.registered_model("modèle ünïcødé", t + 41 * MIN, description="Beschreibung — 説明")
    w.version("modèle ünïcødé", None, t + 42 * MIN)
    w.registered_model("to-be-deleted", t + 43 * MIN)
    w.version("to-be-deleted", None, t + 44 * MIN)
    CLOCK.set(t + 45 * MIN)
    w.client.delete_registered_model("to-be-deleted")

    if big:
        rng = random.Random(5)
        stages = ["None", "Staging", "Production", "Archived"]
        for m in range(6):
            name = f"model-{m:02d}" if m != 3 else "model with spaces"
            base = t + (2 + m) * HOUR
            w.registered_model(name, base, description=None if m % 2 else f"Model {m}",
                               tags={"idx": str(m), "group": "even" if m % 2 == 0 else "odd"})
            vs = []
            for v in range(3 + m % 4):
                vs.append(w.version(name, None, base + (v + 1) * MIN, tags={"v": str(v)} if v % 2 else None))
            for k, v in enumerate(vs):
                st = stages[(k + m) % 4]
                if st != "None":
                    w.stage(name, v, st, base + (20 + k) * MIN, archive_existing=(st == "Production" and m % 2 == 0))
            if len(vs) > 1:
                w.alias(name, "prod", vs[-1], base + 40 * MIN)
                w.alias(name, "prod", vs[0], base + 41 * MIN)  # moved
                w.alias(name, "temp", vs[1], base + 42 * MIN)
                CLOCK.set(base + 43 * MIN)
                w.client.delete_registered_model_alias(name, "temp")
            if m % 3 == 0 and len(vs) > 2:
                CLOCK.set(base + 44 * MIN)
                w.client.delete_model_version(name, vs[1])
            CLOCK.set(base + 45 * MIN)
            w.client.set_registered_model_tag(name, "to_delete", "x")
            w.client.delete_registered_model_tag(name, "to_delete")
            if vs:
                w.client.set_model_version_tag(name, vs[0], "checked", "true" if rng.random() > 0.5 else "false")


def profile_registry(w: Writer) -> None:
    rng = random.Random(12)
    t = T0
    w.experiment("Default", t)
    w.experiment("classification", t + MIN)
    w.experiment("team/regression", t + 2 * MIN)
    iris = iris_like_frame(30, 2)
    houses = house_frame(20, 3)
    for i in range(21):
        s = t + DAY + i * 11 * MIN
        w.run(f"cls-{i}", "classification", s, params={"lr": 0.01 * (i + 1)},
              metrics=curve("accuracy", s, 10, 0.3, 0.8 + i / 200, rng))
    for i in range(4):
        s = t + 2 * DAY + i * 11 * MIN
        w.run(f"reg-{i}", "team/regression", s, params={"alpha": i}, metrics=[("rmse", 1000.0 - i, 0, s + 1)])
    w.log_model("cls-0", t + DAY + 3 * MIN, iris)
    w.log_model("reg-0", t + 2 * DAY + 3 * MIN, houses)
    registry_scenario(w, t + 3 * DAY, big=True)


def profile_demo(w: Writer) -> None:
    rng = random.Random(13)
    t = T0
    w.experiment("Default", t)
    w.experiment("iris-classification", t + MIN, tags={
        "mlflow.note.content": "Classify iris species from sepal and petal measurements.", "team": "ml-platform"})
    w.experiment("house-prices/regression", t + 2 * MIN, tags={"mlflow.note.content": "Predict sale prices (€)."})
    iris = iris_like_frame(60, 0)
    houses = house_frame(50, 1)

    # iris: a baseline, a grid, a nested sweep, one failure, one still running, one deleted
    s = t + DAY
    w.run("baseline", "iris-classification", s, name="baseline-logreg", params={
        "model": "logistic_regression", "C": 1.0, "max_iter": 100}, metrics=curve("accuracy", s, 20, 0.6, 0.90, rng)
          + curve("loss", s, 20, 1.1, 0.31, rng), datasets=[(iris, "iris", "data/iris.csv", "training")],
          note="First baseline.")
    k = 0
    for depth in (2, 4, 8):
        for n_est in (50, 100, 200):
            k += 1
            s = t + DAY + k * 20 * MIN
            acc = 0.86 + 0.012 * depth ** 0.5 + n_est / 20000 + rng.gauss(0, 0.005)
            w.run(f"rf-{depth}-{n_est}", "iris-classification", s, name=f"rf-d{depth}-n{n_est}", params={
                "model": "random_forest", "max_depth": depth, "n_estimators": n_est, "criterion": "gini"},
                  metrics=curve("accuracy", s, 50, 0.5, acc, rng) + curve("loss", s, 50, 1.2, 1.05 - acc, rng)
                  + [("f1_macro", round(acc - 0.01, 4), 0, s + 60_000), ("training time s", 3.2 * n_est / 50, 0, s + 60_000)],
                  datasets=[(iris, "iris", "data/iris.csv", "training"),
                            (iris.head(15), "iris-holdout", "data/iris_holdout.csv", "evaluation")],
                  tags={"family": "trees"}, user=["alice", "bob"][k % 2])
    s = t + 2 * DAY
    w.run("sweep", "iris-classification", s, name="gbm-sweep", duration=90 * MIN, params={"search": "random", "trials": 6},
          tags={"family": "boosting"})
    for j in range(6):
        cs = s + (j + 1) * 10 * MIN
        acc = 0.9 + 0.01 * j - (0.04 if j == 3 else 0)
        w.run(f"gbm-{j}", "iris-classification", cs, name=f"gbm-trial-{j}", parent="sweep", params={
            "model": "gradient_boosting", "learning_rate": [0.3, 0.1, 0.05, 0.5, 0.02, 0.08][j], "max_depth": 3 + j % 3},
              metrics=curve("accuracy", cs, 40, 0.5, acc, rng) + curve("loss", cs, 40, 1.3, 1.02 - acc, rng),
              tags={"family": "boosting"}, status="FAILED" if j == 3 else "FINISHED")
    w.run("broken", "iris-classification", t + 3 * DAY, name="svm-oom", status="FAILED", duration=40_000,
          params={"model": "svm", "kernel": "rbf"}, metrics=[("accuracy", float("nan"), 0, t + 3 * DAY + 1000)],
          note="Crashed: out of memory.")
    w.run("running", "iris-classification", t + 3 * DAY + HOUR, name="mlp-long-training", status="RUNNING",
          params={"model": "mlp", "hidden": "[128, 64]"}, metrics=curve("loss", t + 3 * DAY + HOUR, 30, 1.4, 0.4, rng))
    w.run("deleted", "iris-classification", t + 3 * DAY + 2 * HOUR, name="typo-run", params={"model": "?"},
          delete_at=t + 3 * DAY + 3 * HOUR)
    w.showcase_artifacts("rf-8-200", t + 4 * DAY, iris, seed=2)
    w.log_model("rf-8-200", t + 4 * DAY + MIN, iris)
    w.log_model("gbm-5", t + 4 * DAY + 2 * MIN, iris)

    # house prices
    for i in range(8):
        s = t + 5 * DAY + i * 30 * MIN
        alpha = [0.01, 0.1, 1.0, 10.0][i % 4]
        model = "ridge" if i < 4 else "lasso"
        rmse = 31000 - 1500 * (i % 4) + (2500 if model == "lasso" else 0)
        w.run(f"house-{i}", "house-prices/regression", s, name=f"{model}-alpha-{alpha}", params={
            "model": model, "alpha": alpha, "features": "area_m2,rooms"},
              metrics=curve("rmse", s, 25, 80000, rmse, rng, noise=150) + [("r2", round(0.7 + 0.03 * (i % 4), 4), 0, s + 1)],
              datasets=[(houses, "houses", "data/houses.csv", "training")], user="carol", status="KILLED" if i == 7 else "FINISHED")
    w.log_model("house-3", t + 6 * DAY, houses)

    # registry: two models
    r = t + 7 * DAY
    w.registered_model("iris-classifier", r, description="Random-forest / boosting models for iris species.",
                       tags={"task": "classification"})
    v1 = w.version("iris-classifier", "rf-8-200", r + MIN, description="Random forest, depth 8", tags={"validated": "true"})
    v2 = w.version("iris-classifier", "gbm-5", r + 2 * MIN, description="Gradient boosting trial 5")
    v3 = w.version("iris-classifier", "rf-8-200", r + 3 * MIN)
    w.stage("iris-classifier", v1, "Production", r + 4 * MIN)
    w.stage("iris-classifier", v2, "Production", r + 5 * MIN, archive_existing=True)
    w.stage("iris-classifier", v3, "Staging", r + 6 * MIN)
    w.alias("iris-classifier", "champion", v2, r + 7 * MIN)
    w.alias("iris-classifier", "challenger", v3, r + 8 * MIN)
    w.registered_model("house-price-regressor", r + 10 * MIN, description="Ridge regression on area and rooms.")
    h1 = w.version("house-price-regressor", "house-3", r + 11 * MIN, tags={"framework": "pyfunc"})
    w.version("house-price-regressor", "house-3", r + 12 * MIN)
    w.stage("house-price-regressor", h1, "Staging", r + 13 * MIN)
    w.alias("house-price-regressor", "candidate", h1, r + 14 * MIN)


PROFILES = {"full": profile_full, "registry": profile_registry, "demo": profile_demo}


def write_store(kind: str, profile: str, base: str, seed: int) -> str:
    base = os.path.abspath(base)
    if os.path.exists(base):
        shutil.rmtree(base)
    os.makedirs(base)
    reset_determinism(seed)
    cwd = os.getcwd()
    os.chdir(base)  # the SQL store's default artifact root is ./mlruns (relative to the cwd)
    try:
        if kind == "file":
            uri = "file:" + os.path.join(base, "mlruns")
        else:
            uri = "sqlite:///" + os.path.join(base, "mlflow.db")
        w = Writer(uri, base, seed)
        try:
            PROFILES[profile](w)
        finally:
            w.close()
            try:
                mlflow.end_run()
            except Exception:
                pass
    finally:
        os.chdir(cwd)
    # the SQL engine keeps connections open; dispose so the file is complete and unlocked
    try:
        from mlflow.store.db import utils as _dbu  # noqa: F401
        import sqlalchemy  # noqa: F401
        import gc

        gc.collect()
    except Exception:
        pass
    return uri


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--profile", choices=sorted(PROFILES), default="full")
    ap.add_argument("--backends", default="file,sql", help="comma list of file,sql")
    ap.add_argument("--file-subdir", default="file")
    ap.add_argument("--sql-subdir", default="sql")
    ap.add_argument("--seed", type=int, default=20250101)
    args = ap.parse_args()
    started = time.perf_counter() if hasattr(time, "perf_counter") else 0
    out = os.path.abspath(args.out)
    os.makedirs(out, exist_ok=True)
    written = {}
    for kind in [b.strip() for b in args.backends.split(",") if b.strip()]:
        sub = args.file_subdir if kind == "file" else args.sql_subdir
        target = os.path.normpath(os.path.join(out, sub))
        if kind == "file" and target == out:
            # file store directly inside --out: only replace mlruns/, keep sibling folders
            mlruns = os.path.join(out, "mlruns")
            if os.path.exists(mlruns):
                shutil.rmtree(mlruns)
            reset_determinism(args.seed)
            cwd = os.getcwd()
            os.chdir(out)
            try:
                w = Writer("file:" + mlruns, out, args.seed)
                try:
                    PROFILES[args.profile](w)
                finally:
                    w.close()
            finally:
                os.chdir(cwd)
            written[kind] = mlruns
        else:
            write_store(kind, args.profile, target, args.seed)
            written[kind] = os.path.join(target, "mlruns" if kind == "file" else "mlflow.db")
    elapsed = time.perf_counter() - started
    print(json.dumps({"mlflow_version": mlflow.__version__, "profile": args.profile, "stores": written,
                      "seconds": round(elapsed, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
