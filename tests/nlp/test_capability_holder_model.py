"""ie_nlp.nlp.models.capability_holder_model: which pairs are kept, and the estimator saved
and loaded with its sidecar."""

from __future__ import annotations

from pathlib import Path

import spacy

from ie_nlp.nlp.capability_holders import HolderCandidate
from ie_nlp.nlp.models.capability_holder_model import CapabilityHolderModel, kept_pairs
from ie_nlp.nlp.records import ActorRecord

NLP = spacy.blank("en")


def pair(category: str, holder: str | None, features: dict[str, float]) -> HolderCandidate:
    doc = NLP("Acme makes vaccines.")
    actor = ActorRecord(id=holder, kind="org", mentions=[doc[0:1]]) if holder else None
    return HolderCandidate(category, actor, [doc[2:3]], doc[0:4], "lexicon", features)


def test_nobody_is_kept_only_for_a_category_no_named_holder_keeps() -> None:
    held = [pair("vaccines", "acme", {}), pair("vaccines", None, {})]
    unheld = [pair("biologics", "acme", {}), pair("biologics", None, {})]
    kept = kept_pairs(held + unheld, [0.7, 0.9, 0.2, 0.6], threshold=0.5, nobody_threshold=0.5)
    assert [(c.category, c.holder.id if c.holder else None) for c, _ in kept] == [
        ("vaccines", "acme"),
        ("biologics", None),
    ]
    assert [p for _, p in kept] == [0.7, 0.6]


def test_nothing_below_its_threshold_is_kept() -> None:
    candidates = [pair("vaccines", "acme", {}), pair("vaccines", None, {})]
    assert kept_pairs(candidates, [0.49, 0.79], threshold=0.5, nobody_threshold=0.8) == []


def test_a_fitted_model_ranks_by_its_features_and_survives_saving(tmp_path: Path) -> None:
    features = [{"subject": 1.0}, {"far": 1.0}] * 40
    model = CapabilityHolderModel.fit(features, [1, 0] * 40, {"threshold": 0.4})
    subject, far = pair("vaccines", "a", {"subject": 1.0}), pair("vaccines", "b", {"far": 1.0})
    model.save(tmp_path / "holders.joblib", {})
    loaded = CapabilityHolderModel.load(tmp_path / "holders.joblib")
    high, low = loaded.probabilities([subject, far])
    assert high > 0.9 > 0.1 > low
    assert loaded.threshold == 0.4
    assert [c.holder.id for c, _ in loaded.decide([subject, far]) if c.holder] == ["a"]
