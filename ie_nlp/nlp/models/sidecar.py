"""Saving and loading a trained estimator next to a JSON sidecar that says what it is:
library versions, label set, a hash of the training data, and its dev scores."""

from __future__ import annotations

import hashlib
import json
import platform
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import joblib
import sklearn
import spacy

from ie_nlp._version import __version__
from ie_nlp.errors import ModelLoadError


def data_hash(lines: Iterable[str]) -> str:
    digest = hashlib.sha256()
    for line in lines:
        digest.update(line.encode("utf-8"))
    return digest.hexdigest()


def save_estimator(estimator: Any, path: Path, metadata: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(estimator, path, compress=3)
    sidecar = {
        "file": path.name,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "versions": {
            "ie_nlp": __version__,
            "scikit_learn": sklearn.__version__,
            "spacy": spacy.__version__,
            "python": platform.python_version(),
        },
        **metadata,
    }
    path.with_suffix(".json").write_text(json.dumps(sidecar, indent=2) + "\n", encoding="utf-8")


def load_estimator(path: Path) -> tuple[Any, dict[str, Any]]:
    sidecar_path = path.with_suffix(".json")
    try:
        metadata = json.loads(sidecar_path.read_text(encoding="utf-8"))
        estimator = joblib.load(path)
    except (OSError, ValueError) as error:
        raise ModelLoadError(f"cannot load trained model {path}: {error}") from error
    trained_with = metadata.get("versions", {}).get("scikit_learn")
    if trained_with and trained_with.split(".")[:2] != sklearn.__version__.split(".")[:2]:
        raise ModelLoadError(
            f"{path} was trained with scikit-learn {trained_with}, this is "
            f"{sklearn.__version__}: run `ie-nlp train` to rebuild it"
        )
    return estimator, metadata
