"""robots.txt (RFC 9309) parsing and matching. Written here rather than using
``urllib.robotparser`` because that one applies the first matching rule instead of the longest
one and knows neither ``*`` nor ``$`` in paths, so it both over- and under-blocks real sites."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit


@dataclass
class _Group:
    agents: list[str] = field(default_factory=list)
    rules: list[tuple[bool, str]] = field(default_factory=list)  # (allow, path pattern)
    crawl_delay: float | None = None


def _pattern_regex(pattern: str) -> re.Pattern[str]:
    anchored = pattern.endswith("$")
    body = re.escape(pattern.rstrip("$")).replace(r"\*", ".*")
    return re.compile(body + ("$" if anchored else ""))


@dataclass
class RobotsRules:
    """The rules of one host that apply to our user agent."""

    rules: list[tuple[bool, str]] = field(default_factory=list)
    crawl_delay: float | None = None
    disallow_all: bool = False
    _compiled: list[tuple[bool, int, re.Pattern[str]]] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._compiled = [(allow, len(p), _pattern_regex(p)) for allow, p in self.rules if p]

    def allowed(self, url: str) -> bool:
        """Longest matching rule wins; on a tie allow wins (RFC 9309 section 2.2.2)."""
        if self.disallow_all:
            return False
        parts = urlsplit(url)
        path = unquote(parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        best: tuple[int, bool] | None = None
        for allow, length, regex in self._compiled:
            if regex.match(path) and (best is None or (length, allow) > best):
                best = (length, allow)
        return True if best is None else best[1]

    @classmethod
    def allow_all(cls) -> RobotsRules:
        return cls()

    @classmethod
    def deny_all(cls) -> RobotsRules:
        return cls(disallow_all=True)


def parse_robots(text: str, token: str) -> RobotsRules:
    """The group for ``token`` (product token, lower case), else the ``*`` group, else no rules.
    Consecutive user-agent lines share one group; groups for the same agent are merged."""
    groups: list[_Group] = []
    current: _Group | None = None
    last_was_agent = False
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        key, value = (part.strip() for part in line.split(":", 1))
        key = key.lower()
        if key == "user-agent":
            if current is None or not last_was_agent:
                current = _Group()
                groups.append(current)
            current.agents.append(value.lower())
            last_was_agent = True
            continue
        last_was_agent = False
        if current is None:
            continue
        if key in ("allow", "disallow"):
            current.rules.append((key == "allow", value))
        elif key == "crawl-delay":
            with contextlib.suppress(ValueError):
                current.crawl_delay = float(value)
    mine = [g for g in groups if any(a.split("/")[0] == token for a in g.agents)]
    chosen = mine or [g for g in groups if "*" in g.agents]
    rules = [rule for g in chosen for rule in g.rules]
    delays = [g.crawl_delay for g in chosen if g.crawl_delay is not None]
    return RobotsRules(rules=rules, crawl_delay=max(delays) if delays else None)


def robots_url(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


def host_key(url: str) -> str:
    """Scheme, host and port: robots.txt and rate limits apply per origin."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"
