"""Features of a resolved actor for the trained actor models: its name's words, how it was
found, the article's description of it, the words around its mentions, and for a person
whether the article writes the name's words in lower case elsewhere."""

from __future__ import annotations

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from ie_nlp.names import name_words
from ie_nlp.nlp.records import ActorRecord

# the sources of a rule's type: an organisation's description or name cue, the NER's person
RULE_SOURCES = frozenset({"description", "name", "ner"})
AFFIX_SIZES = (3, 4, 5)


def actor_features(actor: ActorRecord) -> dict[str, float]:
    features: dict[str, float] = {"bias": 1.0}
    words = name_words(actor.name)
    for word in words:
        features[f"name={word}"] = 1.0
    if words:
        features[f"last={words[-1]}"] = 1.0
        features[f"first={words[0]}"] = 1.0
    features[f"len={min(len(words), 5)}"] = 1.0
    features[f"kind={actor.kind}"] = 1.0
    features[f"type_source={actor.type_source}"] = 1.0
    if actor.type_source in RULE_SOURCES:
        # what a rule made of it is evidence, not the answer: "… Institute" is often a company,
        # and "Sapu Nano" no person
        features[f"rule_type={actor.type}"] = 1.0
        features[f"rule={actor.type_source}:{actor.type}"] = 1.0
    features["mentions"] = min(len(actor.mentions), 10) / 10.0
    features["single_mention"] = float(len(actor.mentions) == 1)
    features["has_description"] = float("description" in actor.attributes)
    features["defines_acronym"] = float("acronyms" in actor.attributes)
    letters = [ch for ch in actor.name if ch.isalpha()]
    features["all_caps"] = float(bool(letters) and all(ch.isupper() for ch in letters))
    features["has_digit"] = float(any(ch.isdigit() for ch in actor.name))
    if actor.mentions and actor.kind == "person":
        # an organisation's words are often the text's words too ("Lifordi Immunotherapeutics"
        # in a text about immunotherapeutics); a person's name never is
        features["lower_case_share"] = lower_case_share(words, actor.mentions[0].doc)
    for word in str(actor.attributes.get("description", "")).split():
        features[f"desc={word}"] = 1.0
    for mention in actor.mentions[:5]:
        features[f"label={mention.label_ or 'none'}"] = 1.0
        before = mention.doc[mention.start - 1] if mention.start > 0 else None
        if before is not None:
            features[f"before={before.lower_}"] = 1.0
        # the name's part in its sentence: the subject of "announced", the object of "sale of"
        root = mention.root
        features[f"dep={root.dep_}"] = 1.0
        governor = root.head.head if root.dep_ == "pobj" else root.head
        features[f"gov={root.dep_}>{governor.lemma_.lower()}"] = 1.0
        for token in mention.sent:
            if (
                token.is_alpha
                and not token.is_stop
                and not (mention.start <= token.i < mention.end)
            ):
                key = f"ctx={token.lemma_.lower()}"
                features[key] = features.get(key, 0.0) + 0.2
    return features


def name_affixes(name: str) -> dict[str, float]:
    """The first and last three to five letters of each word of a name: "-pharma", "-gen",
    "Bio-" type names the whole words of which were never seen."""
    features: dict[str, float] = {}
    for word in name.lower().split():
        word = word.strip(".,()")
        for size in AFFIX_SIZES:
            if len(word) > size:
                features[f"prefix={word[:size]}"] = 1.0
                features[f"suffix={word[-size:]}"] = 1.0
    return features


_SHORTEST_WORD = 3
_last_lower_case: tuple[Doc | None, frozenset[str]] = (None, frozenset())


def lower_case_share(words: list[str], doc: Doc) -> float:
    """The share of a name's words that the article also writes in lower case: a capitalised
    phrase the text uses as common words is no name ("Tender Offer" beside "the tender
    offer", "Cohort A" beside "each cohort"); a person's name never is."""
    content = [w for w in words if len(w) >= _SHORTEST_WORD and w not in STOP_WORDS]
    if not content:
        return 0.0
    lower_case = _lower_case_words(doc)
    return sum(word in lower_case for word in content) / len(content)


def _lower_case_words(doc: Doc) -> frozenset[str]:
    # every actor of an article asks in turn: the last article's words are kept
    global _last_lower_case
    last_doc, words = _last_lower_case
    if last_doc is not doc:
        words = frozenset(token.text for token in doc if token.is_lower and token.is_alpha)
        _last_lower_case = (doc, words)
    return words
