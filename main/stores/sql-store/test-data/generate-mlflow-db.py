"""Writes a small MLflow SQL store that exercises what RunDesk must read from one.

Run with a Python that has MLflow 2.x or 3.x (mlflow-skinny + sqlalchemy + alembic is enough);
the 3.x-only parts (logged model, prompt) are skipped on 2.x:
    MLFLOW_TRACKING_URI=sqlite:////tmp/x/mlflow.db python generate-mlflow-db.py
It prints one JSON line with the ids the tests check against. Every value is written through
MLflow's own client, so the database is exactly what real MLflow produces.
"""

import json
import math
import os
import warnings

warnings.filterwarnings("ignore")

import mlflow
from mlflow import MlflowClient
from mlflow.entities import Dataset, DatasetInput, InputTag, Metric

MLFLOW3 = int(mlflow.__version__.split(".")[0]) >= 3
uri = os.environ["MLFLOW_TRACKING_URI"]
mlflow.set_tracking_uri(uri)
client = MlflowClient(uri)

exp_id = client.create_experiment("sql-demo", tags={"team": "vision"})
gone_exp_id = client.create_experiment("to-delete")

# A finished run with special floats, params, tags, a description and a dataset input.
main = client.create_run(exp_id, run_name="main-run", tags={"mlflow.note.content": "Main run **notes**", "mlflow.source.type": "LOCAL", "mlflow.source.name": "train.py", "mlflow.source.git.commit": "abc123", "mlflow.user": "karla"})
rid = main.info.run_id
ts = 1700000000000
client.log_batch(rid, metrics=[
    Metric("loss", 1.0, ts + 0, 0),
    Metric("loss", 0.5, ts + 1, 1),
    Metric("loss", float("nan"), ts + 2, 2),
    Metric("loss", 0.25, ts + 3, 3),
    Metric("inf_metric", float("inf"), ts, 0),
    Metric("neg_inf_metric", float("-inf"), ts, 0),
    Metric("nan_last", 1.0, ts, 0),
    Metric("nan_last", float("nan"), ts + 1, 1),
], params=[], tags=[])
client.log_param(rid, "lr", "0.01")
client.log_param(rid, "optimizer/name", "adam")
ds = Dataset(name="wine", digest="d1g3st", source_type="local", source='{"uri": "/data/wine.csv"}', schema='{"mlflow_colspec": []}', profile='{"num_rows": 10}')
client.log_inputs(rid, datasets=[DatasetInput(ds, tags=[InputTag("mlflow.data.context", "training")])])
client.set_terminated(rid, "FINISHED", end_time=ts + 10_000)

# Nested runs.
parent = client.create_run(exp_id, run_name="parent")
children = []
for i in range(2):
    child = client.create_run(exp_id, run_name=f"child-{i}", tags={"mlflow.parentRunId": parent.info.run_id})
    client.log_metric(child.info.run_id, "acc", 0.5 + i / 10, step=0)
    client.set_terminated(child.info.run_id, "FAILED" if i else "FINISHED")
    children.append(child.info.run_id)
client.set_terminated(parent.info.run_id, "KILLED")

# A deleted run, and a run in a deleted experiment.
deleted = client.create_run(exp_id, run_name="deleted-run")
client.set_terminated(deleted.info.run_id)
client.delete_run(deleted.info.run_id)
in_gone = client.create_run(gone_exp_id, run_name="in-deleted-exp")
client.set_terminated(in_gone.info.run_id)
client.delete_experiment(gone_exp_id)

# A still-running run whose name comes only from the tag (name column left empty by old MLflow).
running = client.create_run(exp_id, run_name="still-running")

# A 3.x logged model linked to the main run.
model_id = None
if MLFLOW3:
    model = client.create_logged_model(experiment_id=exp_id, name="my-model", source_run_id=rid)
    client.finalize_logged_model(model.model_id, "READY")
    model_id = model.model_id

# Registry: stages, an alias, tags, a deleted version and a prompt.
client.create_registered_model("reg-model", tags={"owner": "ml"}, description="A model")
source = f"models:/{model_id}" if model_id else f"runs:/{rid}/model"
v = [client.create_model_version("reg-model", source=source, run_id=rid, tags={"v": str(i)}) for i in range(3)]
client.transition_model_version_stage("reg-model", 1, "Production")
client.transition_model_version_stage("reg-model", 2, "Staging")
client.set_registered_model_alias("reg-model", "champion", 1)
client.delete_model_version("reg-model", 3)
if MLFLOW3:
    mlflow.genai.register_prompt(name="a-prompt", template="Hello {{name}}")

print(json.dumps({
    "experimentId": exp_id,
    "deletedExperimentId": gone_exp_id,
    "mainRunId": rid,
    "parentRunId": parent.info.run_id,
    "childRunIds": children,
    "deletedRunId": deleted.info.run_id,
    "runInDeletedExperimentId": in_gone.info.run_id,
    "runningRunId": running.info.run_id,
    "modelId": model_id,
    "mlflowVersion": mlflow.__version__,
}))
