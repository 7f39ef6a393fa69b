"""``python -m ie_nlp.cli``: the ``ie-nlp`` command line without the console script."""

from ie_nlp.cli import cli

if __name__ == "__main__":
    cli(prog_name="ie-nlp")
