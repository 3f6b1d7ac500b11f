"""Dump test documents exactly as MLflow writes registry YAML (mlflow/utils/file_utils.py).

Usage:
  python pyyaml-dump.py --golden OUT.json   write the committed golden file from CASES below
  python pyyaml-dump.py < cases.json        read encoded documents on stdin, print their dumps as JSON

Documents are encoded so that JSON can carry Python's types: {"s": str}, {"i": "int text"},
{"f": "repr of a float"}, {"b": bool}, {"n": null}, {"m": {key: doc}}, {"l": [doc]}.
"""
import json
import sys

import yaml

try:
    from yaml import CSafeDumper as Dumper
except ImportError:  # MLflow falls back the same way
    from yaml import SafeDumper as Dumper


def decode(doc):
    (kind, value), = doc.items()
    if kind == "s":
        return value
    if kind == "i":
        return int(value)
    if kind == "f":
        return float(value)
    if kind == "b":
        return bool(value)
    if kind == "n":
        return None
    if kind == "m":
        return {k: decode(v) for k, v in value.items()}
    if kind == "l":
        return [decode(v) for v in value]
    raise ValueError(kind)


def dump(data):
    return yaml.dump(data, default_flow_style=False, allow_unicode=True, sort_keys=True, Dumper=Dumper)


def s(v):
    return {"s": v}


STRINGS = [
    "", "0", "1", "007", "09", "1_000", "0x1F", "0o17", "0b101", "+1", "-1", "1.0", ".5", "1e5", "1.0e+5",
    "12:30", "1:30:00", "190:20:30", "2023-01-01", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5",
    "yes", "Yes", "YES", "no", "on", "On", "off", "OFF", "oFF", "y", "n", "Y", "N", "true", "False",
    "null", "Null", "NULL", "nULL", "~", "None", "none", ".inf", "-.inf", "+.INF", ".NaN", ".nan", "=", "<<",
    "!", "&", "*", "!x", "&x", "*x", "-", "--", "---", "--- a", "...", "- a", "-a", "a-", "?", "? a", "?a", ":",
    ": a", ":a", "a:", "a: b", "a:b", "#", "#x", "a #b", "a#b", "a,b", "[a]", "a[b]", "{a}", "a}", "|", ">",
    "|x", "%x", "@x", "`x", "'x", "\"x\"", "it's", "say \"hi\"", " lead", "trail ", "  both  ", "a  b",
    "multi\nline", "trailing newline\n", "\nleading", "two\n\nbreaks", "space \nbreak", "break\n space",
    "tab\there", "\ttab", "cr\rhere", "nel\u0085x", "ls\u2028x", "nbsp\u00a0x", "bom\ufeffx", "nul\x00x",
    "bell\x07", "esc\x1b", "del\x7f", "caf\u00e9", "\u65e5\u672c\u8a9e", "emoji \U0001F600", "\U0001F600",
    "private \ue000", "\ufffd", "back\\slash", "c:\\Users\\me", "Deleted_Internal", "Production", "READY",
    "models:/m-2cdf4d09a6b2461a93ec88bf6bd98ac9", "runs:/19aec2c7d802493ba6886500b63bd97c/model",
    "mlflow-artifacts:/367555898258971340/models/m-2cdf4d09a6b2461a93ec88bf6bd98ac9/artifacts",
    "file:///c:/Users/amcuc/OCR%20projects/Project%207/mlruns/789863831438547179/19aec2c7d802493ba6886500b63bd97c/artifacts/Artifacts",
    "file:///home/user/My Projects/some long folder name/with spaces/mlruns/1/0123456789abcdef0123456789abcdef/artifacts/model",
    "x" * 100, "word " * 30, ("word " * 30).strip(), "a" * 79 + " b c", "a" * 80 + " b", "a" * 81 + "  b",
    "yes " + "long " * 20, "'" + "quoted words " * 10, "dq\" " + "words " * 20 + "\x07", "ends with space " * 8,
    "x " * 60, ("emoji \U0001F600 " * 12).strip(), "line1\nline2 " + "w " * 40, "\u00e9" * 90 + " z",
]

FLOATS = [0.0, -0.0, 1.0, 0.5, -2.5, 1e16, 1e15, 1e-5, 1e-4, 0.0001234, 123456789.123, 1e300, 5e-324,
          0.1 + 0.2, 1e22, 12345678901234567.0, 3.14159, float("nan"), float("inf"), float("-inf"), 2.5e-10]
INTS = ["0", "-1", "1697381100131", "9007199254740993", "9223372036854775808", "-1180591620717411303424"]

RM_META = {"m": {
    "aliases": {"m": {"best": s("1"), "production": s("1"), "the_best_model_ever": s("1")}},
    "creation_timestamp": {"i": "1752565517563"}, "deployment_job_id": {"n": None},
    "deployment_job_state": {"n": None}, "description": s(""), "last_updated_timestamp": {"i": "1752578008025"},
    "name": s("sk-learn-random-forest-reg-model"), "workspace": s("default")}}

MV_META = {"m": {
    "aliases": {"l": []}, "creation_timestamp": {"i": "1752577810798"}, "current_stage": s("None"),
    "deployment_job_state": {"n": None}, "description": s(""), "last_updated_timestamp": {"i": "1752577810798"},
    "metrics": {"n": None}, "model_id": s("m-62416b53c1c44a12997e67cded377eb8"), "name": s("sk-learn"),
    "params": {"n": None}, "run_id": s("fae55de1780846638a9e784679d596b9"), "run_link": s(""),
    "source": s("models:/m-62416b53c1c44a12997e67cded377eb8"), "status": s("READY"), "status_message": {"n": None},
    "storage_location": s("mlflow-artifacts:/0/models/m-62416b53c1c44a12997e67cded377eb8/artifacts"),
    "user_id": {"n": None}, "version": {"i": "4"}}}


def cases():
    out = []
    for v in STRINGS:
        out.append({"m": {"value": s(v)}})
        out.append({"m": {v if v else "empty": s("k")}})
        out.append({"m": {"list": {"l": [s(v), s("x")]}}})
        out.append({"m": {"outer": {"m": {"inner": s(v)}}}})
    out.append({"m": {s_: s(s_) for s_ in STRINGS if s_ and len(s_.encode()) <= 120 and "\n" not in s_}})
    out.append({"m": {"k" * 129: s("long key"), "m\nk": s("multiline key"), "ok": s("v")}})
    out.append({"m": {"k" * 128: s("128-byte key")}})
    out.append({"m": {"\u00e9" * 65: s("130-byte key")}})
    out.append({"m": {"f": {"l": [{"f": repr(f)} for f in FLOATS]}}})
    out.append({"m": {"i": {"l": [{"i": i} for i in INTS]}, "b": {"l": [{"b": True}, {"b": False}]}, "n": {"n": None}}})
    out.append(RM_META)
    out.append(MV_META)
    out.append({"m": {}})
    out.append({"m": {"empty_map": {"m": {}}, "empty_list": {"l": []}, "nested": {"l": [{"l": [s("a"), {"l": []}]},
                {"m": {"k": s("v"), "l": {"l": [s("x")]}}}, {"m": {}}]}}})
    out.append({"m": {"deep": {"m": {"a": {"m": {"b": {"m": {"c": s("word " * 25)}}}}}}}})
    out.append({"m": {"Z": s("1"), "a": s("2"), "_": s("3"), "\u00e9": s("4"), "\U0001F600": s("5"), "\uff5e": s("6")}})
    return out


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--golden":
        docs = cases()
        lines = [json.dumps({"doc": d, "yaml": dump(decode(d))}, ensure_ascii=False) for d in docs]
        header = json.dumps({"dumper": Dumper.__name__, "pyyaml": yaml.__version__})[:-1]
        with open(sys.argv[2], "w", encoding="utf-8") as f:
            # One case per line, so a regenerated file diffs readably.
            f.write(header + ', "cases": [\n' + ",\n".join(lines) + "\n]}\n")
        return
    docs = json.load(sys.stdin)
    json.dump({"dumper": Dumper.__name__, "yaml": [dump(decode(d)) for d in docs]}, sys.stdout)


main()
