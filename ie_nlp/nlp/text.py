"""Text preparation: HTML to text, and paragraph-aware sentence starts.

spaCy's parser ignores blank lines and the markup left in scraped releases ("## Heading",
"**About X**"), so titles and paragraphs would run into the next sentence; the component here
marks those boundaries before the parser runs."""

from __future__ import annotations

import re

import trafilatura
from bs4 import BeautifulSoup
from spacy.language import Language
from spacy.tokens import Doc, Token

from ie_nlp.nlp.lexicons import Lexicons

SENTENCE_END = frozenset('.!?:;"”’)')
_CLAUSE_MARKS = frozenset({",", ";", ":"})  # may precede inline bold: "announced,**Jannie"
_SPACE_RUN = re.compile(r"[ \t\r\f\v]+")


# A line break inside a sentence: not after a sentence end or another break, not before an
# indented, blank or bulleted line.
_HARD_WRAP = re.compile(r"(?<![.!?:;\"”’)\n])\n(?![\n \t#*•\-])")


# Spaces other than " " (no-break, narrow, thin …) and invisible ones (zero-width, word joiner,
# byte-order mark): spaCy makes tokens of the first and glues the second to a word, so that
# names come out cut ("Boston Scientific\u00a0Corporation", "\u200bCalifornia Skin Institute").
_ODD_SPACE = re.compile("[\u00a0\u1680\u2000-\u200d\u202f\u205f\u2060\u3000\ufeff]")


def prepare_text(text: str) -> str:
    """The text the pipeline reads: odd spaces made plain and hard-wrapped line breaks made
    spaces, character for character, so that every offset into it is an offset into the
    original ("Quaker\nState Oil Corp")."""
    return _HARD_WRAP.sub(" ", _ODD_SPACE.sub(" ", text))


def html_to_text(html: str) -> str:
    """Main text of an HTML page: trafilatura's extraction, or all visible text when it finds
    no article body (short fragments, pages without a main block)."""
    extracted = trafilatura.extract(html, include_comments=False, include_tables=False)
    if extracted and extracted.strip():
        return str(extracted)
    soup = BeautifulSoup(html, "lxml")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    lines = (_SPACE_RUN.sub(" ", line).strip() for line in soup.get_text("\n").splitlines())
    return "\n".join(line for line in lines if line)


@Language.factory("ie_paragraphs", default_config={"lexicons": {"@misc": "ie_nlp.lexicons.v1"}})
class ParagraphBreaks:
    """Starts a sentence after a blank line, after a line break that follows a sentence end or
    opens an indented line, and around markup tokens. A bare line break inside a sentence is a
    hard wrap (wire copy is wrapped at ~65 characters) and starts nothing, nor does emphasis
    glued to the words on both sides (inline bold: "said**Jane Doe**, CEO")."""

    def __init__(self, nlp: Language, name: str, lexicons: Lexicons) -> None:
        self.name = name
        self.markup_tokens = lexicons.markup_tokens
        self.emphasis_tokens = lexicons.emphasis_tokens

    def __call__(self, doc: Doc) -> Doc:
        previous_text = ""
        previous_inline = False
        for token in doc:
            inline = token.text in self.emphasis_tokens and _inline(token)
            if token.i > 0:
                gap = doc[token.i - 1].whitespace_ + (token.text if token.is_space else "")
                if doc[token.i - 1].is_space:
                    gap = doc[token.i - 1].text
                if inline or previous_inline:
                    token.is_sent_start = False
                elif (
                    token.text in self.markup_tokens
                    or previous_text in self.markup_tokens
                    or (not token.is_space and _is_break(gap, previous_text))
                ):
                    token.is_sent_start = True
            if not token.is_space:
                previous_text = token.text
                previous_inline = inline
        return doc


def _inline(markup: Token) -> bool:
    """Emphasis glued to the words on both sides inside a sentence ("announced,**Jannie",
    "Oosthuizen**leads"): bold text whose spaces scraping dropped, no heading."""
    doc = markup.doc
    if markup.i == 0 or markup.i + 1 >= len(doc) or markup.whitespace_:
        return False
    before, after = doc[markup.i - 1], doc[markup.i + 1]
    return (
        not before.whitespace_
        and (before.text[-1:].isalnum() or before.text in _CLAUSE_MARKS)
        and after.text[:1].isalnum()
    )


def _is_break(gap: str, previous_text: str) -> bool:
    if "\n" not in gap:
        return False
    if gap.count("\n") >= 2 or gap.endswith(("  ", "\t")):
        return True
    return previous_text[-1:] in SENTENCE_END
