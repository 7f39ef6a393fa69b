"""Typed, directed relationship candidates between the organisations of a sentence, from the
trigger lexicon and the dependency parse; hedged, rumoured and negated statements dropped."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from ie_nlp.nlp.deal_syntax import (
    marker,
    names_object,
    owner_and_unit,
    owns_named,
    subject_of,
)
from ie_nlp.nlp.lexicons import Lexicons
from ie_nlp.nlp.records import ActorRecord, actor_at
from ie_nlp.taxonomy import get_taxonomy

MAX_TRIGGER_DISTANCE = 12


@dataclass
class Trigger:
    type: str
    start: int
    end: int
    text: str


@dataclass
class PairCandidate:
    type: str
    first: tuple[int, ActorRecord]  # (token index, actor), first in the sentence
    second: tuple[int, ActorRecord]
    trigger: Trigger
    source: ActorRecord
    target: ActorRecord


class TriggerIndex:
    """Finds the trigger words and phrases of every relationship type in a sentence."""

    def __init__(self, lexicons: Lexicons, vocab: Vocab, make_doc: Callable[[str], Doc]) -> None:
        self.make_doc = make_doc
        cues = lexicons.relation_cues
        self.lemmas: dict[str, tuple[str, str | None]] = {}
        self.priority = {t: i for i, t in enumerate(cues["type_priority"])}
        for type_id in reversed(cues["type_priority"]):
            for entry in cues["triggers"][type_id]["lemmas"]:
                lemma, _, pos = entry.partition("/")
                self.lemmas[lemma] = (type_id, pos or None)
        self.fallback_lemmas = set(cues["fallback"]["lemmas"])
        self.fallback_type = cues["fallback"]["type"]
        self.phrases = {t: cues["triggers"][t]["phrases"] for t in cues["type_priority"]}
        self.flips = cues["direction_flips"]
        self.source_types = cues["source_types"]
        self.allowed_types = cues["allowed_types"]
        self.absorptions = {
            type_id: rule for type_id, rule in cues["absorptions"].items() if type_id[0] != "_"
        }
        self.agent_verbs = {
            type_id: frozenset(lemmas)
            for type_id, lemmas in cues["agent_verbs"].items()
            if type_id[0] != "_"
        }
        self.light_verbs = frozenset(cues["light_verbs"]["lemmas"])
        self.ownership_phrases = frozenset(cues["ownership"]["phrases"])
        self.unit_nouns = frozenset(cues["unit_nouns"]["lemmas"])
        self.sale_lemmas = frozenset(cues["sales"]["lemmas"])
        self.buyer_marker = cues["sales"]["buyer_marker"]
        self.seller_marker = cues["sales"]["seller_marker"]
        hedges = cues["hedges"]
        self.hedge_governors = set(hedges["governing_lemmas"])
        self.hedge_auxiliaries = set(hedges["auxiliaries"])
        self.backshift_auxiliary = hedges["backshift"]["auxiliary"]
        self.reporting_lemmas = frozenset(hedges["backshift"]["reporting_lemmas"])
        self.negations = set(hedges["negations"])
        self.hedge_phrases = [p.lower() for p in hedges["sentence_phrases"]]
        # built now, not on the first doc: strings added inside a spaCy memory zone vanish
        self.matcher = PhraseMatcher(vocab, attr="LOWER")
        for type_id, phrases in self.phrases.items():
            self.matcher.add(type_id, [make_doc(p) for p in phrases])

    def triggers_by_sentence(self, doc: Doc) -> dict[int, list[Trigger]]:
        """Trigger words and phrases of the doc, keyed by their sentence's first token."""
        found = [
            Trigger(doc.vocab.strings[match_id], start, end, doc[start:end].text)
            for match_id, start, end in self.matcher(doc)
        ]
        for token in doc:
            lemma = token.lemma_.lower()
            entry = self.lemmas.get(lemma) or self.lemmas.get(token.lower_)
            if entry and entry[1] in (None, token.pos_):
                found.append(Trigger(entry[0], token.i, token.i + 1, token.text))
            elif lemma in self.fallback_lemmas:
                found.append(Trigger(self.fallback_type, token.i, token.i + 1, token.text))
        by_sentence: dict[int, list[Trigger]] = {}
        for trigger in found:
            by_sentence.setdefault(doc[trigger.start].sent.start, []).append(trigger)
        return by_sentence

    def is_hedged(self, sentence: Span, trigger: Trigger) -> bool:
        lowered = sentence.text.lower()
        if any(phrase in lowered for phrase in self.hedge_phrases):
            return True
        token: Token = sentence.doc[trigger.start]
        for _ in range(3):
            if any(c.lower_ in self.negations and c.dep_ == "neg" for c in token.children):
                return True
            if any(
                c.dep_ == "aux"
                and c.lower_ in self.hedge_auxiliaries
                and not self._reported_future(c, token)
                for c in token.children
            ):
                return True
            if token.lemma_.lower() in self.hedge_governors:
                return True
            if token.head == token:
                break
            token = token.head
        return False

    def _reported_future(self, auxiliary: Token, verb: Token) -> bool:
        """ "said it would buy": the reported "will buy"."""
        return (
            auxiliary.lower_ == self.backshift_auxiliary
            and verb.dep_ == "ccomp"
            and verb.head.lemma_.lower() in self.reporting_lemmas
        )

    def allows(self, type_id: str, source: ActorRecord, target: ActorRecord) -> bool:
        """Whether the actor types can take part in the relationship (a university does not
        acquire, a biotech does not award grants)."""
        allowed = self.allowed_types.get(type_id)
        if allowed is None:
            return True
        return _may_be(source, allowed["source"]) and _may_be(target, allowed["target"])

    def absorbed(
        self,
        trigger: Trigger,
        first: tuple[int, ActorRecord],
        second: tuple[int, ActorRecord],
        doc: Doc,
    ) -> tuple[str, ActorRecord, ActorRecord] | None:
        """ "Ranco approved a merger into Siebe": (acquisition, Siebe, Ranco)."""
        rule = self.absorptions.get(trigger.type)
        if rule is None or second[0] == 0 or doc[second[0] - 1].lower_ != rule["marker"]:
            return None
        if names_object(doc[trigger.start], (first[1], second[1])):
            return None  # "X merged its unit Y into Z": Y is absorbed, not X
        return rule["type"], second[1], first[1]

    def agent(
        self, type_id: str, trigger: Trigger, doc: Doc, positions: dict[int, ActorRecord]
    ) -> ActorRecord | None:
        """The organisation that is the active trigger verb's subject, when syntax names one;
        for a trigger noun, the subject of the light verb it is the object of ("Hope has
        closed the acquisition of Dura")."""
        lemmas = self.agent_verbs.get(type_id, frozenset())
        # "agreed to acquire" is a phrase trigger: its verb is "acquire"
        words = doc[trigger.start : trigger.end]
        verb = next((t for t in words if t.pos_ == "VERB" and t.lemma_ in lemmas), None)
        if verb is None:
            verb = next((t.head for t in words if self._light_verb_object(t, lemmas)), None)
        if verb is None:
            return None
        subject = self._reported_subject(subject_of(verb))
        if subject is None:
            return None
        for token in (subject, *(c for c in subject.children if c.dep_ == "appos")):
            actor = actor_at(doc).get(token.i) or positions.get(token.i)
            if actor is not None:
                return actor
        return None

    def _light_verb_object(self, noun: Token, lemmas: frozenset[str]) -> bool:
        """ "closed the acquisition of Dura", not "announced the acquisition of Dura by Hope"."""
        return (
            noun.pos_ == "NOUN"
            and noun.lemma_ in lemmas
            and noun.dep_ == "dobj"
            and noun.head.lemma_.lower() in self.light_verbs
            and not any(child.lower_ == "by" for child in noun.children)
        )

    def _reported_subject(self, subject: Token | None) -> Token | None:
        """A pronoun subject of a clause under "said" stands for the reporter's subject."""
        if subject is None or subject.pos_ != "PRON" or subject.head.dep_ != "ccomp":
            return subject
        reporter = subject.head.head
        if reporter.lemma_.lower() in self.reporting_lemmas:
            return subject_of(reporter) or subject
        return subject

    def _in_subject(self, doc: Doc, position: int, trigger: Token) -> bool:
        """Whether the token at ``position`` is in the subject of the trigger's clause, or in
        the reporter's subject for a pronoun ("CSR said it sold …": CSR)."""
        verb = trigger
        for _ in range(3):
            if verb.pos_ in {"VERB", "AUX"} or verb.head == verb:
                break
            verb = verb.head
        for child in verb.children:
            if child.dep_ not in {"nsubj", "nsubjpass"}:
                continue
            for subject in (child, self._reported_subject(child) or child):
                if subject.left_edge.i <= position <= subject.right_edge.i:
                    return True
        return False

    def _from_sale(
        self,
        first: tuple[int, ActorRecord],
        second: tuple[int, ActorRecord],
        before_first: str,
        before_second: str,
        trigger: Trigger,
        doc: Doc,
    ) -> tuple[ActorRecord, ActorRecord] | None:
        """ "X sold its unit Y to (a unit of) Z": Z acquires Y, and X, the seller, takes no part.
        "X sold its plant to Z": what is sold has no name, so Z acquires from its holder X
        (CONTRACT.md: the acquired is a company, unit or asset holder)."""
        if before_second == self.buyer_marker:
            buyer, other = second, first
        elif before_first == self.buyer_marker:
            buyer, other = first, second
        else:
            return None
        sale = doc[trigger.start]
        if self._in_subject(doc, other[0], sale) and names_object(sale, (buyer[1], other[1])):
            return None
        return buyer[1], other[1]

    def direct(
        self,
        type_id: str,
        first: tuple[int, ActorRecord],
        second: tuple[int, ActorRecord],
        trigger: Trigger,
        doc: Doc,
    ) -> tuple[ActorRecord, ActorRecord] | None:
        """(source, target): textual order, unless syntax or actor types say otherwise; None
        for a pair the trigger does not relate (a seller and its buyer)."""
        source, target = first[1], second[1]
        if type_id == "merger" and names_object(doc[trigger.start], (source, target)):
            return None  # "X merged its unit Y into Z": X and Z do not merge
        if trigger.text.lower() in self.ownership_phrases:
            return owner_and_unit(first, second, doc[trigger.end - 1])
        if not get_taxonomy().is_directed(type_id):
            return source, target
        flips = self.flips.get(type_id, self.flips["*"])
        before_second = marker(doc, second[0], self.unit_nouns)
        before_first = marker(doc, first[0], self.unit_nouns)
        if type_id == "acquisition":
            if self.seller_marker in (before_first, before_second):
                return None  # "acquired Unitek from Bristol-Myers": the seller
            if owns_named(doc, first[0]) or owns_named(doc, second[0]):
                return None  # "acquired Triton Energy Corp's subsidiary, Triton Petroleum"
            if doc[trigger.start].lemma_.lower() in self.sale_lemmas:
                return self._from_sale(first, second, before_first, before_second, trigger, doc)
        flipped = before_second in flips and before_first not in flips
        trigger_token = doc[trigger.start]
        if trigger_token.tag_ == "VBN" and any(
            c.dep_ == "nsubjpass" for c in trigger_token.children
        ):
            flipped = flipped or before_second not in flips
        if flipped:
            source, target = target, source
        roles = self.source_types.get(type_id, {})
        if (
            "source" in roles
            and target.type in roles["source"]
            and source.type not in roles["source"]
        ):
            source, target = target, source
        if (
            "target" in roles
            and source.type in roles["target"]
            and target.type not in roles["target"]
        ):
            source, target = target, source
        return source, target


def _may_be(actor: ActorRecord, types: list[str]) -> bool:
    """Whether an actor may take a role open to ``types``. The classifier's type is a guess
    from the name and context, so it does not veto what the syntax states for an
    organisation."""
    if actor.type_source == "classifier" and actor.kind == "org":
        return True
    return actor.type in types
