"""Runs `mlflow experiments csv` for every experiment of a store, for the pandas-export conformance
test (main/export/pandas-conformance.test.ts).

    python dump-mlflow-csv.py TRACKING_URI OUT_DIR

The command is invoked through MLflow's own click entry point (`mlflow.cli.cli`), in one process
for the whole store rather than one process per experiment: the same code path as typing
`mlflow experiments csv -x ID -o FILE`, without paying MLflow's import time for each experiment.
A SQL store is first brought to the schema this MLflow needs (`mlflow db upgrade`), as a user must.
Writes OUT_DIR/manifest.json: [{id, name, stage, csv | error}].
"""
import json
import os
import sys

uri, out = sys.argv[1], sys.argv[2]
os.environ["MLFLOW_TRACKING_URI"] = uri
os.environ.setdefault("MLFLOW_ALLOW_FILE_STORE", "true")

from mlflow.cli import cli  # noqa: E402
from mlflow.entities import ViewType  # noqa: E402
from mlflow.tracking import MlflowClient  # noqa: E402

if uri.startswith("sqlite:"):
    cli.main(args=["db", "upgrade", uri], standalone_mode=False)

manifest = []
for i, exp in enumerate(MlflowClient(tracking_uri=uri).search_experiments(view_type=ViewType.ALL)):
    entry = {"id": exp.experiment_id, "name": exp.name, "stage": exp.lifecycle_stage}
    path = os.path.join(out, f"experiment-{i}.csv")
    try:
        cli.main(args=["experiments", "csv", "-x", exp.experiment_id, "-o", path], standalone_mode=False)
        entry["csv"] = path
    except Exception as error:  # a store MLflow itself cannot read: recorded, compared by nobody
        entry["error"] = f"{type(error).__name__}: {error}"
    manifest.append(entry)

with open(os.path.join(out, "manifest.json"), "w") as f:
    json.dump(manifest, f)
