"""One settings object for the library, the CLI and the service (env prefix ``IE_``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent


class Settings(BaseSettings):
    """Runtime configuration. Every field can be set as ``IE_<NAME>`` in the environment."""

    model_config = SettingsConfigDict(env_prefix="IE_", env_file=".env", extra="ignore")

    pipeline: str = Field(
        str(REPO_DIR / "models" / "pipeline"),
        description="The extraction pipeline: a folder written by `ie-nlp train` (config.cfg, "
        "trained parts) or an installed spaCy package of a whole pipeline.",
    )
    embedding_model: str = Field(
        "",
        description="sentence-transformers model folder for the pipeline and the resolver; empty "
        "means the one the pipeline was trained with (the bundled all-MiniLM-L6-v2 by default).",
    )
    use_embeddings: bool = Field(
        True,
        description="Compare actor names by embedding similarity when resolving them across "
        "articles (the pipeline's own use is set in its config.cfg).",
    )
    min_confidence: float = Field(
        0.25,
        ge=0.0,
        le=1.0,
        description="Relationships whose confidence (for deals, the chance of being right) is "
        "below this are left out of results. 0.25 was chosen on the gold dev split and is "
        "still the best there with the shipped models (deal F1 0.571, against 0.568 at 0.2 "
        "and 0.569 at 0.3); 0 keeps every relationship found.",
    )
    max_text_chars: int = Field(
        2_000_000, description="Longest article text accepted; longer ones are rejected, never cut."
    )
    max_request_bytes: int = Field(
        8_000_000, description="Largest request body the API accepts (HTTP 413 above)."
    )
    max_batch_articles: int = Field(64, description="Most articles in one POST /v1/extract/batch.")
    torch_threads: int = Field(
        1, description="Torch threads per process (1 is robust on shared cores)."
    )
    shared_corpora_dir: Path = Field(
        REPO_DIR.parent / "shared" / "corpora",
        description="Folder of the shared article corpora that gold records without text refer to.",
    )
    host: str = Field("127.0.0.1", description="Address `ie-nlp serve` binds.")
    port: int = Field(8000, description="Port `ie-nlp serve` binds.")
    workers: int = Field(
        1,
        ge=1,
        description="Extraction processes of the API, each with its own models, fed from one "
        "request queue; 1 extracts in the server process itself.",
    )

    # --- scraping ---
    scrape_store_path: Path = Field(
        default=Path("ie-nlp-scrape.sqlite3"),
        description="SQLite file of URLs seen, validators and content hashes (`ie-nlp scrape`).",
    )
    scrape_user_agent: str = Field(
        default="ie-nlp/0.1 (+https://github.com/ie-nlp/ie-nlp; biopharma news research crawler)",
        description="User agent sent with every request; robots.txt groups match its first token.",
    )
    scrape_delay_s: float = Field(
        default=1.0, description="Least seconds between requests to one host (or crawl-delay)."
    )
    scrape_concurrency: int = Field(
        default=4, description="Hosts crawled in parallel (one request at a time to each host)."
    )
    scrape_timeout_s: float = Field(
        default=20.0, description="Connect and read timeout of one request, in seconds."
    )
    scrape_max_bytes: int = Field(
        default=5_000_000, description="Largest response body read; a larger page fails."
    )
    scrape_retries: int = Field(
        default=3, description="Retries after a connection error, timeout, 429 or 5xx response."
    )
    scrape_max_redirects: int = Field(default=5, description="Most redirects followed for one URL.")
    allow_url_fetch: bool = Field(
        default=False,
        description="Let `POST /v1/extract` fetch a `url` itself (off: text or html only).",
    )
    allow_private_addresses: bool = Field(
        default=False,
        description="Allow fetching private, loopback and link-local addresses (SSRF guard off).",
    )

    # --- ecosystem store and graph ---
    database_url: str = Field(
        default=f"sqlite:///{REPO_DIR / 'var' / 'ie-nlp.sqlite3'}",
        description="SQLAlchemy URL of the ecosystem store: the SQLite file by default, or "
        "postgresql+psycopg://user:password@host/db.",
    )
    alias_file: Path | None = Field(
        default=None,
        description="User-maintained YAML/JSON file that forces or forbids actor merges across "
        "articles (see docs/resolution.md); applied on top of the automatic resolution.",
    )
    resolution_similarity: float = Field(
        default=0.85,
        ge=0.0,
        le=1.0,
        description="Name-and-context embedding similarity from which two actor names of the "
        "same type are read as one actor across articles.",
    )
    region: list[str] = Field(
        default_factory=list,
        description="Place names (GPE) that make up the region the signals call 'local' "
        '(e.g. ["Basel", "Switzerland"]); empty means no region split.',
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()
