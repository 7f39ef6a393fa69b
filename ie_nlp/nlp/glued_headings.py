"""A heading glued to the paragraph under it, where both give the same name: scraping dropped
the line break of "About Turner MedTech" + "Turner MedTech is a leading contract manufacturer",
leaving "About Turner MedTechTurner MedTech is …" ("ABOUT ASTROASTRO is", "About PollenSense" +
"Pollen Sense, headquartered", "About Lifordi Lifordi Immunotherapeutics, Inc. is"). The NER
reads the two as one name ("Turner MedTechTurner MedTech"), which matches no actor.

``glue_points`` finds where the paragraph's copy starts inside a token, for the tokenizer's
component to split it there; ``without_doubles`` cuts an entity that holds both copies into the
heading's name and the paragraph's. Spaces do not count when the copies are compared: a logo's
alternative text and the paragraph may write the name with and without one."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Span, Token

MAX_HEADING_WORDS = 4  # the heading's words that the paragraph repeats, at most
SHORTEST_COPY = 4  # characters: "BioBio" is no name said twice


def _unspaced(text: str) -> str:
    return "".join(text.split())


def _split_offsets(text: str) -> Iterator[int]:
    """Where a copy may start inside a token: at a capital right after a lower-case letter
    ("MedTech|Turner"), or halfway through a word written twice ("ASTRO|ASTRO")."""
    half = len(text) // 2
    if len(text) % 2 == 0 and half >= SHORTEST_COPY and text[:half] == text[half:]:
        yield half
    for offset in range(1, len(text)):
        if text[offset].isupper() and text[offset - 1].islower():
            yield offset


def _repeated_from(doc: Doc, token: Token, offset: int) -> bool:
    """Whether the text from ``offset`` in ``token`` starts with the heading words that end
    there (those of the token and up to ``MAX_HEADING_WORDS`` - 1 tokens before it)."""
    split_at = token.idx + offset
    for first in range(token.i, max(token.i - MAX_HEADING_WORDS, -1), -1):
        heading = doc.text[doc[first].idx : split_at]
        if "\n" in heading:
            return False
        copy = _unspaced(heading)
        following = _unspaced(doc.text[split_at : split_at + 2 * len(heading)])
        if len(copy) >= SHORTEST_COPY and following.startswith(copy):
            return True
    return False


def glue_points(doc: Doc) -> list[tuple[Token, int]]:
    """Each token that holds the end of a heading and the start of its paragraph's copy, with
    the character offset in the token where the copy starts."""
    points: list[tuple[Token, int]] = []
    for token in doc:
        if not token.is_alpha:
            continue
        offset = next((o for o in _split_offsets(token.text) if _repeated_from(doc, token, o)), 0)
        if offset:
            points.append((token, offset))
    return points


def _copy_start(span: Span) -> int:
    """The token where the second copy starts in an entity that begins with one name written
    twice ("Turner MedTech Turner MedTech", "Lifordi Lifordi Immunotherapeutics"); 0 if none.
    Copies apart must follow an "About" that starts the line: "Walla Walla University" is one
    name."""
    words = [token.text for token in span]
    for middle in range(1, min(MAX_HEADING_WORDS, len(words) - 1) + 1):
        copy = "".join(words[:middle])
        if len(copy) < SHORTEST_COPY:
            continue
        following = ""
        for word in words[middle:]:
            following += word
            if following == copy:
                start = span.start + middle
                glued = not span.doc[start - 1].whitespace_
                return start if glued or _after_about(span) else 0
            if not copy.startswith(following):
                break
    return 0


def _after_about(span: Span) -> bool:
    """Whether "About" alone comes before the span in its line."""
    text = span.doc.text
    line_start = text.rfind("\n", 0, span.start_char) + 1
    return text[line_start : span.start_char].split() in (["About"], ["ABOUT"])


def without_doubles(ents: Sequence[Span]) -> list[Span]:
    """The entities, each that holds a heading's name and its paragraph's copy cut in two."""
    cut: list[Span] = []
    for ent in ents:
        middle = _copy_start(ent)
        if middle:
            cut.append(Span(ent.doc, ent.start, middle, label=ent.label, span_id=ent.id))
            cut.append(Span(ent.doc, middle, ent.end, label=ent.label, span_id=ent.id))
        else:
            cut.append(ent)
    return cut
