"""How two mentions are joined in the dependency parse: the head of a name's noun phrase, and
the path between two tokens through their lowest common head. Features of deal pairs
(``deal_pairs``) and of capability holders (``capability_holders``)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

MAX_PATH_STEPS = 8
MAX_LIST_STEPS = 12


def mention_root(doc: Doc, position: int) -> Token:
    """The head of the noun phrase a mention's first token is in."""
    token = doc[position]
    for _ in range(4):
        if token.dep_ not in {"compound", "amod", "nmod", "poss", "flat"} or token.head == token:
            break
        token = token.head
    return token


def list_head(token: Token) -> Token:
    """The first member of the coordination a noun phrase's head is in ("A, B and C": A for
    each), or the token itself: every member of a list stands where the list stands."""
    for _ in range(MAX_LIST_STEPS):
        if token.dep_ != "conj" or token.head == token:
            break
        token = token.head
    return token


def dependency_path(first: Token, second: Token) -> tuple[str, Token | None]:
    """The dependency path from one mention to the other through their lowest common head."""
    up_first = [first, *list(first.ancestors)[:MAX_PATH_STEPS]]
    up_second = [second, *list(second.ancestors)[:MAX_PATH_STEPS]]
    common = next((t for t in up_first if t in up_second), None)
    if common is None:
        return "", None
    left = [t.dep_ for t in up_first[: up_first.index(common)]]
    right = [t.dep_ for t in up_second[: up_second.index(common)]]
    return "^".join(left) + f"<{common.lemma_.lower()}>" + "v".join(reversed(right)), common


def arcs_up(token: Token, ancestor: Token) -> int:
    """Arcs from a token up to one of its ancestors (or itself)."""
    return [token, *token.ancestors].index(ancestor)
