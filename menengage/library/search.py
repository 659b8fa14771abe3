# ruff: noqa: S608 - table, column and configuration names are module constants; values are
# always passed as parameters.
"""Full-text search over resources: SQLite FTS5 on the embedded default, PostgreSQL tsvector in
production, behind a few functions (`candidates`, `index_add`, `index_remove`, `rebuild`).

Why not modelsearch: its database backends score every hit before cutting the list (a common
word across 50,000 resources is 50,000 scores), and its PostgreSQL backend parses every document
with one text search configuration, so Spanish, French and Portuguese text would be stemmed as
English. Here each title and summary is stemmed with its own language's configuration, the body
with the resource's language, and only the best CANDIDATE_LIMIT hits are kept.

SQLite has only the Porter (English) stemmer; the FTS5 table folds accents for every language
and applies Porter's rules, which also strip most Spanish, French and Portuguese plurals.
"""

import html
import re

from django.db import connection
from django.utils.safestring import mark_safe

CANDIDATE_LIMIT = 1000
# How many of the newest title-and-summary matches are ranked for a very common word.
HEAD_POOL = 5000
MAX_TERMS = 12
# PostgreSQL tsvectors hold at most 1 MB; a long report's first 200,000 characters are enough
# to find it.
MAX_INDEXED_CHARS = 200_000
PG_CONFIGS = {"en": "english", "es": "spanish", "fr": "french", "pt": "portuguese"}
FTS_TABLE = "library_resource_fts"
PG_TABLE = "library_resource_search"
FTS_COLUMNS = (
    "title_en",
    "title_es",
    "title_fr",
    "title_pt",
    "summary_en",
    "summary_es",
    "summary_fr",
    "summary_pt",
    "authors",
    "text",
)
# bm25 column weights, in FTS_COLUMNS order: a word in a title counts most, the body least.
FTS_WEIGHTS = "10, 10, 10, 10, 4, 4, 4, 4, 3, 1"

WORD = re.compile(r"\w+", re.UNICODE)


def query_terms(q):
    """The words of a query, lower-cased, at most MAX_TERMS (longer queries add cost, not
    precision)."""
    return [word for word in WORD.findall((q or "").lower()) if len(word) > 1][:MAX_TERMS]


# Schema, created by the migration for the connection's vendor.

HEAD_COLUMNS = FTS_COLUMNS[:-1]
HEAD_TABLE = "library_resource_head_fts"
HEAD_WEIGHTS = "10, 10, 10, 10, 4, 4, 4, 4, 3"
_TOKENIZE = "tokenize='porter unicode61 remove_diacritics 2'"
SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING fts5({', '.join(columns)}, {_TOKENIZE})"
    for table, columns in ((FTS_TABLE, FTS_COLUMNS), (HEAD_TABLE, HEAD_COLUMNS))
]
SQLITE_DROP = [f"DROP TABLE IF EXISTS {FTS_TABLE}", f"DROP TABLE IF EXISTS {HEAD_TABLE}"]
# No foreign key: a flush truncates library_resource alone, and orphans are never shown.
POSTGRES_CREATE = [
    f"CREATE TABLE IF NOT EXISTS {PG_TABLE} ("
    " resource_id bigint PRIMARY KEY, head tsvector NOT NULL, document tsvector NOT NULL)",
    f"CREATE INDEX IF NOT EXISTS {PG_TABLE}_head_idx ON {PG_TABLE} USING gin (head)",
    f"CREATE INDEX IF NOT EXISTS {PG_TABLE}_document_idx ON {PG_TABLE} USING gin (document)",
]
POSTGRES_DROP = [f"DROP TABLE IF EXISTS {PG_TABLE}"]


def create_schema(schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}.get(vendor, []):
        schema_editor.execute(statement)


def drop_schema(schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}.get(vendor, []):
        schema_editor.execute(statement)


# Writing the index.

_PG_VECTORS = (
    "SELECT id, cfg, left(text, {limit}) AS body, "
    "setweight(to_tsvector('english', title_en) || to_tsvector('spanish', title_es) || "
    "to_tsvector('french', title_fr) || to_tsvector('portuguese', title_pt), 'A') || "
    "setweight(to_tsvector('english', summary_en) || to_tsvector('spanish', summary_es) || "
    "to_tsvector('french', summary_fr) || to_tsvector('portuguese', summary_pt), 'B') || "
    "setweight(to_tsvector('simple', authors), 'C') AS head "
    "FROM (SELECT *, (CASE language WHEN 'es' THEN 'spanish' WHEN 'fr' THEN 'french' "
    "WHEN 'pt' THEN 'portuguese' ELSE 'english' END)::regconfig AS cfg "
    "FROM library_resource {where}) AS r"
).format(limit=MAX_INDEXED_CHARS, where="{where}")
_PG_UPSERT = (
    f"INSERT INTO {PG_TABLE} (resource_id, head, document) "
    "SELECT id, head, head || setweight(to_tsvector(cfg, body), 'D') FROM ({vectors}) AS v "
    "ON CONFLICT (resource_id) DO UPDATE SET head = EXCLUDED.head, document = EXCLUDED.document"
)


def _sqlite_copy(cursor, where="", params=()):
    for table, columns in ((FTS_TABLE, FTS_COLUMNS), (HEAD_TABLE, HEAD_COLUMNS)):
        names = ", ".join(columns)
        cursor.execute(
            f"INSERT INTO {table}(rowid, {names}) SELECT id, {names} FROM library_resource {where}",
            params,
        )


def _sqlite_delete(cursor, resource_id=None):
    for table in (FTS_TABLE, HEAD_TABLE):
        if resource_id is None:
            cursor.execute(f"DELETE FROM {table}")
        else:
            cursor.execute(f"DELETE FROM {table} WHERE rowid = %s", [resource_id])


def index_add(resource_id):
    """Index (or index again) one resource's current row, after any write to it."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            _sqlite_delete(cursor, resource_id)
            _sqlite_copy(cursor, "WHERE id = %s", [resource_id])
        elif connection.vendor == "postgresql":
            vectors = _PG_VECTORS.format(where="WHERE id = %s")
            cursor.execute(_PG_UPSERT.format(vectors=vectors), [resource_id])


def index_remove(resource_id):
    """Take a resource out of the index, before its row is deleted."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            _sqlite_delete(cursor, resource_id)
        elif connection.vendor == "postgresql":
            cursor.execute(f"DELETE FROM {PG_TABLE} WHERE resource_id = %s", [resource_id])


def rebuild():
    """Index every resource again from its row (after a bulk load)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            _sqlite_delete(cursor)
            _sqlite_copy(cursor)
        elif connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {PG_TABLE}")
            vectors = _PG_VECTORS.format(where="")
            cursor.execute(_PG_UPSERT.format(vectors=vectors))
            cursor.execute(f"ANALYZE {PG_TABLE}")


# Reading the index.


def candidates(q, *, limit=None):
    """The ids of resources matching every word of `q`, best first, at most CANDIDATE_LIMIT.

    Ranking is capped so that a word found in every resource costs no more than a rare one:
    first the newest HEAD_POOL resources with the words in a title, summary or author are
    ranked (a short text, cheap to score); if they are fewer than the limit, the newest
    matches in the full text, ranked among themselves, fill the rest. The caller filters out
    unpublished ids.
    """
    terms = query_terms(q)
    if not terms:
        return []
    limit = limit or CANDIDATE_LIMIT
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            ranked = _pg_ranked(cursor, terms, "head", HEAD_POOL, limit)
            if len(ranked) < limit:
                ranked += _pg_ranked(cursor, terms, "document", limit, limit)
        else:
            match = " ".join('"' + term.replace('"', "") + '"' for term in terms)
            ranked = _fts_ranked(cursor, HEAD_TABLE, HEAD_WEIGHTS, match, HEAD_POOL, limit)
            if len(ranked) < limit:
                ranked += _fts_ranked(cursor, FTS_TABLE, FTS_WEIGHTS, match, limit, limit)
    return list(dict.fromkeys(ranked))[:limit]


def _fts_ranked(cursor, table, weights, match, pool, limit):
    # FTS5 walks its lists in rowid order, so finding the pool's oldest rowid is cheap; the
    # rowid bound then keeps bm25 to the pool instead of every match.
    cursor.execute(
        f"SELECT rowid FROM {table} WHERE {table} MATCH %s ORDER BY rowid DESC LIMIT 1 OFFSET %s",
        [match, pool - 1],
    )
    floor = cursor.fetchone()
    cursor.execute(
        f"SELECT rowid FROM {table} WHERE {table} MATCH %s AND rowid >= %s "
        f"ORDER BY bm25({table}, {weights}) LIMIT %s",
        [match, floor[0] if floor else 0, limit],
    )
    return [row[0] for row in cursor.fetchall()]


def _pg_ranked(cursor, terms, vector, pool, limit):
    text = " ".join(terms)
    query = " || ".join(f"plainto_tsquery('{config}', %s)" for config in PG_CONFIGS.values())
    cursor.execute(
        f"WITH q AS (SELECT {query} AS query), "
        f"pool AS (SELECT s.resource_id, s.{vector} AS vector FROM {PG_TABLE} s, q "
        f"WHERE s.{vector} @@ q.query ORDER BY s.resource_id DESC LIMIT %s) "
        "SELECT resource_id FROM pool, q "
        "ORDER BY ts_rank(pool.vector, q.query) DESC, resource_id DESC LIMIT %s",
        [text] * len(PG_CONFIGS) + [pool, limit],
    )
    return [row[0] for row in cursor.fetchall()]


# Snippets.


def _term_pattern(terms):
    # A crude stem (a word's first letters) finds "violencias" for "violencia" and "trained"
    # for "training", close to what the index matched.
    stems = sorted({term[: max(4, len(term) - 3)] for term in terms}, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(stem) for stem in stems) + r")\w*", re.I)


def highlight(text, q, *, length=260):
    """An HTML-escaped excerpt of `text` around the first query word, words marked with <mark>.

    Returns "" when no word of the query is in the text.
    """
    terms = query_terms(q)
    if not terms or not text:
        return ""
    pattern = _term_pattern(terms)
    first = pattern.search(text)
    if first is None:
        return ""
    start = max(0, first.start() - length // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first.start() else start
    end = min(len(text), start + length)
    excerpt = text[start:end]
    parts, last = [], 0
    for found in pattern.finditer(excerpt):
        parts.append(html.escape(excerpt[last : found.start()]))
        parts.append("<mark>" + html.escape(found.group(0)) + "</mark>")
        last = found.end()
    parts.append(html.escape(excerpt[last:]))
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # noqa: S308 - every part escaped
