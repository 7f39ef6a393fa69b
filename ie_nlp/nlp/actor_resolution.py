"""In-article resolution: the mentions of one actor ("Merck & Co., Inc.", "Merck", "MSD",
"Merck's"; "Jane Doe", "Doe"; "Walter and Eliza Hall Institute (WEHI)") become one actor."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ie_nlp.names import has_legal_suffix, initials, normalize_name
from ie_nlp.nlp.actor_candidates import Candidate
from ie_nlp.nlp.records import ActorRecord


def _acronym_after(span: Span) -> str | None:
    """``Long Name (ACR)``: the acronym defined right after a mention. Half its letters at
    least are capitals ("WEHI", "TGen"): "BioMed" in "Biomedical Sciences (BioMed)" is a
    field's nickname, and a defined acronym counts for a name with the actor filter."""
    doc = span.doc
    if span.end + 2 < len(doc) and doc[span.end].text == "(" and doc[span.end + 2].text == ")":
        word = doc[span.end + 1].text
        letters = [ch for ch in word if ch.isalpha()]
        capitals = sum(ch.isupper() for ch in letters)
        if 2 <= len(word) <= 10 and capitals >= 2 and capitals * 2 >= len(letters):
            return word
    return None


class _Clusters:
    def __init__(self) -> None:
        self.by_key: dict[str, int] = {}
        self.members: list[list[Candidate]] = []
        self.kinds: list[str] = []
        self.gazetteer: list[str | None] = []
        self.acronyms: list[set[str]] = []

    def add(self, candidate: Candidate, key: str) -> None:
        index = self.by_key.get(key)
        if index is None:
            index = len(self.members)
            self.by_key[key] = index
            self.members.append([])
            self.kinds.append(candidate.kind)
            self.gazetteer.append(candidate.gazetteer_name)
            self.acronyms.append(set())
        self.members[index].append(candidate)
        acronym = _acronym_after(candidate.span)
        if acronym:
            self.acronyms[index].add(acronym)
            self.by_key.setdefault(normalize_name(acronym), index)

    def merge_into(self, short_key: str, index: int) -> None:
        old = self.by_key[short_key]
        if old == index:
            return
        self.members[index].extend(self.members[old])
        self.acronyms[index] |= self.acronyms[old]
        self.members[old] = []
        for key, value in list(self.by_key.items()):
            if value == old:
                self.by_key[key] = index


def _key(candidate: Candidate) -> str:
    if candidate.gazetteer_name:
        return normalize_name(candidate.gazetteer_name)
    return normalize_name(candidate.span.text)


def _link_short_forms(clusters: _Clusters, company_words: frozenset[str]) -> None:
    """A one-word person mention joins the full name it ends or starts; an organisation key
    that begins a longer organisation key, or is its initials, joins that one when unique.
    Two names that both carry a legal form and differ by more than company words are two
    companies ("Gelco Corp" sold "Gelco Express Ltd"; "Oncotelic Inc" is "Oncotelic
    Therapeutics Inc")."""
    keys = list(clusters.by_key)
    for short in keys:
        index = clusters.by_key[short]
        if not clusters.members[index]:
            continue
        if clusters.gazetteer[index]:
            _absorb_longer(clusters, short, index, keys, company_words)
            continue
        kind = clusters.kinds[index]
        words = short.split()
        incorporated = _incorporated(clusters, index)
        hosts = set()
        for long in keys:
            host = clusters.by_key[long]
            if host == index or clusters.kinds[host] != kind or not clusters.members[host]:
                continue
            long_words = long.split()
            if len(long_words) <= len(words):
                continue
            if (
                incorporated
                and _incorporated(clusters, host)
                and not set(long_words[len(words) :]) <= company_words
            ):
                continue
            if kind == "person":
                if len(words) == 1 and words[0] in (long_words[0], long_words[-1]):
                    hosts.add(host)
            elif long_words[: len(words)] == words or (
                len(words) == 1 and len(short) >= 2 and initials(" ".join(long_words)) == short
            ):
                hosts.add(host)
        if len(hosts) == 1:
            clusters.merge_into(short, hosts.pop())


def _incorporated(clusters: _Clusters, index: int) -> bool:
    """Whether a cluster's organisation is written with a legal form ("Gelco Corp")."""
    return clusters.kinds[index] == "org" and any(
        has_legal_suffix(member.span.text) for member in clusters.members[index]
    )


def short_form(name: str, generic_words: frozenset[str]) -> str | None:
    """ "Oncotelic" for "Oncotelic Therapeutics, Inc.": the name without its trailing legal and
    generic words, when that leaves a distinctive word."""
    words = name.replace(",", " ").split()
    while len(words) > 1 and words[-1].strip(".").lower() in generic_words:
        words.pop()
    if len(words) != 1 or len(words[0]) < 4 or words[0] == name or not words[0][0].isupper():
        return None
    if words[0].lower() in generic_words or not words[0].replace("-", "").isalnum():
        return None  # "National" (Institutes of Health), "U.S." (Food and Drug Administration)
    return words[0]


_PLACE_LABELS = {"GPE", "NORP", "LOC"}


class _CommonWords:
    """The words, in lower case, that make no short form of a name: the text's places and
    peoples ("Boston" of "Boston Children's Hospital", "European" of "European Commission"),
    and the words it writes in lower case ("Data" of "Data Science Division" beside "data";
    these only for a short form in title case: an acronym is never a common word, whatever a
    web address writes).

    Outside the actors' names, a word is a place where the NER reads it as one at least as
    often as otherwise: it took "Lifordi" of "invest in Lifordi now" for a place once, beside
    two other readings, and the company lost three of its five mentions."""

    def __init__(self, doc: Doc, place_words: frozenset[str], in_names: set[int]) -> None:
        places = {token.i for ent in doc.ents if ent.label_ in _PLACE_LABELS for token in ent}
        self.place_words = place_words
        self.labelled_places = frozenset(doc[i].lower_ for i in places)
        outside = [token for token in doc if token.i not in in_names]
        self.as_place = Counter(token.lower_ for token in outside if token.i in places)
        self.otherwise = Counter(token.lower_ for token in outside if token.i not in places)
        self.lower_case = frozenset(token.lower_ for token in doc if token.is_lower)

    def is_place(self, word: str) -> bool:
        key = word.lower()
        return key in self.place_words or (
            key in self.labelled_places and self.as_place[key] >= self.otherwise[key]
        )


def _absorb_longer(
    clusters: _Clusters, short: str, index: int, keys: list[str], company_words: frozenset[str]
) -> None:
    """ "Otsuka" (gazetteer) takes in "Otsuka Pharmaceuticals Co. Ltd.": a longer name that
    only adds company words, and is no gazetteer organisation of its own (as "Merck KGaA" is,
    next to "Merck"); "University of Michigan Medical School" stays a unit of its own."""
    words = short.split()
    for long in keys:
        host = clusters.by_key[long]
        if host == index or clusters.gazetteer[host] or not clusters.members[host]:
            continue
        long_words = long.split()
        if (
            clusters.kinds[host] == "org"
            and long_words[: len(words)] == words
            and set(long_words[len(words) :]) <= company_words
        ):
            clusters.merge_into(long, index)


def _extra_mentions(
    doc: Doc,
    actors: list[ActorRecord],
    acronyms: list[set[str]],
    make_doc: Callable[[str], Doc],
    generic_words: frozenset[str],
    place_words: frozenset[str],
) -> None:
    """Later occurrences of a known form that NER did not tag (a bare acronym, a short name)."""
    matcher = PhraseMatcher(doc.vocab)
    taken = {token.i for actor in actors for mention in actor.mentions for token in mention}
    all_forms = {normalize_name(form) for actor in actors for form in actor.surface_forms}
    common = _CommonWords(doc, place_words, taken)
    for index, actor in enumerate(actors):
        forms = set(actor.surface_forms) | acronyms[index]
        short = short_form(actor.name, generic_words) if actor.kind == "org" else None
        if (
            short
            and normalize_name(short) not in all_forms
            and not common.is_place(short)
            and not (short.istitle() and short.lower() in common.lower_case)
        ):
            forms.add(short)
        matcher.add(str(index), [make_doc(form) for form in forms if len(form) > 1])
    for match_id, start, end in sorted(matcher(doc), key=lambda m: (m[1], -m[2])):
        if any(i in taken for i in range(start, end)):
            continue
        actor = actors[int(doc.vocab.strings[match_id])]
        actor.mentions.append(Span(doc, start, end))
        taken.update(range(start, end))
    for actor in actors:
        actor.mentions.sort(key=lambda span: span.start)


def resolve(
    doc: Doc,
    candidates: list[Candidate],
    make_doc: Callable[[str], Doc],
    generic_words: frozenset[str],
    company_words: frozenset[str],
    place_words: frozenset[str],
) -> list[ActorRecord]:
    clusters = _Clusters()
    for candidate in candidates:
        clusters.add(candidate, _key(candidate))
    _link_short_forms(clusters, company_words)
    actors: list[ActorRecord] = []
    acronyms: list[set[str]] = []
    for index, members in enumerate(clusters.members):
        if not members:
            continue
        if clusters.kinds[index] == "person" and all(len(m.span) == 1 for m in members):
            continue  # a lone surname or first name: no full name to tie it to
        if all(m.tentative for m in members):
            continue
        mentions = sorted(
            {(m.span.start, m.span.end): m.span for m in members}.values(),
            key=lambda span: span.start,
        )
        actor = ActorRecord(
            id=f"a{len(actors) + 1}",
            kind=clusters.kinds[index],
            mentions=mentions,
            gazetteer_id=clusters.gazetteer[index],
        )
        if clusters.acronyms[index]:
            actor.attributes["acronyms"] = sorted(clusters.acronyms[index])
        actors.append(actor)
        acronyms.append(clusters.acronyms[index])
    for actor in actors:
        # of "… Ltd." and "… Ltd" (same words), the form without the sentence's period
        fullest = max(
            actor.surface_forms,
            key=lambda form: (len(form.split()), len(form.rstrip(".")), not form.endswith(".")),
        )
        actor.name = " ".join(fullest.split())  # a name wrapped over two lines
    # after naming: a short form is made from the name, and adds no longer form
    _extra_mentions(doc, actors, acronyms, make_doc, generic_words, place_words)
    return actors
