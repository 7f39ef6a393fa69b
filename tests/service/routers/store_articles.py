"""The articles the store route tests post to the store server (the ``stored`` fixture of
conftest.py posts them once): the same deal told twice and a collaboration."""

ARTICLES = [
    {
        "id": "api-deal-1",
        "title": "Novartis completes Lumagen Bio deal",
        "published": "2025-03-03",
        "text": "BASEL, Switzerland, March 3, 2025 — Novartis AG today announced that it has "
        "completed the acquisition of Lumagen Bio, a gene therapy developer, for $1.1 billion.",
    },
    {
        "id": "api-deal-2",
        "published": "2025-06-02",
        "text": "Novartis has acquired Lumagen Bio, a gene therapy developer based in Aurenfeld, "
        "Germany, for $1.1 billion.",
    },
    {
        "id": "api-collab",
        "published": "2025-09-15",
        "text": "Castellan Genomics GmbH has entered into a research collaboration with Lumagen "
        "Bio on gene therapy vectors.",
    },
]
