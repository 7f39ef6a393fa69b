"""The ``ie_actors`` component: candidates, in-article resolution, typing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ie_nlp.errors import ModelLoadError
from ie_nlp.names import has_legal_suffix
from ie_nlp.nlp.actor_candidates import find_candidates
from ie_nlp.nlp.actor_resolution import resolve
from ie_nlp.nlp.actor_typing import assign_rule_types
from ie_nlp.nlp.dependency_paths import list_head
from ie_nlp.nlp.lexicons import Lexicons
from ie_nlp.nlp.locations import assign_locations
from ie_nlp.nlp.models.actor_features import RULE_SOURCES
from ie_nlp.nlp.models.actor_filter_model import ActorFilterModel
from ie_nlp.nlp.models.actor_type_model import ActorTypeModel
from ie_nlp.nlp.records import ActorRecord, register_extensions

TYPE_MODEL_FILE = "actor_type_model.joblib"
FILTER_MODEL_FILE = "actor_filter_model.joblib"


@Language.factory(
    "ie_actors",
    default_config={"lexicons": {"@misc": "ie_nlp.lexicons.v1"}},
    requires=["doc.ents", "token.dep", "token.lemma"],
    assigns=["doc._.ie_actors", "doc._.ie_actor_at"],
)
class ActorFinder:
    """Fills ``doc._.ie_actors`` (resolved, typed actors) and ``doc._.ie_actor_at``.

    Its two trained models come with the pipeline folder (``from_disk``). A new component
    (``ie-nlp train`` builds one) has none and runs the rules alone, which is what the trainer
    learns from; ``trained`` tells the two apart."""

    def __init__(self, nlp: Language, name: str, lexicons: Lexicons) -> None:
        register_extensions()
        self.name = name
        self.lexicons = lexicons
        self.make_doc = nlp.make_doc
        self.type_model: ActorTypeModel | None = None
        self.filter_model: ActorFilterModel | None = None
        self.deal_roles = DealRoles.from_cues(self.lexicons.relation_cues)

    @property
    def trained(self) -> bool:
        return self.type_model is not None and self.filter_model is not None

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        if self.type_model is None or self.filter_model is None:
            raise ModelLoadError(f"component {self.name!r} has no trained models to save")
        folder = Path(path)
        self.type_model.save(folder / TYPE_MODEL_FILE, {})
        self.filter_model.save(folder / FILTER_MODEL_FILE, {})

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> ActorFinder:
        folder = Path(path)
        self.type_model = ActorTypeModel.load(folder / TYPE_MODEL_FILE)
        self.filter_model = ActorFilterModel.load(folder / FILTER_MODEL_FILE)
        return self

    def __call__(self, doc: Doc) -> Doc:
        actors = resolve(
            doc,
            find_candidates(doc, self.lexicons),
            self.make_doc,
            self.lexicons.name_generic_words,
            self.lexicons.company_words,
            frozenset(word.lower() for word in self.lexicons.country_prefixes),
        )
        for actor in actors:
            assign_rule_types(actor, self.lexicons)
            entry = self.lexicons.gazetteer_by_name.get(actor.gazetteer_id or "")
            if entry is not None:
                actor.known_names = (entry.name, *entry.aliases)
        if self.filter_model is not None:
            actors = _filter(actors, self.filter_model, self.deal_roles)
        # the gazetteer is trusted; the other rules' types, the NER's "person" among them, are
        # features of the classifier, which may find a person's name to be a company's
        undecided = [a for a in actors if a.type_source != "gazetteer"]
        if self.type_model is not None and undecided:
            predicted = self.type_model.predict(undecided)
            for actor, probabilities in zip(undecided, predicted, strict=True):
                type_id, probability = self.type_model.decide(actor, probabilities)
                if type_id == actor.type and actor.type_source in RULE_SOURCES:
                    actor.confidence = max(actor.confidence, probability)
                else:
                    actor.type, actor.type_source = type_id, "classifier"
                    actor.confidence = probability
        for actor in actors:
            # the kind follows the type: the NER's "Dr. Nadia Reuter, Chief Executive Officer
            # of …" is an organisation that its description makes a person, and no deal party
            actor.kind = "person" if actor.type == "person" else "org"
        assign_locations(doc, actors, self.lexicons)
        doc._.ie_actors = actors
        doc._.ie_actor_at = _token_index(actors)
        return doc


@dataclass(frozen=True)
class DealRoles:
    """Verbs whose subject (``subject_of``) or object (``object_of``, also as a passive subject)
    an organisation name is an actor for sure: the one who "said" or "announced", who
    "acquired" or was "bought", who "entered into" or "signed" a deal; a conjunct of such a
    subject or object too ("Lumagen Bio and Castellan Genomics have entered …")."""

    subject_of: frozenset[str]
    object_of: frozenset[str]

    @classmethod
    def from_cues(cls, cues: dict[str, Any]) -> DealRoles:
        deals = frozenset(cues["agent_verbs"]["acquisition"]) | frozenset(cues["sales"]["lemmas"])
        reporting = frozenset(cues["hedges"]["backshift"]["reporting_lemmas"])
        parties = frozenset(cues["party_verbs"]["lemmas"])
        return cls(subject_of=reporting | deals | parties, object_of=deals)

    def names_a_party(self, actor: ActorRecord) -> bool:
        """Whether an organisation's mention is such a subject or object, whatever label the
        NER gave it ("Castellan Genomics" as a person). One word is too little: "Turner said"
        is mostly a person the NER took for a company."""
        for mention in actor.mentions:
            if actor.kind != "org" or len(mention) < 2:
                continue
            head = list_head(mention.root)
            verb = head.head.lemma_.lower()
            # "Beta Bio was acquired by …": a passive subject is the verb's object
            if (head.dep_ == "nsubj" and verb in self.subject_of) or (
                head.dep_ in {"dobj", "nsubjpass"} and verb in self.object_of
            ):
                return True
        return False


def _filter(
    actors: list[ActorRecord], model: ActorFilterModel, roles: DealRoles
) -> list[ActorRecord]:
    """Drops names the filter does not take for actors; organisations from the gazetteer, with
    a legal form ("… Corp"), or that report or take part in a deal ("Wyse Technology said it
    agreed to acquire …") stay."""
    unknown = [a for a in actors if filterable(a) and not roles.names_a_party(a)]
    verdicts = dict(zip((id(a) for a in unknown), model.probabilities(unknown), strict=True))
    kept = []
    for actor in actors:
        probability = verdicts.get(id(actor))
        if probability is None:
            kept.append(actor)
        elif probability >= model.threshold:
            actor.filter_probability = round(float(probability), 3)
            actor.confidence = round(
                min(actor.confidence, probability)
                if actor.type_source != "default"
                else probability,
                3,
            )
            kept.append(actor)
    for number, actor in enumerate(kept, start=1):
        actor.id = f"a{number}"
    return kept


def filterable(actor: ActorRecord) -> bool:
    """Whether the actor filter judges this actor (the others are organisations for sure). An
    acronym the text defines is a feature, no exemption: on dev, 15 of the 38 names with one
    were no actors ("Tumor Necrosis Factor (TNF)", "Memorandum of Understanding (MOU)")."""
    return not (actor.gazetteer_id or has_legal_suffix(actor.name))


def _token_index(actors: list[ActorRecord]) -> dict[int, ActorRecord]:
    index: dict[int, ActorRecord] = {}
    for actor in actors:
        for mention in actor.mentions:
            for token in mention:
                index[token.i] = actor
    return index
