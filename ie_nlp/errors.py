"""Coded errors. Every error the library raises carries a stable ``code`` that the CLI prints and
the API returns, so callers can react to it without parsing messages."""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    """Every code the library, the CLI and the API report: one list, so a code is never
    spelled twice. Stable: add new ones, never rename."""

    IE_NLP_ERROR = "ie_nlp_error"
    INVALID_ARTICLE = "invalid_article"
    TEXT_TOO_LONG = "text_too_long"
    MODEL_UNAVAILABLE = "model_unavailable"
    INPUT_UNREADABLE = "input_unreadable"
    INVALID_GOLD = "invalid_gold"
    SCRAPE_ERROR = "scrape_error"
    URL_FETCH_DISABLED = "url_fetch_disabled"
    URL_FORBIDDEN = "url_forbidden"
    FETCH_FAILED = "fetch_failed"
    INVALID_ALIAS_FILE = "invalid_alias_file"
    STORE_UNAVAILABLE = "store_unavailable"
    INVALID_RESULT = "invalid_result"
    UNKNOWN_IDENTIFIER = "unknown_identifier"
    ACTOR_NOT_FOUND = "actor_not_found"
    MALFORMED_JSON = "malformed_json"
    NOT_AN_OBJECT = "not_an_object"
    INVALID_FIELDS = "invalid_fields"
    INTERNAL_ERROR = "internal_error"
    NOT_FOUND = "not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    PAYLOAD_TOO_LARGE = "payload_too_large"
    UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type"
    NOT_READY = "not_ready"
    BATCH_TOO_LARGE = "batch_too_large"
    INVALID_DATE_RANGE = "invalid_date_range"
    WORKER_LOST = "worker_lost"
    OUTPUT_UNUSABLE = "output_unusable"


class IENLPError(Exception):
    """Base class: ``code`` is stable, the message explains what to do."""

    code: str = ErrorCode.IE_NLP_ERROR

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidArticleError(IENLPError, ValueError):
    """An input record that does not follow the contract's input-article format."""

    code: str = ErrorCode.INVALID_ARTICLE


class TextTooLongError(IENLPError, ValueError):
    """An article longer than ``IE_MAX_TEXT_CHARS``: refused, never silently cut."""

    code: str = ErrorCode.TEXT_TOO_LONG


class ModelLoadError(IENLPError, RuntimeError):
    """A spaCy pipeline, embedding model or trained classifier that cannot be loaded."""

    code: str = ErrorCode.MODEL_UNAVAILABLE


class InputFileError(IENLPError, OSError):
    """An input path that does not exist or has an unsupported kind."""

    code: str = ErrorCode.INPUT_UNREADABLE


class GoldFormatError(IENLPError, ValueError):
    """A gold or system file that cannot be scored."""

    code: str = ErrorCode.INVALID_GOLD


class ScrapeError(IENLPError):
    """Base of the errors of fetching a page by URL (``ie_nlp.scrape.fetch_article``)."""

    code: str = ErrorCode.SCRAPE_ERROR


class UrlFetchDisabledError(ScrapeError, PermissionError):
    """Fetching by URL is off: set ``IE_ALLOW_URL_FETCH=true`` to enable it."""

    code: str = ErrorCode.URL_FETCH_DISABLED


class UrlForbiddenError(ScrapeError, ValueError):
    """A URL that may not be fetched: not http(s), or a private, loopback or link-local address
    while ``IE_ALLOW_PRIVATE_ADDRESSES`` is off (SSRF guard)."""

    code: str = ErrorCode.URL_FORBIDDEN


class FetchFailedError(ScrapeError, RuntimeError):
    """The page could not be fetched or held no article text; the message says why."""

    code: str = ErrorCode.FETCH_FAILED


class AliasFileError(IENLPError, ValueError):
    """A resolution alias file (``IE_ALIAS_FILE``) that cannot be read or has a bad entry; the
    message names the file and the entry."""

    code: str = ErrorCode.INVALID_ALIAS_FILE


class StoreError(IENLPError, RuntimeError):
    """The ecosystem store cannot be opened or written: a bad ``IE_DATABASE_URL``, a database
    that cannot be reached, or a schema that cannot be migrated."""

    code: str = ErrorCode.STORE_UNAVAILABLE


class InvalidResultError(IENLPError, ValueError):
    """A record given to ``ie-nlp ingest`` that is not a CONTRACT.md extraction result."""

    code: str = ErrorCode.INVALID_RESULT


class UnknownIdentifierError(IENLPError, ValueError):
    """A filter value that is not one of the taxonomy's identifiers (actor type, capability
    category, relationship type); the message lists the valid ones."""

    code: str = ErrorCode.UNKNOWN_IDENTIFIER


class ActorNotFoundError(IENLPError, LookupError):
    """No canonical actor in the store has the requested id."""

    code: str = ErrorCode.ACTOR_NOT_FOUND


class InternalError(IENLPError):
    """A failure the library did not foresee; the traceback is logged, never shown."""

    code: str = ErrorCode.INTERNAL_ERROR


class WorkerLostError(IENLPError, RuntimeError):
    """An extraction worker process died (killed, out of memory) with this work queued or in
    progress; its pool starts new processes, so a retry succeeds once they have loaded."""

    code: str = ErrorCode.WORKER_LOST


class OutputError(IENLPError, OSError):
    """A bulk run's output that cannot be written or resumed (wrong kind, another format)."""

    code: str = ErrorCode.OUTPUT_UNUSABLE
