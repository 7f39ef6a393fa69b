"""The extraction pipeline as one spaCy artifact.

``build_pipeline`` makes a new, untrained pipeline: the pretrained English components sourced
from their pip package, then the ie-nlp components; ``ie-nlp train`` fits its trained parts and
writes it with ``save_pipeline``. The folder holds ``config.cfg`` (the base package each
pretrained component is sourced from, every ie-nlp component's settings and its registered
word-list loader), the tokenizer, the entity ruler's patterns and the trained models with their
sidecars. ``load_pipeline`` reads such a folder, or an installed package of a whole pipeline;
a missing or incompatible part raises ``ModelLoadError`` (``model_unavailable``).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import spacy
from spacy import util
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex

from ie_nlp._version import __version__
from ie_nlp.errors import ModelLoadError
from ie_nlp.nlp import actors, capabilities, relations, terms, text  # noqa: F401 (factories)
from ie_nlp.nlp.actor_ruler import gazetteer_patterns, name_cue_patterns
from ie_nlp.nlp.glued_words import add_glued_word_rules  # also registers ie_glued_words
from ie_nlp.nlp.lexicons import get_lexicons

logger = logging.getLogger(__name__)

# Runs of hyphens and dashes join a dateline to the first word ("N.J.----Merck"); markdown's
# bold marks, where scraping dropped the spaces, join a name to its neighbours
# ("announced,**Jannie Oosthuizen**leads").
_EXTRA_INFIXES = [r"-{2,}", r"[–—]", r"\*{2,}", r"(?<=[A-Za-z])[,;:](?=\*{2})"]
REQUIRED_BASE = ("parser", "ner")
# Components the trainer fits; a loaded pipeline must have their models.
TRAINED = ("ie_actors", "ie_capabilities", "ie_relations")


def build_pipeline(
    base_model: str, component_config: dict[str, dict[str, Any]] | None = None
) -> Language:
    """A new pipeline over the pretrained ``base_model`` (package name or path), its trained
    parts still empty. ``component_config`` overrides ie-nlp components' settings by name."""
    try:
        base = spacy.load(base_model)
    except (OSError, ImportError) as error:
        raise ModelLoadError(f"cannot load spaCy pipeline {base_model!r}: {error}") from error
    missing = set(REQUIRED_BASE) - set(base.pipe_names)
    if missing:
        raise ModelLoadError(f"spaCy pipeline {base_model!r} lacks {sorted(missing)}")
    nlp = spacy.blank(base.lang or "en", vocab=base.vocab)  # its norms table feeds the tok2vec
    for name in base.pipe_names:
        nlp.add_pipe(name, source=base)
    nlp.meta.update(name="ie_nlp", version=__version__)
    nlp.meta["ie_nlp"] = {"base_model": base_model, "sourced": list(base.pipe_names)}
    tokenizer: Tokenizer = nlp.tokenizer  # type: ignore[assignment]
    infixes = add_glued_word_rules(tokenizer, [*(nlp.Defaults.infixes or []), *_EXTRA_INFIXES])
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    overrides = component_config or {}
    nlp.add_pipe("ie_glued_words", first=True)
    nlp.add_pipe("ie_paragraphs", before="parser")
    ruler = nlp.add_pipe(
        "entity_ruler",
        name="ie_actor_ruler",
        before="ner",
        config={"phrase_matcher_attr": "ORTH", "validate": False},
    )
    lexicons = get_lexicons()
    ruler.add_patterns([*gazetteer_patterns(lexicons), *name_cue_patterns(lexicons)])  # type: ignore[attr-defined]
    for name in ("ie_actors", "ie_capabilities", "ie_relations", "ie_terms"):
        nlp.add_pipe(name, config=overrides.get(name, {}))
    return nlp


def save_pipeline(nlp: Language, folder: Path) -> None:
    """Writes the ie-nlp parts and the config; the pretrained components stay in their
    package, named as their ``source``."""
    for name in TRAINED:
        if not nlp.get_pipe(name).trained:  # type: ignore[attr-defined]
            raise ModelLoadError(f"component {name!r} is not trained: nothing to save")
    base = nlp.meta["ie_nlp"]
    nlp.to_disk(folder, exclude=base["sourced"])
    config = util.load_config(folder / "config.cfg", interpolate=False)
    for name in base["sourced"]:
        config["components"][name] = {"source": base["base_model"]}
    config.to_disk(folder / "config.cfg")


def _sourced(config: Any) -> list[str]:
    return [name for name, block in config["components"].items() if "source" in block]


def load_pipeline(name: str, overrides: dict[str, Any] | None = None) -> Language:
    """The pipeline in folder ``name`` (written by ``save_pipeline``), or the installed
    package ``name``. ``overrides`` are config values by dotted path
    (``{"components.ie_capabilities.embedding_model": "..."}``)."""
    folder = Path(name)
    overrides = overrides or {}
    try:
        if (folder / "config.cfg").is_file():
            config = util.load_config(folder / "config.cfg", overrides=overrides)
            nlp = util.load_model_from_config(config)
            nlp.from_disk(folder, exclude=_sourced(config))
        else:
            nlp = spacy.load(name, config=overrides)
    except ModelLoadError as error:
        raise ModelLoadError(f"pipeline {name!r}: {error.message}") from error
    except (OSError, ImportError, ValueError, KeyError) as error:
        raise ModelLoadError(
            f"cannot load pipeline {name!r}: {error}. Build it with `ie-nlp train`, or set "
            "IE_PIPELINE to a pipeline folder or package."
        ) from error
    missing = [c for c in ("ie_actor_ruler", *TRAINED, "ie_terms") if c not in nlp.pipe_names]
    if missing:
        raise ModelLoadError(f"pipeline {name!r} lacks the ie-nlp components {missing}")
    logger.info("loaded pipeline %s: %s", name, ", ".join(nlp.pipe_names))
    return nlp
