"""The user-maintained alias file: merges the user forces (``same``) or forbids (``different``).

Format (YAML or JSON, see docs/resolution.md)::

    same:
      - ["MSD", "Merck & Co."]          # every name of a group is one actor
    different:
      - ["Merck & Co.", "Merck KGaA"]   # no name of a group joins another name of it

Names are compared by ``normalize_name``, so "Merck & Co., Inc." in an article matches the
entry "Merck & Co.". The file wins over every automatic rule of ``ActorResolver``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ie_nlp.errors import AliasFileError
from ie_nlp.names import normalize_name

__all__ = ["AliasRules", "load_alias_file"]

_SECTIONS = ("same", "different")


@dataclass(frozen=True)
class AliasRules:
    """The alias file read into name keys: ``same_group`` maps a key to its ``same`` group
    number; ``forbidden`` maps a key to the keys it must never be merged with."""

    same_group: dict[str, int] = field(default_factory=dict)
    forbidden: dict[str, frozenset[str]] = field(default_factory=dict)

    def group_of(self, keys: Iterable[str]) -> int | None:
        """The ``same`` group that one of ``keys`` belongs to (the lowest when several)."""
        groups = [self.same_group[key] for key in keys if key in self.same_group]
        return min(groups) if groups else None

    def decide(self, keys_a: Iterable[str], keys_b: Iterable[str]) -> bool | None:
        """False when the file separates the two key sets, True when it joins them, else None.
        ``different`` is checked first: forbidding is the way to undo a wrong merge."""
        set_a, set_b = set(keys_a), set(keys_b)
        if any(self.forbidden.get(key, frozenset()) & set_b for key in set_a):
            return False
        group_a = {self.same_group[key] for key in set_a if key in self.same_group}
        if group_a and any(self.same_group.get(key) in group_a for key in set_b):
            return True
        return None


def _read(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise AliasFileError(f"{path}: cannot read the alias file: {error}") from error
    try:
        if path.suffix.lower() == ".json":
            return json.loads(text)
        return yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as error:
        raise AliasFileError(f"{path}: not valid YAML/JSON: {error}") from error


def _groups(path: Path, raw: dict[str, Any], section: str) -> list[list[str]]:
    entries = raw.get(section) or []
    if not isinstance(entries, list):
        raise AliasFileError(f"{path}: '{section}' must be a list of name lists")
    groups: list[list[str]] = []
    for number, entry in enumerate(entries, start=1):
        where = f"{path}: {section} entry {number} ({entry!r})"
        if not isinstance(entry, list) or len(entry) < 2:
            raise AliasFileError(f"{where}: must be a list of at least two names")
        keys = []
        for name in entry:
            key = normalize_name(name) if isinstance(name, str) else ""
            if not key:
                raise AliasFileError(f"{where}: {name!r} is not a name")
            keys.append(key)
        if len(set(keys)) < len(keys):
            raise AliasFileError(f"{where}: two names have the same normalised form")
        groups.append(keys)
    return groups


def load_alias_file(path: Path | str | None) -> AliasRules:
    """The rules of the alias file at ``path``; no path gives empty rules.

    Raises ``AliasFileError`` (code ``invalid_alias_file``) naming the file and the entry when
    the file is unreadable, not YAML/JSON, has an unknown section or a malformed entry, or
    lists one pair under both ``same`` and ``different``.
    """
    if path is None or str(path) == "":
        return AliasRules()
    path = Path(path)
    raw = _read(path)
    if raw is None:
        return AliasRules()
    if not isinstance(raw, dict) or set(raw) - set(_SECTIONS):
        raise AliasFileError(f"{path}: expected a mapping with only the keys 'same', 'different'")
    same_group: dict[str, int] = {}
    for number, keys in enumerate(_groups(path, raw, "same")):
        # A name in two groups makes them one group, numbered by the earliest.
        merged = {same_group[key] for key in keys if key in same_group}
        target = min(merged | {number})
        for key, group in same_group.items():
            if group in merged:
                same_group[key] = target
        same_group.update(dict.fromkeys(keys, target))
    forbidden: dict[str, set[str]] = {}
    for number, keys in enumerate(_groups(path, raw, "different"), start=1):
        for key in keys:
            forbidden.setdefault(key, set()).update(other for other in keys if other != key)
            clash = [
                o
                for o in keys
                if o != key and key in same_group and same_group.get(o) == same_group[key]
            ]
            if clash:
                raise AliasFileError(
                    f"{path}: different entry {number}: {key!r} and {clash[0]!r} are also "
                    "listed as the same actor"
                )
    return AliasRules(same_group, {key: frozenset(keys) for key, keys in forbidden.items()})
