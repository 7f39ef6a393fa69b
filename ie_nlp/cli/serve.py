"""``ie-nlp serve``: run the HTTP API (the FastAPI app in ``service.main``) under uvicorn."""

from __future__ import annotations

import os

import click

APP = "service.main:app"


@click.command()
@click.option(
    "--host",
    default=None,
    metavar="HOST",
    help="Address to bind. [default: IE_HOST or 127.0.0.1; 0.0.0.0 exposes it to the network]",
)
@click.option(
    "--port",
    default=None,
    type=click.IntRange(1, 65535),
    metavar="PORT",
    help="Port to bind. [default: IE_PORT or 8000]",
)
@click.option(
    "--workers",
    default=None,
    type=click.IntRange(min=1),
    metavar="N",
    help="Extraction processes, each loading its own models, all fed from one request queue; "
    "/readyz waits for every one. [default: IE_WORKERS or 1, which extracts in the server "
    "process]",
)
@click.option(
    "--reload/--no-reload",
    default=False,
    show_default=True,
    help="Restart on code changes (development only; reloads the models each time).",
)
@click.option(
    "--log-level",
    type=click.Choice(["critical", "error", "warning", "info", "debug"]),
    default="info",
    show_default=True,
    help="uvicorn's log level.",
)
def serve(
    host: str | None, port: int | None, workers: int | None, reload: bool, log_level: str
) -> None:
    """Serve the extraction API over HTTP.

    The server answers /healthz at once and loads the models in the background; /readyz and the
    extract endpoints answer 503 until loading is done. Limits and models come from the IE_*
    settings (e.g. IE_MAX_REQUEST_BYTES, IE_MAX_BATCH_ARTICLES, IE_PIPELINE). With --workers N,
    N processes extract, each with its own models, taking requests from one queue; /readyz
    answers 200 once every one has loaded.

    \b
    Example:
      ie-nlp serve --port 8080 --workers 2
      curl -X POST http://127.0.0.1:8080/v1/extract -H 'Content-Type: application/json' \\
           -d '{"id": "a1", "text": "Pfizer Inc. acquired Seagen Inc. for $43 billion."}'
    """
    # Imported here so that `ie-nlp --help` and the other commands do not pay for uvicorn.
    import uvicorn

    from ie_nlp import get_settings

    if workers is not None:
        # uvicorn imports the app by name, and the app reads IE_* (in --reload's child process
        # too), so the option travels as the setting.
        os.environ["IE_WORKERS"] = str(workers)
        get_settings.cache_clear()
    settings = get_settings()
    host = host if host is not None else settings.host
    port = port if port is not None else settings.port
    shown_host = "127.0.0.1" if host in {"0.0.0.0", "::", ""} else host
    if ":" in shown_host:
        shown_host = f"[{shown_host}]"
    processes = "in-process" if settings.workers == 1 else f"{settings.workers} worker processes"
    click.echo(
        f"ie-nlp API starting on {host}:{port} (extraction: {processes}); open "
        f"http://{shown_host}:{port}/docs for the interactive documentation (Ctrl+C to stop)."
    )
    uvicorn.run(APP, host=host, port=port, reload=reload, log_level=log_level)
