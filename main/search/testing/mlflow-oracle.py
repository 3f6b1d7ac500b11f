"""Real MLflow as the oracle for RunDesk's search differential test (main/search/mlflow-differential.test.ts).

  python mlflow-oracle.py build <tracking_uri>   writes a small, deterministic store with MLflow itself
  python mlflow-oracle.py query <tracking_uri>   reads JSON queries (one per line) on stdin, answers one JSON line each

Every value RunDesk must handle like MLflow is here on purpose: ties in start time, NaN and
infinite metrics, missing keys, keys with spaces and dots, mixed case, %, _ and quotes in values,
deleted runs, a deleted experiment, dataset inputs with and without a context.
"""
import json
import math
import sys
import warnings

warnings.filterwarnings("ignore")

from mlflow import MlflowClient  # noqa: E402
from mlflow.entities import Dataset, DatasetInput, InputTag, Metric, Param, RunTag, ViewType  # noqa: E402

MODELS = ["resnet50", "ResNet18", "vgg_16", "bert-base", "xgb%v2"]
OPTIMIZERS = ["adam", "sgd", "Adam", "rmsprop"]
TEAMS = ["vision", "nlp", "Vision", "tabular"]
STATUSES = ["FINISHED", "FAILED", "KILLED", "FINISHED", None]


def build(uri):
    client = MlflowClient(tracking_uri=uri)
    exp_a = client.create_experiment("exp-a", tags={"team": "vision", "stage": "dev"})
    exp_b = client.create_experiment("exp-b", tags={"team": "nlp"})
    gone = client.create_experiment("gone")
    for i in range(40):
        exp = exp_b if i % 4 == 3 else exp_a
        name = f"{MODELS[i % 5]}-{i}"
        if i == 7:
            name = "Modèle É 7"
        if i == 11:
            name = "it's run 11"
        start = 1_700_000_000_000 + (i // 3) * 1000
        run = client.create_run(exp, start_time=start, run_name=name)
        rid = run.info.run_id
        params = [Param("model", MODELS[i % 5]), Param("optimizer", OPTIMIZERS[i % 4])]
        if i % 5 != 4:
            params.append(Param("lr", ["0.1", "0.01", "1e-3", "0.001"][i % 4]))
        if i % 3 == 0:
            params.append(Param("my key", f"v{i % 2}"))
        if i % 6 == 1:
            params.append(Param("a.b", "dotted"))
        params.append(Param("layers", str(i % 7)))
        metrics = []
        if i in (5, 17):
            rmse = float("nan")
        elif i == 9:
            rmse = float("inf")
        elif i == 13:
            rmse = float("-inf")
        elif i % 8 == 6:
            rmse = None
        else:
            rmse = round(((i * 37) % 100) / 100.0, 2)
        if rmse is not None:
            metrics.append(Metric("rmse", rmse, start + 10, 0))
        if i % 5 != 2:
            metrics.append(Metric("acc", round(((i * 53) % 97) / 97.0, 3), start + 10, 0))
        metrics.append(Metric("f1 score", (i % 4) / 4.0, start + 10, 0))
        for step in range(3):
            metrics.append(Metric("loss", 1.0 / (step + 1 + i % 5), start + 20 + step, step))
        tags = [RunTag("team", TEAMS[i % 4])]
        if i % 2 == 0:
            tags.append(RunTag("priority", "high" if i % 4 == 0 else "Low"))
        if i % 9 == 0:
            tags.append(RunTag("note", f"First line {i}\nSecond LINE"))
        client.log_batch(rid, metrics=metrics, params=params, tags=tags)
        if i % 3 == 0:
            context = ["training", "eval", None][(i // 3) % 3]
            itags = [InputTag("mlflow.data.context", context)] if context else []
            ds = Dataset(name=f"data-{i % 2}", digest=f"d{i % 3}", source_type="local", source='{"uri": "x"}')
            client.log_inputs(rid, [DatasetInput(ds, itags)])
        status = STATUSES[i % 5]
        if status:
            client.set_terminated(rid, status=status, end_time=start + 5000 + i)
        if i % 10 == 8:
            client.delete_run(rid)
    for j in range(2):
        run = client.create_run(gone, start_time=1_700_000_100_000 + j, run_name=f"gone-{j}")
        client.log_batch(run.info.run_id, metrics=[Metric("rmse", 0.5 + j, 1, 0)], params=[Param("model", "vgg_16")])
        client.set_terminated(run.info.run_id, status="FINISHED", end_time=1_700_000_200_000)
    client.delete_experiment(gone)
    print(json.dumps({"experiments": [exp_a, exp_b, gone]}))


def query(uri):
    client = MlflowClient(tracking_uri=uri)
    views = {"active": ViewType.ACTIVE_ONLY, "deleted": ViewType.DELETED_ONLY, "all": ViewType.ALL}
    all_ids = [e.experiment_id for e in client.search_experiments(view_type=ViewType.ALL)]
    for line in sys.stdin:
        q = json.loads(line)
        try:
            if q.get("kind") == "experiments":
                found = client.search_experiments(view_type=views[q["view"]], filter_string=q["filter"] or None, max_results=1000)
                answer = {"ids": [e.experiment_id for e in found]}
            else:
                runs = client.search_runs(
                    all_ids, filter_string=q["filter"], run_view_type=views[q["view"]], max_results=1000, order_by=q["order_by"] or None
                )
                answer = {"ids": [r.info.run_id for r in runs]}
        except Exception as error:  # every rejection is an answer
            answer = {"error": str(error).splitlines()[0][:300]}
        answer["id"] = q["id"]
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    {"build": build, "query": query}[sys.argv[1]](sys.argv[2])
