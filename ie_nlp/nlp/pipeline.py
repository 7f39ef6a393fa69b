"""Builds the spaCy pipeline from settings: the pretrained English pipeline plus the ie-nlp
components, each configured through spaCy's config system."""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex

from ie_nlp.errors import ModelLoadError
from ie_nlp.nlp import actors, capabilities, relations, text  # noqa: F401  (register factories)
from ie_nlp.nlp.actor_ruler import gazetteer_patterns, name_cue_patterns
from ie_nlp.nlp.lexicons import get_lexicons
from ie_nlp.settings import Settings

ACTOR_TYPE_MODEL = "actor_type_model.joblib"
ACTOR_FILTER_MODEL = "actor_filter_model.joblib"
RELATION_SCORER = "relation_scorer.joblib"
# Runs of hyphens and dashes join a dateline to the first word ("N.J.----Merck"); scraped
# quotes lose the space after "said" ("saidSusan Hutchinson").
_EXTRA_INFIXES = [r"-{2,}", r"[–—]", r"(?<=\bsaid)(?=[A-Z][a-z])", r"(?<=\bsays)(?=[A-Z][a-z])"]


def build_pipeline(settings: Settings) -> Language:
    try:
        nlp = spacy.load(settings.spacy_model)
    except (OSError, ImportError) as error:
        raise ModelLoadError(
            f"cannot load spaCy pipeline {settings.spacy_model!r}: {error}"
        ) from error
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelLoadError(f"spaCy pipeline {settings.spacy_model!r} lacks {sorted(missing)}")
    nlp.max_length = settings.max_text_chars + 1
    tokenizer: Tokenizer = nlp.tokenizer  # type: ignore[assignment]
    tokenizer.infix_finditer = compile_infix_regex(
        [*(nlp.Defaults.infixes or []), *_EXTRA_INFIXES]
    ).finditer
    nlp.add_pipe("ie_paragraphs", before="parser")
    lexicons = get_lexicons()
    ruler = nlp.add_pipe(
        "entity_ruler",
        name="ie_actor_ruler",
        before="ner",
        config={"phrase_matcher_attr": "ORTH", "validate": False},
    )
    ruler.add_patterns([*gazetteer_patterns(lexicons), *name_cue_patterns(lexicons)])  # type: ignore[attr-defined]
    models = settings.models_dir
    nlp.add_pipe(
        "ie_actors",
        config={
            "type_model_path": str(models / ACTOR_TYPE_MODEL),
            "filter_model_path": str(models / ACTOR_FILTER_MODEL),
        },
    )
    nlp.add_pipe(
        "ie_capabilities",
        config={
            "use_embeddings": settings.use_embeddings,
            "embedding_model": settings.embedding_model,
            "torch_threads": settings.torch_threads,
            "similarity_threshold": settings.capability_similarity,
        },
    )
    nlp.add_pipe(
        "ie_relations",
        config={
            "scorer_path": str(models / RELATION_SCORER),
            "embedding_model": settings.embedding_model,
            "use_embeddings": settings.use_embeddings,
            "torch_threads": settings.torch_threads,
        },
    )
    return nlp
