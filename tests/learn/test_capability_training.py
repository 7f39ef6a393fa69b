"""ie_nlp.learn.capability_training: thresholds chosen for record F1 on held-out articles,
counting the gold records no candidate reaches."""

from __future__ import annotations

import spacy

from ie_nlp.learn.capability_training import (
    HolderExamples,
    fit_holder_model,
    middle_of_near_best,
)
from ie_nlp.nlp.capability_holders import HolderCandidate
from ie_nlp.nlp.records import ActorRecord

NLP = spacy.blank("en")


def examples(articles: int, unreachable_per_article: int) -> HolderExamples:
    doc = NLP("Acme makes vaccines with Globex.")
    found = HolderExamples()
    for article in range(articles):
        for name, features, label in (("acme", {"subject": 1.0}, 1), ("globex", {"far": 1.0}, 0)):
            actor = ActorRecord(id=name, kind="org", mentions=[doc[0:1]])
            found.candidates.append(
                HolderCandidate("vaccines", actor, [doc[2:3]], doc[0:6], "lexicon", features)
            )
            found.labels.append(label)
            found.articles.append(article)
        found.documents += 1
        found.gold_records += 1 + unreachable_per_article
    return found


def test_separable_pairs_give_a_perfect_held_out_f1() -> None:
    model = fit_holder_model(examples(50, 0))
    assert model.metadata["held_out_record_f1"] == 1.0
    # every pair kept is right and held out near probability 1: nothing to miscalibrate
    assert 0.0 <= model.metadata["held_out_calibration_error"] < 0.05
    assert model.metadata["examples"] == 100
    assert model.metadata["positives"] == 50


def test_gold_records_no_candidate_reaches_count_as_missed() -> None:
    model = fit_holder_model(examples(50, 1))
    assert model.metadata["held_out_record_f1"] == round(2 * 50 / (50 + 100), 4)


def test_on_a_flat_top_the_middle_thresholds_are_chosen() -> None:
    # separable pairs score F1 1.0 at every threshold from 0.1 to 0.8: the whole grid ties
    model = fit_holder_model(examples(50, 0))
    assert (model.threshold, model.nobody_threshold) == (0.45, 0.45)


def test_the_middle_is_taken_among_the_pairs_near_the_best() -> None:
    scores = {
        (0.2, 0.1): 0.630,  # more than 0.005 below the best: not near it
        (0.3, 0.1): 0.6355,
        (0.35, 0.2): 0.636,
        (0.4, 0.3): 0.6364,
        (0.5, 0.3): 0.6330,
    }
    # the three near the best have medians 0.35 and 0.2 (the lowest would be 0.3/0.1)
    assert middle_of_near_best(scores) == (0.35, 0.2)
