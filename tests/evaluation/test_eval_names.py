"""Name normalisation (ie_nlp.names): the key both evaluation and pipeline match actors on."""

from __future__ import annotations

import pytest

from ie_nlp.names import legal_suffixes, name_keys, name_words, normalize_name


@pytest.mark.parametrize(
    ("variants", "key"),
    [
        (["Novartis", "Novartis AG", "NOVARTIS A.G.", "novartis, ag"], "novartis"),
        (["Moderna, Inc.", "Moderna Inc", "MODERNA"], "moderna"),
        (["Genmab A/S", "Genmab"], "genmab"),
        (["BioNTech SE", "Biontech"], "biontech"),
        (["Recordati S.p.A.", "Recordati SpA", "Recordati"], "recordati"),
        (["Foo Co., Ltd.", "Foo Company Limited", "Foo"], "foo"),
        (["Eli Lilly and Company", "Eli Lilly & Co.", "Eli Lilly"], "eli lilly"),
        (["Procter & Gamble", "Procter and Gamble Co."], "procter and gamble"),
        (["Boehringer Ingelheim GmbH & Co. KG", "Boehringer-Ingelheim"], "boehringer ingelheim"),
        (
            ["The Scripps Research Institute", "Scripps Research Institute"],
            "scripps research institute",
        ),
        (["Nestlé Health Science S.A.", "Nestle Health Science"], "nestle health science"),
        (["Dr. Reddy's Laboratories Ltd.", "Dr Reddy’s Laboratories"], "dr reddys laboratories"),
        (["Castone\nDevelopment  Corp"], "castone development"),
        (
            ["Computershare Trust Company, N.A.", "Computershare Trust Company"],
            "computershare trust",
        ),
    ],
)
def test_case_punctuation_and_legal_suffixes_are_ignored(variants: list[str], key: str) -> None:
    assert {normalize_name(variant) for variant in variants} == {key}


def test_merck_kgaa_stays_apart_from_merck_and_co() -> None:
    assert normalize_name("Merck & Co., Inc.") == "merck"
    assert normalize_name("Merck KGaA") == "merck kgaa"
    assert normalize_name("Merck KGaA, Darmstadt, Germany") != normalize_name("Merck & Co.")


def test_meaningful_words_are_kept() -> None:
    assert normalize_name("Roche Holding AG") == "roche holding"
    assert normalize_name("Arsenal Holdings Inc") != normalize_name("Arsenal Acquiring Corp")
    assert normalize_name("Johnson & Johnson") == "johnson and johnson"
    assert normalize_name("AB Science") == "ab science"  # a suffix word at the start stays


def test_the_first_word_is_never_dropped() -> None:
    assert normalize_name("AG") == "ag"
    assert normalize_name("The") == "the"
    assert normalize_name("Inc.") == "inc"


def test_names_without_letters_give_an_empty_key_and_no_alias_key() -> None:
    assert normalize_name("--") == ""
    assert name_keys("Pfizer Inc.", ["PFE", "...", "Pfizer"]) == frozenset({"pfizer", "pfe"})


def test_words_and_suffix_data_file() -> None:
    assert name_words("S.à r.l. A/S") == ["sa", "rl", "a", "s"]
    suffixes = legal_suffixes()
    assert ("gmbh",) in suffixes and ("spa",) in suffixes and ("a", "s") in suffixes
    assert ("kgaa",) not in suffixes and ("holdings",) not in suffixes
