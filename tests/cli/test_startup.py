"""The command line starts without the heavy stack: ``ie-nlp --help`` lists every command while
spaCy, torch, SQLAlchemy, FastAPI and networkx stay unimported (how fast that is, is measured by
benchmarks/bench_cli_startup.py, not here)."""

from __future__ import annotations

import json
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

import ie_nlp
from ie_nlp.cli import COMMANDS, cli

HEAVY = ("spacy", "torch", "thinc", "sentence_transformers", "sqlalchemy", "fastapi", "networkx")


def loaded_after(code: str) -> dict[str, object]:
    """Run ``code`` in a fresh interpreter; the heavy packages it imported and its output."""
    probe = (
        "import contextlib, io, json, sys\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    try:\n"
        + "".join(f"        {line}\n" for line in code.splitlines())
        + "    except SystemExit:\n"
        "        pass\n"
        f"heavy = sorted(m for m in {HEAVY!r} if m in sys.modules)\n"
        "print(json.dumps({'heavy': heavy, 'stdout': out.getvalue()}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_help_lists_every_command_without_importing_the_heavy_stack() -> None:
    run = loaded_after("from ie_nlp.cli import cli\nsys.argv = ['ie-nlp', '--help']\ncli()")
    assert run["heavy"] == []
    listed = str(run["stdout"]).split("Commands:")[1].split()
    assert set(COMMANDS) <= set(listed)


def test_importing_the_package_and_the_cli_stays_light() -> None:
    run = loaded_after("import ie_nlp\nimport ie_nlp.cli\nie_nlp.ErrorCode")
    assert run["heavy"] == []


def test_version_needs_no_command_module() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert ie_nlp.__version__ in result.output


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_lazy_command_resolves_to_its_command(name: str) -> None:
    command = cli.get_command(click.Context(cli), name)
    assert isinstance(command, click.Command)
    assert command.name == name
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output or "Commands:" in result.output


def test_graph_export_is_reached_through_the_lazy_graph_group() -> None:
    result = CliRunner().invoke(cli, ["graph", "export", "--help"])
    assert result.exit_code == 0, result.output
    assert "gexf" in result.output


def test_lazy_exports_of_the_package_are_the_real_objects() -> None:
    from ie_nlp.settings import Settings, get_settings

    assert ie_nlp.Settings is Settings
    assert ie_nlp.get_settings is get_settings
    assert set(ie_nlp.__all__) <= set(dir(ie_nlp))
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = ie_nlp.no_such_name  # type: ignore[attr-defined]
