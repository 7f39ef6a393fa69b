"""Text zones: the headline, the lead, and the parts of a release that report nothing of
their own (the "About X" paragraphs, safe-harbour and tender-offer paperwork, contacts). Deals
(``deal_pairs``, ``deal_terms``) and capability holders (``capability_holders``) read them."""

from __future__ import annotations

from spacy.tokens import Span


class Zoning:
    """Where each sentence stands: the headline, the lead, or a part that reports no deal of
    its own: the "About X" paragraphs after their heading, safe-harbour and tender-offer
    paperwork, contacts."""

    HEADING_TOKENS = 12

    def __init__(self, cues: dict[str, tuple[str, ...]]) -> None:
        self.cues = cues
        self.in_about = False

    def zones(self, sentence: Span, number: int) -> frozenset[str]:
        """The zones of the next sentence; call it for every sentence in order."""
        text = sentence.text.strip().lower()
        found = {"headline"} if number == 0 else set()
        if number <= 2:
            found.add("lead")
        if any(text.startswith(cue) for cue in self.cues["about_starts"]):
            self.in_about = self.in_about or len(sentence) <= self.HEADING_TOKENS
            found.add("about")
        elif self.in_about:
            found.add("about")
        found.update(
            zone for zone in ("legal", "contact") if any(c in text for c in self.cues[zone])
        )
        return frozenset(found)
