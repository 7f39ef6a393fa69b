"""Features of a resolved actor for the trained actor models: its name's words, how it was
found, the article's description of it, and the words around its mentions."""

from __future__ import annotations

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
    letters = [ch for ch in actor.name if ch.isalpha()]
    features["all_caps"] = float(bool(letters) and all(ch.isupper() for ch in letters))
    features["has_digit"] = float(any(ch.isdigit() for ch in actor.name))
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
