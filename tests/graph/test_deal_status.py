"""ie_nlp.graph.deal_status: a deal's status changes over the articles that report it."""

from __future__ import annotations

from datetime import date

from ie_nlp.graph.deal_status import StatusReport, status_history


def _report(article: str, published: str, **attributes: object) -> StatusReport:
    return StatusReport(article, date.fromisoformat(published), attributes)


def test_changes_in_the_order_of_their_dates_and_repeats_dropped() -> None:
    history = status_history(
        [
            _report("c", "2024-06-01", status="completed"),
            _report("a", "2024-02-01", status="announced", date="2024-01-15"),
            _report("b", "2024-03-01", status="announced"),
            _report("d", "2024-07-01"),  # says nothing of the status
            _report("e", "2024-08-01", status="extended", date="not a date"),
        ]
    )
    assert [(c.status, c.date, c.article_id) for c in history] == [
        ("announced", date(2024, 1, 15), "a"),
        ("completed", date(2024, 6, 1), "c"),
        ("extended", date(2024, 8, 1), "e"),  # an unreadable date falls back to publication
    ]


def test_one_day_ends_on_the_furthest_status() -> None:
    history = status_history(
        [
            _report("x", "2024-05-05", status="completed"),
            _report("y", "2024-05-05", status="announced"),
        ]
    )
    assert [c.status for c in history] == ["announced", "completed"]


def test_no_status_no_history() -> None:
    assert status_history([_report("a", "2024-01-01", amount=5)]) == []
