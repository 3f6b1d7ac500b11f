"""Writes an MLflow store full of CSV edge cases, through MLflow's own client, for the pandas-export
conformance test (main/export/pandas-conformance.test.ts).

    python generate-export-store.py TRACKING_URI

TRACKING_URI is file:<dir> (file store; needs MLFLOW_ALLOW_FILE_STORE=true on MLflow 3.13+) or
sqlite:///<path>. Start and end times are set explicitly, so the store is the same at every run
except for run ids (which MLflow draws at random).
"""
import sys

from mlflow.entities import Metric, Param, RunTag
from mlflow.tracking import MlflowClient

uri = sys.argv[1]
client = MlflowClient(tracking_uri=uri)

BASE = 1765034574000  # a whole second: 2025-12-06 15:22:54 UTC


def make_run(exp_id, start, end=None, status="FINISHED", params=None, metrics=None, tags=None, history=None, name=None):
    run = client.create_run(exp_id, start_time=start, tags=tags or {}, run_name=name)
    run_id = run.info.run_id
    points = [Metric(k, v, start + 5, 0) for k, v in (metrics or {}).items()]
    for key, series in (history or {}).items():
        points += [Metric(key, value, start + ts, step) for step, ts, value in series]
    client.log_batch(run_id, metrics=points, params=[Param(k, v) for k, v in (params or {}).items()])
    if end is not None:
        client.set_terminated(run_id, status=status, end_time=end)
    return run_id


edge = client.create_experiment("export edge cases")
make_run(
    edge,
    BASE + 9_785,
    BASE + 70_001,
    name="floats",
    metrics={
        "tenth": 0.1,
        "small": 1e-05,
        "tiny": 5e-324,
        "big": 1e16,
        "bigger": 1.2345678901234568e17,
        "huge": 1.7976931348623157e308,
        "negative": -0.5,
        "whole": 3.0,
        "nan": float("nan"),
        "inf": float("inf"),
        "ninf": float("-inf"),
        "third": 1 / 3,
        "train/loss": 0.25,
        "f1 score": 0.875,
    },
    params={"lr": "0.001", "optimizer": "adam"},
)
make_run(
    edge,
    BASE + 9_000,
    BASE + 9_500,
    name="strings",
    params={
        "comma": "a,b",
        "quote": 'say "hi"',
        "newline": "line one\nline two",
        "carriage": "cr\rhere",
        "unicode": "Modelo 1 Combinación 3 — ünïcödé",
        "empty": "",
        "spaces": "  padded  ",
        "formula": "=SUM(A1:A3)",
        "long": "x" * 300,
        "lr": "0.01",
    },
    tags={"mlflow.note.content": "multi\nline, \"described\"", "team": "vision", "with space": "yes, it has"},
)
# Same start time as "strings": MLflow breaks the tie by run id.
make_run(edge, BASE + 9_000, BASE + 9_000, name="tie", params={"lr": "0.1"}, metrics={"tenth": 0.2})
make_run(edge, BASE + 1_000, None, status="RUNNING", name="still running", metrics={"step/acc": 0.5})
make_run(
    edge,
    BASE,
    BASE + 3_600_000,
    status="FAILED",
    name="history",
    history={"loss": [(0, 10, 1.0), (2, 30, 0.5), (1, 20, 0.1), (2, 25, 0.7)]},
)
deleted = make_run(edge, BASE + 50_000, BASE + 51_000, name="deleted", params={"only_deleted": "x"})
client.delete_run(deleted)

# Whole seconds only: pandas 3 prints these time columns without a fraction.
seconds = client.create_experiment("whole seconds")
for i in range(3):
    make_run(seconds, BASE + i * 1000, BASE + i * 1000 + 2000, params={f"p{i}": str(i)}, metrics={"m": float(i)})

# Many runs whose key sets differ, so columns appear block by block.
blocks = client.create_experiment("key blocks")
for i in range(40):
    make_run(
        blocks,
        BASE + i * 1_237,
        BASE + i * 1_237 + 999,
        params={f"group{i % 5}_a": str(i), f"group{i % 5}_b": str(i * 2), "shared": "s"},
        metrics={f"metric_{i % 7}": i / 7, "common": float(i)},
        tags={f"tag_{i % 3}": "t"},
    )

client.create_experiment("empty")
print("ok")
