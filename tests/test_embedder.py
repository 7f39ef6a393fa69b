"""ie_nlp.embedder: sentence vectors from the bundled MiniLM."""

from __future__ import annotations

import numpy as np

from ie_nlp.embedder import ENCODE_BATCH_SIZE, Embedder, get_embedder

SENTENCES = [
    "Merck acquired Acme.",
    "Acme Therapeutics, a clinical-stage biotech company developing antibody-drug conjugates "
    "for autoimmune disorders, today announced a strategic investment from Sanofi Ventures.",
    "The trial met its primary endpoint.",
    "Jane Doe, Chief Executive Officer of Acme, said the funds will take the lead programme "
    "through a Phase 2 study in rheumatoid arthritis and two more indications next year.",
    "Lilly will pay $135 million upfront.",
]


def test_vectors_are_unit_length_and_one_per_sentence() -> None:
    vectors = get_embedder().encode(SENTENCES)
    assert vectors.shape == (len(SENTENCES), get_embedder().dimension)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert get_embedder().encode([]).shape == (0, get_embedder().dimension)


def test_the_small_batches_give_the_vectors_one_batch_gives() -> None:
    # the batch size is chosen for speed alone (embedder.ENCODE_BATCH_SIZE): sentences of
    # different lengths padded together must not change what a sentence is embedded as
    small = get_embedder()
    assert small.batch_size == ENCODE_BATCH_SIZE < len(SENTENCES)
    one_batch = Embedder(small.model_path, batch_size=len(SENTENCES))
    assert np.allclose(small.encode(SENTENCES), one_batch.encode(SENTENCES), atol=1e-5)
