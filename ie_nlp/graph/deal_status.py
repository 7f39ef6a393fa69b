"""A deal's status over the articles that report it: every change (announced → completed) with
the article that reported it, and the latest status.

An article's report is dated by the status's own date where the text gave one, else by the
article's publication date. Reports of one day are ordered by how far a deal has gone
(announced, extended, completed, terminated), so that "announced" and "completed" told the
same day end on "completed". A report that repeats the current status is no change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pydantic import BaseModel, Field

__all__ = ["StatusChange", "StatusReport", "status_history"]

_PROGRESS = {"announced": 0, "extended": 1, "completed": 2, "terminated": 3}


@dataclass(frozen=True)
class StatusReport:
    """One article's word on a deal: its attributes and when the article was published."""

    article_id: str
    published: dt.date | None
    attributes: Mapping[str, object]


class StatusChange(BaseModel):
    """A deal's status as one article reported it, where it changed."""

    status: str = Field(description="announced, completed, terminated or extended.")
    date: dt.date | None = Field(
        None, description="The status's date: the text's, else the article's publication."
    )
    article_id: str = Field(description="The article that reported it.")


def _when(report: StatusReport) -> dt.date | None:
    written = report.attributes.get("date")
    if isinstance(written, str):
        try:
            return dt.date.fromisoformat(written)
        except ValueError:
            pass
    return report.published


def status_history(reports: Iterable[StatusReport]) -> list[StatusChange]:
    """The status changes in order; the last is the deal's status now."""
    dated = [
        (_when(r), _PROGRESS[str(r.attributes["status"])], r)
        for r in reports
        if r.attributes.get("status") in _PROGRESS
    ]
    dated.sort(key=lambda item: (item[0] or dt.date.min, item[1], item[2].article_id))
    changes: list[StatusChange] = []
    for when, _, report in dated:
        status = str(report.attributes["status"])
        if not changes or changes[-1].status != status:
            changes.append(StatusChange(status=status, date=when, article_id=report.article_id))
    return changes
