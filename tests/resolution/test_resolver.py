"""``ie_nlp.resolution``: cross-article actor resolution (``ActorResolver``) and alias files, with
the real embedder and gazetteer (no mocks)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ie_nlp.embedder import Embedder, get_embedder
from ie_nlp.errors import AliasFileError
from ie_nlp.resolution.alias_file import load_alias_file
from ie_nlp.resolution.resolver import ActorMention, ActorResolver
from ie_nlp.settings import Settings

PAIRS = Path(__file__).resolve().parents[2] / "corpora" / "resolution" / "pairs.jsonl"


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return get_embedder()


def make(
    embedder: Embedder, alias_file: Path | None = None, threshold: float = 0.85
) -> ActorResolver:
    return ActorResolver(load_alias_file(alias_file), embedder, threshold)


def mention(name: str, type_: str | None = "large_pharma", context: str = "") -> ActorMention:
    return ActorMention(name, type_, (), context)


def test_merck_forms_are_one_actor_and_merck_kgaa_another(embedder: Embedder) -> None:
    resolver = make(embedder)
    first = resolver.resolve(mention("Merck & Co., Inc."))
    assert first.reason == "new actor"
    others = [resolver.resolve(mention(n)) for n in ("Merck", "MSD", "Merck Sharp & Dohme")]
    assert {r.actor_id for r in others} == {first.actor_id}
    assert all(r.canonical_name == "Merck & Co." for r in others)
    assert all(r.reason == "gazetteer alias of Merck & Co." for r in others)
    kgaa = resolver.resolve(mention("Merck KGaA"))
    assert kgaa.actor_id != first.actor_id
    assert resolver.resolve(mention("EMD Serono")).actor_id == kgaa.actor_id
    unit = resolver.resolve(mention("Merck Research Laboratories"))
    assert unit.actor_id not in {first.actor_id, kgaa.actor_id}


def test_compare_gives_reasons(embedder: Embedder) -> None:
    resolver = make(embedder)
    kgaa = resolver.compare(mention("Merck & Co."), mention("Merck KGaA"))
    assert not kgaa.same and "separately" in kgaa.reason
    short = resolver.compare(
        mention("Oncotelic", "biotech"), mention("Oncotelic Therapeutics, Inc.")
    )
    assert short.same and short.reason == "short form of Oncotelic Therapeutics, Inc."
    acronym = resolver.compare(
        mention("AATAC", "intermediary"), mention("Asian American Trade Associations Council", None)
    )
    assert acronym.same and acronym.reason == "acronym of Asian American Trade Associations Council"
    spelling = resolver.compare(
        mention("Central Drugs Standard Control Organization", "public_body"),
        mention("Central Drugs Standard Control Organisation", "public_body"),
    )
    assert spelling.same and spelling.score is not None and spelling.score >= 0.85
    assert spelling.reason.startswith("embedding similarity") and "(name)" in spelling.reason
    word_more = resolver.compare(
        mention("Indiana University", "university"),
        mention("Indiana State University", "university"),
    )
    assert not word_more.same and word_more.reason == "'state' in one name only"


def test_incompatible_types_do_not_merge_without_a_name_rule(embedder: Embedder) -> None:
    resolver = make(embedder, threshold=0.5)
    same_types = resolver.compare(
        mention("Precision BioSciences", "biotech"), mention("Precision Bioscience", "biotech")
    )
    assert same_types.same
    clash = resolver.compare(
        mention("Precision BioSciences", "university"), mention("Precision Bioscience", "biotech")
    )
    assert not clash.same and clash.reason == "incompatible types university and biotech"


def test_context_can_lift_a_borderline_name_score(embedder: Embedder) -> None:
    resolver = make(embedder, threshold=0.88)
    context = "a cell therapy company developing CAR-T treatments for blood cancers"
    bare = resolver.compare(mention("Kite Pharma", "biotech"), mention("Kite Pharmaceuticals"))
    assert not bare.same and "(name)" in bare.reason
    lifted = resolver.compare(
        mention("Kite Pharma", "biotech", context), mention("Kite Pharmaceuticals", None, context)
    )
    assert lifted.same and "(name+context)" in lifted.reason


def test_persons_merge_only_on_the_full_name(embedder: Embedder) -> None:
    resolver = make(embedder)
    first = resolver.resolve(mention("Joseph J. Wolk", "person"))
    assert resolver.resolve(mention("Joseph J Wolk", "person")).actor_id == first.actor_id
    assert resolver.resolve(mention("Wolk", "person")).actor_id != first.actor_id
    assert resolver.resolve(mention("Joseph Wolk", "person")).actor_id != first.actor_id
    org = resolver.compare(mention("Susan Hutchinson", "person"), mention("Hutchinson", "biotech"))
    assert not org.same and org.reason == "a person and an organisation"


def test_alias_file_splits_and_joins(embedder: Embedder, tmp_path: Path) -> None:
    path = tmp_path / "aliases.yaml"
    path.write_text(
        'same:\n  - ["Aurenfeld Innovation", "Aurenfeld Science Park"]\n'
        'different:\n  - ["Lilly", "Eli Lilly and Company"]\n',
        encoding="utf-8",
    )
    plain, custom = make(embedder), make(embedder, path)
    lilly = (mention("Lilly"), mention("Eli Lilly and Company"))
    park = (
        mention("Aurenfeld Innovation", "intermediary"),
        mention("Aurenfeld Science Park", None),
    )
    assert plain.compare(*lilly).same and not plain.compare(*park).same
    assert custom.compare(*lilly).reason == "alias file: different"
    assert not custom.compare(*lilly).same
    assert custom.compare(*park).same and custom.compare(*park).reason == "alias file: same"
    # The rest of the gazetteer entry still holds together.
    assert custom.compare(mention("Eli Lilly"), mention("Eli Lilly and Company")).same
    company = custom.resolve(lilly[1])
    split = custom.resolve(lilly[0])
    assert split.actor_id != company.actor_id and split.canonical_name == "Lilly"
    park_id = custom.resolve(park[1]).actor_id
    joined = custom.resolve(park[0])
    assert joined.actor_id == park_id and joined.reason == "alias file: same"


def test_bad_alias_file_names_file_and_entry(tmp_path: Path) -> None:
    path = tmp_path / "aliases.json"
    path.write_text(json.dumps({"same": [["MSD", "Merck & Co."], ["Roche"]]}), encoding="utf-8")
    with pytest.raises(AliasFileError) as error:
        load_alias_file(path)
    assert error.value.code == "invalid_alias_file"
    assert str(path) in error.value.message and "same entry 2" in error.value.message
    path.write_text(json.dumps({"same": [["A Co", "B Co"]], "different": [["B Co", "A Co"]]}))
    with pytest.raises(AliasFileError, match="also listed as the same actor"):
        load_alias_file(path)


def test_ids_are_stable_and_register_primes_the_resolver(embedder: Embedder) -> None:
    names = ["Pfizer Inc.", "Oncotelic Therapeutics", "Merck", "Oncotelic", "Pfizer", "UCSF"]
    runs = []
    for _ in range(2):
        resolver = make(embedder)
        runs.append([resolver.resolve(mention(n, None)).actor_id for n in names])
    assert runs[0] == runs[1]
    assert runs[0][0] == runs[0][4] and runs[0][1] == runs[0][3]
    assert len(set(runs[0])) == 4
    primed = make(embedder)
    primed.register("act_stored", "Oncotelic Therapeutics", "biotech", ["Oncotelic"])
    resolved = primed.resolve(mention("Oncotelic Therapeutics, Inc.", "biotech"))
    assert resolved.actor_id == "act_stored"


def test_from_settings_reads_threshold_and_alias_file(tmp_path: Path) -> None:
    path = tmp_path / "aliases.yaml"
    path.write_text('same:\n  - ["Foo Labs", "Bar Labs"]\n', encoding="utf-8")
    settings = Settings(alias_file=path, resolution_similarity=0.93)
    resolver = ActorResolver.from_settings(settings, use_embeddings=False)
    assert resolver.threshold == 0.93 and resolver.embedder is None
    assert resolver.compare(mention("Foo Labs"), mention("Bar Labs")).same


def test_pairs_precision_and_recall(embedder: Embedder) -> None:
    resolver = make(embedder, threshold=Settings().resolution_similarity)
    rows = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 300
    counts = {"tp": 0, "fp": 0, "fn": 0}
    for row in rows:
        a, b = (
            ActorMention(s["name"], s["type"], (), s.get("context", ""))
            for s in (row["a"], row["b"])
        )
        same = resolver.compare(a, b).same
        counts["tp"] += same and row["same"]
        counts["fp"] += same and not row["same"]
        counts["fn"] += row["same"] and not same
    precision = counts["tp"] / (counts["tp"] + counts["fp"])
    recall = counts["tp"] / (counts["tp"] + counts["fn"])
    assert precision >= 0.95, counts
    assert recall >= 0.85, counts
