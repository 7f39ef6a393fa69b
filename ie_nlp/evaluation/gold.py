"""Gold files: loading them, and finding the article text they were annotated on.

Two record forms are accepted, mixed freely:

* CONTRACT.md's gold annotation, with the article ``text`` in the record;
* the project's own form in ``corpora/gold/*.jsonl``, without text:
  ``{"id", "source_file", "text_length", "actors", "capabilities", "relationships"}``. The text
  is ``text[:text_length]`` (Python string indices, i.e. code points) of the article with that
  ``id`` in ``<shared corpora>/<source_file>``; no ``text_length`` means the whole text.

The shared corpora folder defaults to ``<repo>/../shared/corpora``
(``Settings.shared_corpora_dir``, env ``IE_SHARED_CORPORA_DIR``). Scoring needs no text, so only
``resolve_texts`` and ``gold_articles`` need that folder.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ie_nlp.errors import GoldFormatError, InputFileError
from ie_nlp.evaluation.records import Annotation, annotation_from_gold, read_jsonl
from ie_nlp.settings import get_settings

__all__ = [
    "GoldRecord",
    "expand_gold_paths",
    "gold_articles",
    "load_gold",
    "load_gold_files",
    "resolve_texts",
]

ARTICLE_FIELDS = ("title", "published", "source")


@dataclass(frozen=True)
class GoldRecord:
    """One gold article: its annotation, and where its text is (or the text itself)."""

    id: str
    annotation: Annotation
    text: str | None = None
    source_file: str | None = None
    text_length: int | None = None
    origin: str = ""
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)


def _gold_record(record: Mapping[str, Any], origin: str) -> GoldRecord:
    annotation = annotation_from_gold(record)
    text, source_file, length = (
        record.get("text"),
        record.get("source_file"),
        record.get("text_length"),
    )
    if text is not None and not isinstance(text, str):
        raise ValueError("'text' must be a string")
    if source_file is not None and (not isinstance(source_file, str) or not source_file):
        raise ValueError("'source_file' must be a non-empty string")
    if length is not None and (
        not isinstance(length, int) or isinstance(length, bool) or length < 0
    ):
        raise ValueError("'text_length' must be a non-negative integer")
    return GoldRecord(annotation.id, annotation, text, source_file, length, origin, dict(record))


def load_gold(path: Path | str) -> list[GoldRecord]:
    """The gold records of one JSONL file; a bad line raises ``GoldFormatError`` with its number."""
    path = Path(path)
    records: list[GoldRecord] = []
    seen: dict[str, int] = {}
    for number, raw in read_jsonl(path):
        try:
            record = _gold_record(raw, f"{path}:{number}")
        except ValueError as error:
            raise GoldFormatError(f"{path}:{number}: {error}") from None
        if record.id in seen:
            raise GoldFormatError(
                f"{path}:{number}: article id {record.id!r} is already annotated on line "
                f"{seen[record.id]}"
            )
        seen[record.id] = number
        records.append(record)
    return records


def expand_gold_paths(paths: Iterable[Path | str]) -> list[Path]:
    """Files as given; a folder stands for the ``*.jsonl`` files in it, in name order."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(path.glob("*.jsonl"))
            if not found:
                raise InputFileError(f"no .jsonl gold files in folder {path}")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise InputFileError(f"gold file {path} does not exist")
    return files


def load_gold_files(paths: Iterable[Path | str]) -> list[GoldRecord]:
    """The records of several gold files (or folders of them); an id may appear only once."""
    records: list[GoldRecord] = []
    origins: dict[str, str] = {}
    for path in expand_gold_paths(paths):
        for record in load_gold(path):
            if record.id in origins:
                raise GoldFormatError(
                    f"{record.origin}: article id {record.id!r} is already annotated in "
                    f"{origins[record.id]}"
                )
            origins[record.id] = record.origin
            records.append(record)
    return records


class _Corpora:
    """The shared corpus files, each read once and indexed by article id."""

    def __init__(self, folder: Path | str | None) -> None:
        self.folder = Path(folder) if folder is not None else get_settings().shared_corpora_dir
        self._files: dict[str, dict[str, Mapping[str, Any]]] = {}

    def article(self, record: GoldRecord) -> Mapping[str, Any]:
        if not self.folder.is_dir():
            raise InputFileError(
                f"gold record {record.id!r} ({record.origin}) has no text and refers to the "
                f"shared corpora folder, which is needed but was not found: looked for "
                f"{self.folder} (pass --corpora or set IE_SHARED_CORPORA_DIR)"
            )
        assert record.source_file is not None
        if record.source_file not in self._files:
            path = self.folder / record.source_file
            if not path.is_file():
                raise InputFileError(
                    f"gold record {record.id!r} ({record.origin}): corpus file {path} not found"
                )
            self._files[record.source_file] = {
                str(article.get("id")): article for _, article in read_jsonl(path)
            }
        article = self._files[record.source_file].get(record.id)
        if article is None:
            raise GoldFormatError(
                f"gold record {record.id!r} ({record.origin}): no article with that id in "
                f"{self.folder / record.source_file}"
            )
        return article


def _text_of(record: GoldRecord, article: Mapping[str, Any]) -> str:
    text = article.get("text")
    if not isinstance(text, str):
        raise GoldFormatError(f"gold record {record.id!r}: the corpus article has no 'text'")
    if record.text_length is None:
        return text
    if record.text_length > len(text):
        raise GoldFormatError(
            f"gold record {record.id!r} ({record.origin}): text_length {record.text_length} is "
            f"longer than the corpus article ({len(text)} characters); was the corpus changed?"
        )
    return text[: record.text_length]


def _articles(
    records: Sequence[GoldRecord], corpora_dir: Path | str | None
) -> list[tuple[GoldRecord, str, Mapping[str, Any]]]:
    corpora = _Corpora(corpora_dir)
    resolved = []
    for record in records:
        if record.text is not None:
            resolved.append((record, record.text, record.raw))
        elif record.source_file is None:
            raise GoldFormatError(
                f"gold record {record.id!r} ({record.origin}) has neither 'text' nor 'source_file'"
            )
        else:
            article = corpora.article(record)
            resolved.append((record, _text_of(record, article), article))
    return resolved


def resolve_texts(
    records: Sequence[GoldRecord], corpora_dir: Path | str | None = None
) -> list[GoldRecord]:
    """The records with ``text`` filled in from the shared corpora where they had none.

    ``corpora_dir`` defaults to ``Settings.shared_corpora_dir``; it is only read when a record
    lacks text. Raises ``InputFileError`` when the folder or a corpus file is missing and
    ``GoldFormatError`` when an article is not found or is shorter than ``text_length``.
    """
    return [
        dataclasses.replace(record, text=text)
        for record, text, _ in _articles(records, corpora_dir)
    ]


def gold_articles(
    records: Sequence[GoldRecord], corpora_dir: Path | str | None = None
) -> list[dict[str, Any]]:
    """CONTRACT.md input articles (id, text, title, published, source) for the gold records, for
    ``ie-nlp extract``; title, published and source come from the corpus article (or the gold
    record) where it has them."""
    articles = []
    for record, text, source in _articles(records, corpora_dir):
        if not text.strip():
            raise GoldFormatError(f"gold record {record.id!r} ({record.origin}): the text is empty")
        article: dict[str, Any] = {"id": record.id, "text": text}
        for name in ARTICLE_FIELDS:
            if isinstance(source.get(name), str):
                article[name] = source[name]
        articles.append(article)
    return articles
