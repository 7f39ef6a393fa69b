import click
@click.command()
def extract() -> None:
    """TODO"""

