"""ie_nlp.nlp.dependency_paths: how two mentions are joined in the parse of the real
pipeline."""

from __future__ import annotations

from spacy.language import Language

from ie_nlp.nlp.dependency_paths import arcs_up, dependency_path, list_head, mention_root


def test_subject_and_object_meet_at_their_verb(nlp: Language) -> None:
    doc = nlp("Acme Therapeutics makes vaccines for children.")
    company = mention_root(doc, 0)  # "Acme" -> the head of its noun phrase
    assert company.text == "Therapeutics"
    vaccines, children = doc[3], doc[5]
    path, common = dependency_path(company, vaccines)
    assert common is not None and common.lemma_ == "make"
    assert path == "nsubj<make>dobj"
    assert arcs_up(company, common) + arcs_up(vaccines, common) == 2
    assert arcs_up(children, common) == 3
    assert dependency_path(company, children)[0] == "nsubj<make>dobjvprepvpobj"


def test_every_member_of_a_list_stands_where_its_first_member_stands(nlp: Language) -> None:
    doc = nlp(
        "Acme Therapeutics announced an investment from Alpha Ventures, Beta Capital and "
        "Gamma Partners."
    )
    alpha, beta, gamma = (mention_root(doc, position) for position in (6, 9, 12))
    assert [alpha.text, beta.text, gamma.text] == ["Ventures", "Capital", "Partners"]
    assert list_head(beta) == alpha and list_head(gamma) == alpha
    assert list_head(alpha) == alpha
    assert (
        dependency_path(mention_root(doc, 0), list_head(gamma))[0]
        == "nsubj<announce>dobjvprepvpobj"
    )
