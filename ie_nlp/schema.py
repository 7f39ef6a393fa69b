"""Pydantic models of CONTRACT.md's records: the input article and the extraction result."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ie_nlp.taxonomy import ACTOR_TYPES, CAPABILITY_CATEGORIES, RELATIONSHIP_TYPES, get_taxonomy

SCHEMA_VERSION = "1"


# A string with a character that is no whitespace by ``str.isspace`` (what ``strip`` removes),
# spelled out because the ``\s`` of JSON Schema's regex dialect is another set.
NON_BLANK = r"[^\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"


class InputArticle(BaseModel):
    """One article to process: a non-blank ``text`` or ``html`` is required, or a ``url`` to
    fetch."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            # The rule of ``_text_or_html``, stated in the schema.
            "anyOf": [
                {"required": [name], "properties": {name: {"type": "string", "pattern": NON_BLANK}}}
                for name in ("text", "html", "url")
            ],
            "examples": [
                {
                    "id": "demo-1",
                    "title": "Rhine Valley Bio raises EUR 40 million",
                    "text": "Rhine Valley Bio, a clinical-stage biotechnology company, today "
                    "announced a EUR 40 million Series B financing led by Alpine Ventures.",
                    "published": "2026-03-02",
                }
            ],
        },
    )

    id: str = Field(min_length=1, description="Article identifier, echoed in the result.")
    text: str | None = Field(None, description="Plain text of the article.")
    html: str | None = Field(None, description="HTML of the article page; converted to text.")
    title: str | None = None
    url: str | None = None
    published: str | None = Field(None, description="ISO 8601 date or datetime.")
    source: str | None = None
    language: str | None = None

    @model_validator(mode="after")
    def _text_or_html(self) -> InputArticle:
        if not self.has_content and not (self.url and self.url.strip()):
            raise ValueError(
                "either a non-empty 'text' or 'html' (or a 'url' to fetch) is required"
            )
        return self

    @property
    def has_content(self) -> bool:
        """Whether the article carries its text or HTML (else only a URL to fetch)."""
        return bool((self.text and self.text.strip()) or (self.html and self.html.strip()))


class Span(BaseModel):
    """A character span of the article text: ``text == article_text[start:end]``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError("a span's end comes before its start")
        return self


class Actor(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str
    name: str
    type: str
    aliases: list[str] = Field(default_factory=list)
    mentions: list[Span] = Field(default_factory=list)
    attributes: dict[str, Any] = Field(default_factory=dict)
    confidence: float = Field(1.0, ge=0.0, le=1.0)

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in ACTOR_TYPES:
            raise ValueError(f"unknown actor type {value!r}")
        return value


class Capability(BaseModel):
    model_config = ConfigDict(extra="allow")

    category: str
    market: str
    actor: str | None
    mentions: list[Span] = Field(default_factory=list)
    evidence: Span | None = None
    confidence: float = Field(1.0, ge=0.0, le=1.0)
    source: str | None = Field(
        None, description="How it was found: lexicon, inn_stem or embedding."
    )

    @field_validator("category")
    @classmethod
    def _known_category(cls, value: str) -> str:
        if value not in CAPABILITY_CATEGORIES:
            raise ValueError(f"unknown capability category {value!r}")
        return value

    @model_validator(mode="after")
    def _market_of_category(self) -> Capability:
        expected = get_taxonomy().market_of(self.category)
        if self.market != expected:
            raise ValueError(f"{self.category!r} belongs to the {expected!r} market")
        return self


class Relationship(BaseModel):
    model_config = ConfigDict(extra="allow")

    type: str
    source: str
    target: str
    confidence: float = Field(ge=0.0, le=1.0)
    evidence: Span
    attributes: dict[str, Any] = Field(default_factory=dict)
    trigger: str | None = Field(
        None,
        description=(
            "The word or title that states it; 'co-mention' for an affiliation no rule states, "
            "kept by the trained scorer because the sentence names the two together."
        ),
    )

    @field_validator("type")
    @classmethod
    def _known_relationship(cls, value: str) -> str:
        if value not in RELATIONSHIP_TYPES:
            raise ValueError(f"unknown relationship type {value!r}")
        return value

    @model_validator(mode="after")
    def _two_actors(self) -> Relationship:
        if self.source == self.target:
            raise ValueError("a relationship joins two different actors")
        return self


class ExtractionResult(BaseModel):
    """What ``ie-nlp extract`` writes per article and ``POST /v1/extract`` returns."""

    model_config = ConfigDict(extra="allow")

    schema_version: str = SCHEMA_VERSION
    id: str
    actors: list[Actor] = Field(default_factory=list)
    capabilities: list[Capability] = Field(default_factory=list)
    relationships: list[Relationship] = Field(default_factory=list)
    text: str | None = Field(
        None, description="The text that offsets refer to; given only when the input was HTML."
    )
    terms: list[str] = Field(
        default_factory=list,
        description="The article's noun phrases, normalised (lower case, nouns lemmatised), "
        "for the rising-term signal.",
    )
    meta: dict[str, Any] = Field(
        default_factory=dict,
        description="How the article was processed: text length, sentences, models, timing.",
    )

    def as_record(self) -> dict[str, Any]:
        """The JSON object written per article; ``text`` only where offsets need it."""
        record = self.model_dump(mode="json")
        if record.get("text") is None:
            record.pop("text", None)
        return record

    @model_validator(mode="after")
    def _references_resolve(self) -> ExtractionResult:
        ids = {actor.id for actor in self.actors}
        if len(ids) != len(self.actors):
            raise ValueError("actor ids must be unique within a result")
        for capability in self.capabilities:
            if capability.actor is not None and capability.actor not in ids:
                raise ValueError(f"capability refers to unknown actor {capability.actor!r}")
        for relationship in self.relationships:
            if relationship.source not in ids or relationship.target not in ids:
                raise ValueError("relationship refers to an unknown actor")
        return self
