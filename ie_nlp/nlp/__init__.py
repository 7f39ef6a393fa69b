"""The spaCy pipeline: components that find actors, capabilities and relationships."""

from ie_nlp.nlp.pipeline import build_pipeline

__all__ = ["build_pipeline"]
