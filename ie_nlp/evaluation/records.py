"""The one shape that gold annotations and system results are scored in, and the readers that
build it from JSONL lines.

Gold records name actors by string (CONTRACT.md § Gold annotation); system records refer to
actors by id (CONTRACT.md § Extraction result). Both become an ``Annotation`` whose capabilities
and relationships refer to ``ActorRecord.ref``: the actor id for system records, ``"#<index>"``
for gold actors.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ie_nlp.errors import ErrorCode, GoldFormatError, InputFileError
from ie_nlp.jsonl import LineError, read_json_lines
from ie_nlp.names import name_keys, normalize_name
from ie_nlp.taxonomy import ACTOR_TYPES, CAPABILITY_CATEGORIES, RELATIONSHIP_TYPES

__all__ = [
    "ActorRecord",
    "Annotation",
    "CapabilityRecord",
    "RelationshipRecord",
    "annotation_from_gold",
    "annotation_from_system",
    "load_system",
    "read_jsonl",
]


@dataclass(frozen=True)
class ActorRecord:
    ref: str
    name: str
    type: str | None
    aliases: tuple[str, ...] = ()
    keys: frozenset[str] = field(default=frozenset(), compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "keys", name_keys(self.name, self.aliases))


@dataclass(frozen=True)
class CapabilityRecord:
    category: str
    actor: str | None


@dataclass(frozen=True)
class RelationshipRecord:
    type: str
    source: str
    target: str
    # deal terms and roles; not part of a relationship's identity when matching
    attributes: Mapping[str, Any] = field(default_factory=dict, compare=False)
    confidence: float | None = field(default=None, compare=False)  # a system's, not gold's


@dataclass(frozen=True)
class Annotation:
    """Actors, capabilities and relationships of one article."""

    id: str
    actors: tuple[ActorRecord, ...] = ()
    capabilities: tuple[CapabilityRecord, ...] = ()
    relationships: tuple[RelationshipRecord, ...] = ()

    def actor(self, ref: str) -> ActorRecord:
        for actor in self.actors:
            if actor.ref == ref:
                return actor
        raise KeyError(ref)


def read_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line number, object)`` for every non-blank line; bad lines raise ``GoldFormatError``."""
    try:
        for number, record in read_json_lines(path):
            if isinstance(record, LineError):
                if record.code == ErrorCode.MALFORMED_JSON:
                    raise GoldFormatError(f"{path}:{number}: not valid JSON ({record.message})")
                raise GoldFormatError(f"{path}:{number}: {record.message}")
            yield number, record
    except OSError as error:
        raise InputFileError(f"cannot read {path}: {error.strerror or error}") from error


def record_id(record: Mapping[str, Any]) -> str:
    value = record.get("id")
    if not isinstance(value, str) or not value:
        raise ValueError("'id' must be a non-empty string")
    return value


def _list(record: Mapping[str, Any], key: str) -> list[Any]:
    value = record.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f"'{key}' must be a list")
    return value


def _item(value: Any, what: str, index: int) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ValueError(f"{what}[{index}] must be an object")
    return value


def _attributes(item: Mapping[str, Any], where: str) -> Mapping[str, Any]:
    value = item.get("attributes")
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ValueError(f"{where}: 'attributes' must be an object")
    return dict(value)


_LABELS = {
    ACTOR_TYPES: "actor type",
    CAPABILITY_CATEGORIES: "capability category",
    RELATIONSHIP_TYPES: "relationship type",
}


def _string(item: Mapping[str, Any], key: str, where: str, *, allowed: Sequence[str] = ()) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value:
        raise ValueError(f"{where}: '{key}' must be a non-empty string")
    if allowed and value not in allowed:
        label = _LABELS.get(tuple(allowed), key)
        raise ValueError(f"{where}: unknown {label} {value!r} (see CONTRACT.md § 1)")
    return value


def _aliases(item: Mapping[str, Any], where: str) -> tuple[str, ...]:
    aliases = item.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise ValueError(f"{where}: 'aliases' must be a list of strings")
    return tuple(aliases)


def _resolve_gold_reference(reference: str, actors: Sequence[ActorRecord], where: str) -> str:
    """The gold actor a capability or relationship names: exact name, exact alias, then the
    normalised name, then a normalised alias; a tie at the deciding level is an error."""
    key = normalize_name(reference)
    levels = (
        lambda a: a.name == reference,
        lambda a: reference in a.aliases,
        lambda a: bool(key) and normalize_name(a.name) == key,
        lambda a: bool(key) and key in a.keys,
    )
    for level in levels:
        found = [actor for actor in actors if level(actor)]
        if len(found) == 1:
            return found[0].ref
        if len(found) > 1:
            names = ", ".join(repr(actor.name) for actor in found)
            raise ValueError(f"{where}: {reference!r} is ambiguous between actors {names}")
    raise ValueError(f"{where}: {reference!r} is not the name or alias of any actor of the record")


def annotation_from_gold(record: Mapping[str, Any]) -> Annotation:
    """A gold record (CONTRACT.md § Gold annotation); raises ``ValueError`` on a bad record."""
    actors = []
    for index, value in enumerate(_list(record, "actors")):
        item, where = _item(value, "actors", index), f"actors[{index}]"
        actors.append(
            ActorRecord(
                ref=f"#{index}",
                name=_string(item, "name", where),
                type=_string(item, "type", where, allowed=ACTOR_TYPES),
                aliases=_aliases(item, where),
            )
        )
    capabilities = []
    for index, value in enumerate(_list(record, "capabilities")):
        item, where = _item(value, "capabilities", index), f"capabilities[{index}]"
        category = _string(item, "category", where, allowed=CAPABILITY_CATEGORIES)
        holder = item.get("actor")
        if holder is not None and not isinstance(holder, str):
            raise ValueError(f"{where}: 'actor' must be an actor name or null")
        ref = None if holder is None else _resolve_gold_reference(holder, actors, where)
        capabilities.append(CapabilityRecord(category, ref))
    relationships = []
    for index, value in enumerate(_list(record, "relationships")):
        item, where = _item(value, "relationships", index), f"relationships[{index}]"
        kind = _string(item, "type", where, allowed=RELATIONSHIP_TYPES)
        source = _resolve_gold_reference(_string(item, "source", where), actors, where)
        target = _resolve_gold_reference(_string(item, "target", where), actors, where)
        relationships.append(RelationshipRecord(kind, source, target, _attributes(item, where)))
    return Annotation(record_id(record), tuple(actors), tuple(capabilities), tuple(relationships))


def annotation_from_system(record: Mapping[str, Any] | Any) -> Annotation:
    """A system result (CONTRACT.md § Extraction result, a dict or an ``ExtractionResult``);
    only the fields that scoring reads are checked. Raises ``ValueError`` on a bad record."""
    if not isinstance(record, Mapping) and hasattr(record, "model_dump"):
        record = record.model_dump()
    if not isinstance(record, Mapping):
        raise ValueError("a system result must be a JSON object")
    actors: dict[str, ActorRecord] = {}
    for index, value in enumerate(_list(record, "actors")):
        item, where = _item(value, "actors", index), f"actors[{index}]"
        ref = _string(item, "id", where)
        if ref in actors:
            raise ValueError(f"{where}: actor id {ref!r} is used twice")
        actors[ref] = ActorRecord(
            ref=ref,
            name=_string(item, "name", where),
            type=_string(item, "type", where, allowed=ACTOR_TYPES),
            aliases=_aliases(item, where),
        )

    def known(ref: str, where: str) -> str:
        if ref not in actors:
            raise ValueError(f"{where}: refers to unknown actor id {ref!r}")
        return ref

    capabilities = []
    for index, value in enumerate(_list(record, "capabilities")):
        item, where = _item(value, "capabilities", index), f"capabilities[{index}]"
        category = _string(item, "category", where, allowed=CAPABILITY_CATEGORIES)
        holder = item.get("actor")
        if holder is not None and not isinstance(holder, str):
            raise ValueError(f"{where}: 'actor' must be an actor id or null")
        capabilities.append(
            CapabilityRecord(category, None if holder is None else known(holder, where))
        )
    relationships = []
    for index, value in enumerate(_list(record, "relationships")):
        item, where = _item(value, "relationships", index), f"relationships[{index}]"
        kind = _string(item, "type", where, allowed=RELATIONSHIP_TYPES)
        source = known(_string(item, "source", where), where)
        target = known(_string(item, "target", where), where)
        confidence = item.get("confidence")
        if confidence is not None and not isinstance(confidence, int | float):
            raise ValueError(f"{where}: 'confidence' must be a number")
        relationships.append(
            RelationshipRecord(
                kind,
                source,
                target,
                _attributes(item, where),
                None if confidence is None else float(confidence),
            )
        )
    return Annotation(
        record_id(record), tuple(actors.values()), tuple(capabilities), tuple(relationships)
    )


def load_system(path: Path | str) -> dict[str, Annotation]:
    """System results by article id from a JSONL file of extraction results.

    Raises ``GoldFormatError`` (with the line number) on a bad line or a repeated id.
    """
    path = Path(path)
    results: dict[str, Annotation] = {}
    for number, record in read_jsonl(path):
        try:
            annotation = annotation_from_system(record)
        except ValueError as error:
            raise GoldFormatError(f"{path}:{number}: {error}") from None
        if annotation.id in results:
            raise GoldFormatError(f"{path}:{number}: article id {annotation.id!r} appears twice")
        results[annotation.id] = annotation
    return results
