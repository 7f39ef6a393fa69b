"""The initial schema: articles, canonical actors and their aliases, what each article said
(actors, capabilities, relationship evidence), aggregated relationships and the signal cache.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def fk(column: str, table: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        [target],
        name=op.f(f"fk_{table}_{column}_{target.split('.')[0]}"),
        ondelete=ondelete,
    )


def pk(table: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}"))


def index(table: str, *columns: str, name: str | None = None) -> None:
    op.create_index(name or op.f(f"ix_{table}_{columns[0]}"), table, list(columns))


def upgrade() -> None:
    op.create_table(
        "actors",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.Text(), nullable=True),
        sa.Column("context", sa.Text(), nullable=False),
        sa.Column("first_seen", sa.Date(), nullable=True),
        sa.Column("last_seen", sa.Date(), nullable=True),
        pk("actors"),
    )
    index("actors", "name")
    index("actors", "type")

    op.create_table(
        "articles",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        pk("articles"),
    )
    index("articles", "published")

    op.create_table(
        "signals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period", sa.Text(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        pk("signals"),
        sa.UniqueConstraint(
            "period",
            "period_start",
            "kind",
            "key",
            name=op.f("uq_signals_period_period_start_kind_key"),
        ),
    )
    index("signals", "kind")

    op.create_table(
        "actor_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Text(), nullable=False),
        sa.Column("alias", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        fk("actor_id", "actor_aliases", "actors.id", "CASCADE"),
        pk("actor_aliases"),
        sa.UniqueConstraint("actor_id", "alias", name=op.f("uq_actor_aliases_actor_id_alias")),
    )
    index("actor_aliases", "alias")

    op.create_table(
        "article_actors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("ref", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("mentions", sa.JSON(), nullable=False),
        sa.Column("attributes", sa.JSON(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("actor_id", sa.Text(), nullable=True),
        fk("actor_id", "article_actors", "actors.id", "SET NULL"),
        fk("article_id", "article_actors", "articles.id", "CASCADE"),
        pk("article_actors"),
        sa.UniqueConstraint("article_id", "ref", name=op.f("uq_article_actors_article_id_ref")),
    )
    index("article_actors", "actor_id")

    op.create_table(
        "capabilities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("actor_ref", sa.Text(), nullable=True),
        sa.Column("actor_id", sa.Text(), nullable=True),
        sa.Column("category", sa.Text(), nullable=False),
        sa.Column("market", sa.Text(), nullable=False),
        sa.Column("mentions", sa.JSON(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        fk("actor_id", "capabilities", "actors.id", "SET NULL"),
        fk("article_id", "capabilities", "articles.id", "CASCADE"),
        pk("capabilities"),
    )
    index("capabilities", "actor_id")
    index("capabilities", "article_id")
    index("capabilities", "category", "actor_id", name="ix_capabilities_category_actor")

    op.create_table(
        "relationships",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("source_id", sa.Text(), nullable=False),
        sa.Column("target_id", sa.Text(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("sources", sa.Integer(), nullable=False),
        sa.Column("first_seen", sa.Date(), nullable=True),
        sa.Column("last_seen", sa.Date(), nullable=True),
        fk("source_id", "relationships", "actors.id", "CASCADE"),
        fk("target_id", "relationships", "actors.id", "CASCADE"),
        pk("relationships"),
        sa.UniqueConstraint(
            "type",
            "source_id",
            "target_id",
            name=op.f("uq_relationships_type_source_id_target_id"),
        ),
    )
    index("relationships", "source_id")
    index("relationships", "target_id")
    index("relationships", "type")

    op.create_table(
        "relationship_evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("relationship_id", sa.Integer(), nullable=True),
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("source_ref", sa.Text(), nullable=False),
        sa.Column("target_ref", sa.Text(), nullable=False),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("attributes", sa.JSON(), nullable=False),
        fk("article_id", "relationship_evidence", "articles.id", "CASCADE"),
        fk("relationship_id", "relationship_evidence", "relationships.id", "SET NULL"),
        pk("relationship_evidence"),
    )
    index("relationship_evidence", "article_id")
    index("relationship_evidence", "relationship_id")


def downgrade() -> None:
    # Children before parents; dropping a table drops its indexes.
    for table in (
        "relationship_evidence",
        "relationships",
        "capabilities",
        "article_actors",
        "actor_aliases",
        "signals",
        "articles",
        "actors",
    ):
        op.drop_table(table)
