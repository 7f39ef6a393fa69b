"""A small gold file and a JSONL writer, shared by the ``ie-nlp evaluate`` and
``ie-nlp gold-articles`` tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

GOLD = [
    {
        "id": "a1",
        "text": "Novartis acquired AveXis. AveXis develops gene therapy.",
        "actors": [
            {"name": "Novartis", "type": "large_pharma", "aliases": ["Novartis AG"]},
            {"name": "AveXis", "type": "biotech", "aliases": []},
        ],
        "capabilities": [{"category": "gene_therapy", "actor": "AveXis"}],
        "relationships": [{"type": "acquisition", "source": "Novartis", "target": "AveXis"}],
    }
]


def write_jsonl(path: Path, records: list[Any]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path
