"""Coded errors. Every error the library raises carries a stable ``code`` that the CLI prints and
the API returns, so callers can react to it without parsing messages."""

from __future__ import annotations


class IENLPError(Exception):
    """Base class: ``code`` is stable, the message explains what to do."""

    code = "ie_nlp_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidArticleError(IENLPError, ValueError):
    """An input record that does not follow the contract's input-article format."""

    code = "invalid_article"


class TextTooLongError(IENLPError, ValueError):
    """An article longer than ``IE_MAX_TEXT_CHARS``: refused, never silently cut."""

    code = "text_too_long"


class ModelLoadError(IENLPError, RuntimeError):
    """A spaCy pipeline, embedding model or trained classifier that cannot be loaded."""

    code = "model_unavailable"


class InputFileError(IENLPError, OSError):
    """An input path that does not exist or has an unsupported kind."""

    code = "input_unreadable"


class GoldFormatError(IENLPError, ValueError):
    """A gold or system file that cannot be scored."""

    code = "invalid_gold"


class ScrapeError(IENLPError):
    """Base of the errors of fetching a page by URL (``ie_nlp.scrape.fetch_article``)."""

    code = "scrape_error"


class UrlFetchDisabledError(ScrapeError, PermissionError):
    """Fetching by URL is off: set ``IE_ALLOW_URL_FETCH=true`` to enable it."""

    code = "url_fetch_disabled"


class UrlForbiddenError(ScrapeError, ValueError):
    """A URL that may not be fetched: not http(s), or a private, loopback or link-local address
    while ``IE_ALLOW_PRIVATE_ADDRESSES`` is off (SSRF guard)."""

    code = "url_forbidden"


class FetchFailedError(ScrapeError, RuntimeError):
    """The page could not be fetched or held no article text; the message says why."""

    code = "fetch_failed"


class AliasFileError(IENLPError, ValueError):
    """A resolution alias file (``IE_ALIAS_FILE``) that cannot be read or has a bad entry; the
    message names the file and the entry."""

    code = "invalid_alias_file"


class StoreError(IENLPError, RuntimeError):
    """The ecosystem store cannot be opened or written: a bad ``IE_DATABASE_URL``, a database
    that cannot be reached, or a schema that cannot be migrated."""

    code = "store_unavailable"


class InvalidResultError(IENLPError, ValueError):
    """A record given to ``ie-nlp ingest`` that is not a CONTRACT.md extraction result."""

    code = "invalid_result"


class UnknownIdentifierError(IENLPError, ValueError):
    """A filter value that is not one of the taxonomy's identifiers (actor type, capability
    category, relationship type); the message lists the valid ones."""

    code = "unknown_identifier"


class ActorNotFoundError(IENLPError, LookupError):
    """No canonical actor in the store has the requested id."""

    code = "actor_not_found"
