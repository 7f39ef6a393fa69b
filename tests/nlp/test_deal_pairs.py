"""ie_nlp.nlp.deal_pairs: the deal model's candidates (named pairs, the text's topic when a
sentence leaves it implicit) and their features, on real parses."""

from __future__ import annotations

from typing import Any

from spacy.language import Language

from ie_nlp.nlp.deal_pairs import DealPair, deal_pairs, pair_features


def pairs_of(nlp: Language, text: str) -> tuple[list[DealPair], Any]:
    doc = nlp(text)
    relations: Any = nlp.get_pipe("ie_relations")
    return list(deal_pairs(doc, relations.triggers, relations.lexicons)), relations


def names(pair: DealPair) -> tuple[str, str]:
    return pair.first[1].name, pair.second[1].name


def test_two_named_organisations_are_a_pair_with_the_rules_say(nlp: Language) -> None:
    pairs, relations = pairs_of(
        nlp,
        "Acme Therapeutics Inc. and Globex Pharma AG entered into an exclusive license agreement.",
    )
    [pair] = [p for p in pairs if not p.implicit]
    assert names(pair) == ("Acme Therapeutics Inc.", "Globex Pharma AG")
    features = pair_features(pair, relations.triggers)
    assert features["trig=licensing"] == 1.0
    assert "implicit" not in features and features["zone=headline"] == 1.0


def test_a_sentence_that_leaves_the_topic_implicit_pairs_it(nlp: Language) -> None:
    text = (
        "Acme Therapeutics develops vaccines against malaria in Boston. Acme Therapeutics "
        "said the trial starts in May. The programme is funded by the Gates Foundation."
    )
    pairs, relations = pairs_of(nlp, text)
    implicit = [p for p in pairs if p.implicit]
    assert [names(p) for p in implicit] == [("Acme Therapeutics", "Gates Foundation")]
    features = pair_features(implicit[0], relations.triggers)
    assert features["implicit"] == 1.0 and features["prep2=by"] == 1.0
    assert features["head2=fund"] == 1.0


def test_the_about_paragraph_is_a_zone_of_its_own(nlp: Language) -> None:
    text = (
        "Acme Therapeutics Reports Results\n\nAbout Acme Therapeutics\n\nAcme Therapeutics "
        "partners with Globex Pharma on antibodies."
    )
    pairs, relations = pairs_of(nlp, text)
    named = [p for p in pairs if not p.implicit and p.number > 0]
    assert named, "the About paragraph's pair is a candidate"
    assert all(pair_features(p, relations.triggers)["zone=about"] == 1.0 for p in named)
    assert all("about" not in p.zones for p in pairs if p.number == 0)


def test_the_members_of_a_list_of_investors_share_the_first_ones_path(nlp: Language) -> None:
    pairs, relations = pairs_of(
        nlp,
        "Acme Therapeutics announced an investment from Alpha Ventures, Beta Capital and "
        "Gamma Partners.",
    )
    paths = {
        names(p)[1]: {f for f in pair_features(p, relations.triggers) if f.startswith("path=")}
        for p in pairs
        if not p.implicit and names(p)[0] == "Acme Therapeutics"
    }
    assert set(paths) >= {"Alpha Ventures", "Beta Capital"}
    assert (
        paths["Beta Capital"] == paths["Alpha Ventures"] == {"path=nsubj<announce>dobjvprepvpobj"}
    )
    [within] = [p for p in pairs if names(p) == ("Alpha Ventures", "Beta Capital")]
    assert pair_features(within, relations.triggers)["list"] == 1.0
