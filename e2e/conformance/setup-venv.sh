#!/usr/bin/env bash
# Create (idempotently) a virtualenv with a pinned real MLflow for the conformance suite.
#   e2e/conformance/setup-venv.sh 3.18.0   -> ${RUNDESK_CACHE:-$HOME/.cache/rundesk}/mlflow-3.18.0
#   e2e/conformance/setup-venv.sh 2.22.4   -> .../mlflow-2.22.4
# The last line printed on stdout is the venv's python path. Progress goes to stderr.
set -euo pipefail

VERSION="${1:?usage: setup-venv.sh MLFLOW_VERSION}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${RUNDESK_CACHE:-$HOME/.cache/rundesk}"
VENV="$CACHE/mlflow-$VERSION"
PY="$VENV/bin/python"
MAJOR="${VERSION%%.*}"
REQ="$HERE/requirements-mlflow-$MAJOR.txt"
FALLBACK="$HERE/requirements-mlflow-$MAJOR-fallback.txt"
STAMP_REQ="$REQ"

log() { echo "[setup-venv $VERSION] $*" >&2; }

installed_version() {
  [ -x "$PY" ] || return 1
  "$PY" - <<'PYEOF' 2>/dev/null
import importlib.metadata as m
print(m.version("mlflow"))
PYEOF
}

# The venv is reused when it has this mlflow version AND was installed from the current
# requirements files (stamp = their content), so a new pin (e.g. sqlalchemy) triggers a re-install.
STAMP_FILE="$VENV/.rundesk-requirements"
stamp() {
  local f files=()
  for f in "$STAMP_REQ" "$FALLBACK"; do [ -f "$f" ] && files+=("$f"); done
  { [ ${#files[@]} -gt 0 ] && cat "${files[@]}"; echo "$VERSION"; } | cksum | cut -d' ' -f1
}
up_to_date() {
  [ "$(installed_version || true)" = "$VERSION" ] || return 1
  [ -f "$STAMP_FILE" ] && [ "$(cat "$STAMP_FILE")" = "$(stamp)" ]
}
if up_to_date; then
  log "mlflow $VERSION already installed in $VENV"
  echo "$PY"
  exit 0
fi

# Requirements file must pin this exact version (keeps CI and local runs identical).
if [ -f "$REQ" ] && ! grep -qE "^mlflow==$VERSION\b" "$REQ"; then
  log "warning: $REQ does not pin mlflow==$VERSION; installing mlflow==$VERSION anyway"
  REQ=""
fi
[ -f "${REQ:-/nonexistent}" ] || REQ=""

PYTHON_BIN="${RUNDESK_PYTHON:-$(command -v python3.11 || command -v python3)}"
mkdir -p "$CACHE"
# A single lock per venv so two concurrent callers do not install into the same folder.
exec 9>"$CACHE/.mlflow-$VERSION.lock"
if command -v flock >/dev/null 2>&1; then flock 9; fi
if up_to_date; then
  log "mlflow $VERSION installed by a concurrent caller"
  echo "$PY"
  exit 0
fi

if [ ! -x "$PY" ]; then
  log "creating venv $VENV with $PYTHON_BIN"
  "$PYTHON_BIN" -m venv "$VENV"
fi

PIP=("$PY" -m pip --disable-pip-version-check --no-input)
log "pip install mlflow==$VERSION"
if [ -n "$REQ" ]; then ARGS=(-r "$REQ"); else ARGS=("mlflow==$VERSION"); fi
if ! "${PIP[@]}" install "${ARGS[@]}" >&2; then
  if [ -f "$FALLBACK" ]; then
    log "plain install failed (the index may lack mlflow-skinny/mlflow-tracing==$VERSION);"
    log "installing dependencies from $(basename "$FALLBACK") and mlflow==$VERSION --no-deps"
    "${PIP[@]}" install -r "$FALLBACK" >&2
    "${PIP[@]}" install --no-deps "mlflow==$VERSION" >&2
  else
    log "pip install failed"
    exit 1
  fi
fi

have="$(installed_version || true)"
if [ "$have" != "$VERSION" ]; then
  log "error: venv has mlflow '$have', expected $VERSION"
  exit 1
fi
"$PY" -c "import mlflow; from mlflow.tracking import MlflowClient; import mlflow.store.tracking.sqlalchemy_store" >&2
stamp > "$STAMP_FILE"
log "ready"
echo "$PY"
