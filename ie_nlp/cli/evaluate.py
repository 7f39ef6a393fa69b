import click
@click.command()
def evaluate() -> None:
    """TODO"""

