"""The sources file (YAML or TOML): which feeds, sitemaps, listing pages and single URLs to
collect, with per-source options. Validated with pydantic so a typo fails before any request."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ie_nlp.errors import InputFileError

EntryKind = Literal["feed", "sitemap", "listing", "auto"]
KINDS: tuple[EntryKind, ...] = ("feed", "sitemap", "listing")


class Source(BaseModel):
    """One source: give exactly one of ``feed``, ``sitemap``, ``listing`` or ``urls``."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    feed: str | None = Field(default=None, description="RSS, Atom or JSON Feed URL.")
    sitemap: str | None = Field(
        default=None, description="Sitemap, sitemap index or news sitemap URL."
    )
    listing: str | None = Field(default=None, description="HTML page that links to articles.")
    urls: list[str] = Field(default_factory=list, description="Single pages (kind recognised).")
    link_pattern: str | None = Field(default=None, description="Regex an article link must match.")
    language: str | None = Field(
        default=None, description="Language when a page does not declare one."
    )
    include: list[str] = Field(default_factory=list, description="Regexes; a URL must match one.")
    exclude: list[str] = Field(default_factory=list, description="Regexes; no URL may match any.")
    max_pages: int | None = Field(default=None, ge=1, description="Most articles fetched per run.")
    delay: float | None = Field(
        default=None, ge=0, description="Seconds between requests to its host."
    )

    @field_validator("include", "exclude")
    @classmethod
    def _regexes(cls, values: list[str]) -> list[str]:
        for value in values:
            re.compile(value)
        return values

    @field_validator("link_pattern")
    @classmethod
    def _regex(cls, value: str | None) -> str | None:
        if value is not None:
            re.compile(value)
        return value

    @model_validator(mode="after")
    def _one_kind(self) -> Source:
        given = [kind for kind in KINDS if getattr(self, kind)] + (["urls"] if self.urls else [])
        if len(given) != 1:
            raise ValueError(
                f"source {self.name!r}: give exactly one of feed, sitemap, listing, urls"
            )
        return self

    def entries(self) -> list[tuple[str, EntryKind]]:
        """The URLs a crawl of this source starts from, each with its kind."""
        for kind in KINDS:
            value = getattr(self, kind)
            if value:
                return [(value, kind)]
        return [(url, "auto") for url in self.urls]

    def wants(self, url: str) -> bool:
        """Whether a discovered URL passes the include and exclude patterns."""
        if self.include and not any(re.search(p, url) for p in self.include):
            return False
        return not any(re.search(p, url) for p in self.exclude)


class SourcesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    defaults: dict[str, Any] = Field(
        default_factory=dict, description="Options applied to every source that does not set them."
    )
    sources: list[Source]

    @model_validator(mode="before")
    @classmethod
    def _apply_defaults(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("defaults"), dict):
            defaults = data["defaults"]
            data = {
                **data,
                "sources": [
                    {**defaults, **item} if isinstance(item, dict) else item
                    for item in data.get("sources") or []
                ],
            }
        return data


def load_sources(path: Path) -> list[Source]:
    """Read a ``.yaml``/``.yml`` or ``.toml`` sources file."""
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as error:
        raise InputFileError(f"cannot read sources file {path}: {error}") from error
    try:
        data = tomllib.loads(raw) if path.suffix.lower() == ".toml" else yaml.safe_load(raw)
    except (tomllib.TOMLDecodeError, yaml.YAMLError) as error:
        raise InputFileError(f"{path} is not valid YAML/TOML: {error}") from error
    try:
        return SourcesFile.model_validate(data or {}).sources
    except ValidationError as error:
        raise InputFileError(f"{path}: invalid sources file:\n{error}") from error
