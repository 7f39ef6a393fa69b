"""Words that scraping glued together ("saidSusan Hutchinson", "CEO ofWashington University",
"CEOsAaron Kowalski", "Aaron KowalskiandThom Scher"), split by the tokenizer so that the parser
and the NER see the name alone; a joining word glued before a space ("Dr. Jeffrey Milbrandtand
Dr. Aaron DiAntonio") is split after tokenizing, where the rest of the text vouches for the word.

The split is an empty infix right before the capital (and before a glued joining word): the
tokens keep their offsets in the text (no space is inserted), and ``data/glued_words.json``
says which words start a glued token, which joining words are split out, and which words of
that shape stay whole (tokenizer special cases: "mmHg", "duPont")."""

from __future__ import annotations

from collections.abc import Sequence
from re import Pattern
from typing import Any

from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Token

from ie_nlp.nlp.glued_headings import glue_points
from ie_nlp.nlp.lexicons import get_lexicons
from ie_nlp.taxonomy import load_data_file

GLUED_WORDS_FILE = "glued_words.json"
SHORTEST_WORD = 2  # one letter glued to a capital is a brand's shape ("iPhone", "eGenesis")
SHORTEST_ACRONYM = 2


def glue_infixes(data: dict[str, Any]) -> list[str]:
    """Infix patterns that match, with no width, where a glued token's second word begins.

    The tokenizer runs its infix pattern over a token without its prefixes and suffixes, so
    ``^`` anchors the first word at the token's start; Python's look-behinds need a fixed
    width, hence one per length."""
    capitalised = r"(?=[A-Z][a-z])"
    words = [rf"(?<=^[a-z]{{{n}}})" for n in range(SHORTEST_WORD, data["longest_word"] + 1)]
    acronyms = [
        rf"(?<=^[A-Z]{{{n}}}s)" for n in range(SHORTEST_ACRONYM, data["longest_acronym"] + 1)
    ]
    return [
        f"(?:{'|'.join(words + acronyms)}){capitalised}",
        *(
            joining_word_infixes(joiner["word"], joiner["not_after"])
            for joiner in data["joining_words"]
        ),
    ]


def joining_word_infixes(word: str, not_after: str) -> str:
    """Both edges of ``word`` glued between a word and a capitalised one ("KowalskiandThom"),
    unless one of the ``not_after`` letters comes right before it ("ClevelandClinic")."""
    before = rf"(?<=[a-z]{{{SHORTEST_WORD}}})"
    after = rf"(?<=[a-z]{{{SHORTEST_WORD}}}{word})"
    if not_after:
        before += rf"(?<![{not_after}])"
        after += rf"(?<![{not_after}]{word})"
    return rf"{before}(?={word}[A-Z][a-z])|{after}(?=[A-Z][a-z])"


def add_glued_word_rules(
    tokenizer: Tokenizer, infixes: Sequence[str | Pattern[str]]
) -> list[str | Pattern[str]]:
    """``infixes`` with the glue patterns added, and the words to keep whole registered as
    special cases of ``tokenizer`` (they are serialised with it)."""
    data = load_data_file(GLUED_WORDS_FILE)
    for word in data["keep_whole"]:
        tokenizer.add_special_case(word, [{ORTH: word}])
    return [*infixes, *glue_infixes(data)]


@Language.factory("ie_glued_words")
class GluedWords:
    """Splits a capitalised word from a joining word glued to its end ("Milbrandtand",
    "Statesand", "Collegeof") where the text also writes the word alone, or the word ends
    organisations' names ("College", "University"): the tokenizer cannot tell "Milbrandtand"
    from "Ferdinand", the rest of the article or the name cues can. Splits a heading's name
    from its paragraph's copy too (``glued_headings``). Runs before the tagger; the tokens
    keep their offsets."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        data = load_data_file(GLUED_WORDS_FILE)
        rule = data["joined_before_a_space"]
        not_after = {joiner["word"]: joiner["not_after"] for joiner in data["joining_words"]}
        # the letters that keep a word whole, as in the tokenizer's rule: "England", "Finland"
        self.joining_words = {word: not_after.get(word, "") for word in rule["words"]}
        self.shortest_word: int = rule["shortest_word"]
        self.name_words = get_lexicons().org_cue_words

    def __call__(self, doc: Doc) -> Doc:
        # "About Turner MedTech" + "Turner MedTech is …"; then joining words, one split a token
        splits = {token.i: (token, offset) for token, offset in glue_points(doc)}
        glued = [(token, word) for token in doc if (word := self._glued_word(token))]
        if glued:
            written = {token.text for token in doc} | self.name_words
            splits.update((token.i, (token, len(word))) for token, word in glued if word in written)
        if not splits:
            return doc
        with doc.retokenize() as retokenizer:
            for token, offset in splits.values():
                retokenizer.split(
                    token,
                    [token.text[:offset], token.text[offset:]],
                    heads=[(token, 0), (token, 0)],
                )
        return doc

    def _glued_word(self, token: Token) -> str | None:
        text = token.text
        if not (text[:1].isupper() and text.isalpha()):
            return None
        for joining_word, not_after in self.joining_words.items():
            word = text[: -len(joining_word)]
            if (
                text.endswith(joining_word)
                and len(word) >= self.shortest_word
                and word[-1].islower()
                and word[-1] not in not_after
            ):
                return word
        return None
