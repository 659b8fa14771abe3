# ruff: noqa: S608 - table and column names in SQL are module constants; language codes,
# configuration names and values are always passed as parameters.
"""Full-text search over resources: SQLite FTS5 on the embedded default, PostgreSQL tsvector in
production, behind a few functions (`candidates`, `index_add`, `index_remove`, `rebuild`).

Why not modelsearch: its database backends score every hit before cutting the list (a common
word across 50,000 resources is 50,000 scores), and its PostgreSQL backend parses every document
with one text search configuration, so Spanish, French or Arabic text would be stemmed as
English. Here each title and summary is stemmed with its own language's configuration, the body
with the resource's language, and only the best CANDIDATE_LIMIT hits are kept.

The languages are those of `settings.LANGUAGES`, read when indexing and searching, and the
PostgreSQL configuration of each comes from `settings.LIBRARY_SEARCH_CONFIGS` ("simple", word
for word, for a language without one). Neither index's schema depends on the number of
languages: PostgreSQL concatenates the per-language tsvectors into one column, SQLite keeps one
column for every title and one for every summary. Adding a language is a setting and
`menengage library_reindex`.

SQLite has only the Porter (English) stemmer; the FTS5 table folds accents for every language
and applies Porter's rules, which also strip most Spanish, French and Portuguese plurals. Arabic
is folded by `fold` before indexing and in queries (PostgreSQL's `arabic` configuration does the
same and stems).
"""

import html
import json
import re

from django.conf import settings
from django.db import connection
from django.utils.safestring import mark_safe

from menengage.core import versions

CANDIDATE_LIMIT = 1000
# How many of the newest title-and-summary matches are ranked for a very common word.
HEAD_POOL = 5000
MAX_TERMS = 12
# PostgreSQL tsvectors hold at most 1 MB; a long report's first 200,000 characters are enough
# to find it.
MAX_INDEXED_CHARS = 200_000
# The configuration of a language LIBRARY_SEARCH_CONFIGS does not name, and of author names.
PLAIN_CONFIG = "simple"
# The translated fields whose every language is indexed, and their weight.
TRANSLATED = ("title", "summary")
FTS_TABLE = "library_resource_fts"
HEAD_TABLE = "library_resource_head_fts"
PG_TABLE = "library_resource_search"
# What a search keeps (the library's candidate pool) is kept under this version, which every
# write to a resource or its themes and regions replaces (library.apps), and a rebuild.
INDEX_VERSION = "library-index"
HEAD_COLUMNS = ("title", "summary", "authors")
FTS_COLUMNS = (*HEAD_COLUMNS, "text")
# bm25 column weights, in column order: a word in a title counts most, the body least.
HEAD_WEIGHTS = "10, 4, 3"
FTS_WEIGHTS = "10, 4, 3, 1"
# The SQLite functions the index calls to fold what it stores (registered on each connection):
# a text, and every site language's text of a translated field.
FOLD_FUNCTION = "library_fold"
FOLD_TRANSLATIONS_FUNCTION = "library_fold_translations"


# Languages, from settings at call time.


def languages():
    """The codes of the site's languages, in settings order (each once: a code listed twice
    would index a resource twice)."""
    return list(dict.fromkeys(code for code, _name in settings.LANGUAGES))


def pg_config(language):
    """The PostgreSQL text search configuration that stems `language`."""
    return settings.LIBRARY_SEARCH_CONFIGS.get(language, PLAIN_CONFIG)


# Folding Arabic: the one function both the SQLite index and every query go through.

# Tashkeel (the short vowels, tanween, shadda, sukun), the superscript alef and tatweel: marks
# a writer may or may not add, never a different word.
ARABIC_MARKS = "".join(chr(code) for code in range(0x064B, 0x0653)) + "\u0670\u0640"
_MARKS = str.maketrans("", "", ARABIC_MARKS)
_LETTERS = str.maketrans(
    {
        "\u0623": "\u0627",  # alef with hamza above
        "\u0625": "\u0627",  # alef with hamza below
        "\u0622": "\u0627",  # alef with madda
        "\u0671": "\u0627",  # alef wasla
        "\u0629": "\u0647",  # ta marbuta -> ha
        "\u0649": "\u064a",  # alef maqsura -> ya
    }
)
_ARABIC = re.compile("[\u0600-\u06ff]")
# The definite article as a light stemmer: bare (repeated, "الالتزام" and "التزام" meet) when
# two letters remain, and after wa-, bi-, ka-, fa- or li- only when four remain, so that
# "والدين" (parents) does not become "دين" (religion).
_ARTICLE = re.compile(r"(?<!\w)(?:(?:ال)+(?=\w{2})|(?:[وبكف]ال|لل)(?=\w{4}))")


def strip_marks(text):
    """`text` without Arabic vowel marks and tatweel, so that a marked word stays one word."""
    return text.translate(_MARKS) if text and _ARABIC.search(text) else text or ""


def fold(text):
    """`text` with Arabic folded for matching: no marks or tatweel, one alef, ta marbuta as ha,
    alef maqsura as ya, and the definite article taken off. Other scripts are unchanged."""
    if not text or not _ARABIC.search(text):
        return text or ""
    return _ARTICLE.sub("", text.translate(_MARKS).translate(_LETTERS))


WORD = re.compile(r"\w+", re.UNICODE)


def query_terms(q):
    """The words of a query, lower-cased, at most MAX_TERMS (longer queries add cost, not
    precision)."""
    words = WORD.findall(strip_marks(q).lower())
    return [word for word in words if len(word) > 1][:MAX_TERMS]


# Schema, created by the migration for the connection's vendor.

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


def _fold_translations(stored):
    """Every site language's text of a translated field (its stored JSON), folded, one a line."""
    texts = json.loads(stored) if stored else {}
    return fold("\n".join(texts[code] for code in languages() if texts.get(code)))


def register_sqlite_functions(sender, connection, **kwargs):
    """Give a new SQLite connection the functions the index folds its text with. Folding runs
    in Python, called by SQLite row by row: the rows never leave the database."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(FOLD_FUNCTION, 1, fold, deterministic=True)
        connection.connection.create_function(
            FOLD_TRANSLATIONS_FUNCTION, 1, _fold_translations, deterministic=True
        )


def _sqlite_copy(cursor, where="", params=()):
    head = ", ".join(
        [
            *(f"{FOLD_TRANSLATIONS_FUNCTION}({field})" for field in TRANSLATED),
            f"{FOLD_FUNCTION}(authors)",
        ]
    )
    for table, columns, values in (
        (HEAD_TABLE, HEAD_COLUMNS, head),
        (FTS_TABLE, FTS_COLUMNS, f"{head}, {FOLD_FUNCTION}(text)"),
    ):
        cursor.execute(
            f"INSERT INTO {table}(rowid, {', '.join(columns)}) "
            f"SELECT id, {values} FROM library_resource {where}",
            params,
        )


def _sqlite_delete(cursor, resource_id=None):
    for table in (FTS_TABLE, HEAD_TABLE):
        if resource_id is None:
            cursor.execute(f"DELETE FROM {table}")
        else:
            cursor.execute(f"DELETE FROM {table} WHERE rowid = %s", [resource_id])


def _pg_upsert(where="", where_params=()):
    """The statement (and its parameters) that indexes the rows of library_resource matching
    `where`: every language's title and summary with that language's configuration, the
    authors word for word, the body with the resource's language's."""
    params = []

    def weighted(field, weight):
        vectors = []
        for language in languages():
            vectors.append(f"to_tsvector(%s::regconfig, coalesce({field}->>%s, ''))")
            params.extend([pg_config(language), language])
        return f"setweight({' || '.join(vectors) or "''::tsvector"}, '{weight}')"

    head = f"{weighted('title', 'A')} || {weighted('summary', 'B')} || " + (
        "setweight(to_tsvector(%s::regconfig, authors), 'C')"
    )
    params.append(PLAIN_CONFIG)
    configs = [(language, pg_config(language)) for language in languages()]
    params += [PLAIN_CONFIG, *(value for pair in configs for value in pair), *where_params]
    sql = (
        f"INSERT INTO {PG_TABLE} (resource_id, head, document) "
        "SELECT id, head, head || setweight(to_tsvector(cfg, body), 'D') FROM ("
        f"SELECT r.id, r.cfg, left(r.text, {MAX_INDEXED_CHARS}) AS body, {head} AS head "
        "FROM (SELECT library_resource.*, coalesce(c.cfg, %s)::regconfig AS cfg "
        "FROM library_resource LEFT JOIN (VALUES "
        + ", ".join(["(%s, %s)"] * len(configs))
        + f") AS c(code, cfg) ON c.code = library_resource.language {where}) AS r) AS v "
        "ON CONFLICT (resource_id) DO UPDATE SET head = EXCLUDED.head, document = EXCLUDED.document"
    )
    return sql, params


def index_add(resource_id):
    """Index (or index again) one resource's current row, after any write to it."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            _sqlite_delete(cursor, resource_id)
            _sqlite_copy(cursor, "WHERE id = %s", [resource_id])
        elif connection.vendor == "postgresql":
            cursor.execute(*_pg_upsert("WHERE id = %s", [resource_id]))


def index_remove(resource_id):
    """Take a resource out of the index, before its row is deleted."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            _sqlite_delete(cursor, resource_id)
        elif connection.vendor == "postgresql":
            cursor.execute(f"DELETE FROM {PG_TABLE} WHERE resource_id = %s", [resource_id])


def rebuild():
    """Index every resource again from its row: after a bulk load, or after a language or its
    configuration changed in settings (`menengage library_reindex`)."""
    versions.replace(INDEX_VERSION)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            _sqlite_delete(cursor)
            _sqlite_copy(cursor)
        elif connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {PG_TABLE}")
            cursor.execute(*_pg_upsert())
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
            query = _pg_query(cursor, terms)
            if not query:
                return []
            ranked = _pg_ranked(cursor, query, "head", HEAD_POOL, limit)
            if len(ranked) < limit:
                ranked += _pg_ranked(cursor, query, "document", limit, limit)
        else:
            match = " ".join('"' + fold(term).replace('"', "") + '"' for term in terms)
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


def _pg_query(cursor, terms):
    """The query as a tsquery: the words stemmed by every configured language's configuration
    (and word for word, as author names are indexed), any of them matching. Languages that
    stem a word alike give one alternative, not several: each costs an index lookup."""
    configs = list(dict.fromkeys([*(pg_config(code) for code in languages()), PLAIN_CONFIG]))
    cursor.execute(
        "SELECT string_agg(DISTINCT '(' || query::text || ')', ' | ') "
        "FROM (SELECT plainto_tsquery(config::regconfig, %s) AS query "
        "FROM unnest(%s::text[]) AS config) AS q WHERE numnode(query) > 0",
        [" ".join(terms), configs],
    )
    return cursor.fetchone()[0]


def _pg_ranked(cursor, query, vector, pool, limit):
    # The query goes in as a literal (parameters are bound on the client), not through a CTE,
    # so that the planner sees its words: for a word in nearly every resource it then walks the
    # newest resources backwards until the pool is full, instead of collecting every match.
    cursor.execute(
        f"SELECT resource_id FROM (SELECT resource_id, {vector} AS vector FROM {PG_TABLE} "
        f"WHERE {vector} @@ %s::tsquery ORDER BY resource_id DESC LIMIT %s) AS pool "
        "ORDER BY ts_rank(vector, %s::tsquery) DESC, resource_id DESC LIMIT %s",
        [query, pool, query, limit],
    )
    return [row[0] for row in cursor.fetchall()]


# Snippets.


_MARKS_CLASS = f"[{ARABIC_MARKS}]*"
# Every written form of a folded Arabic letter, so that the excerpt marks the word as written.
_FORMS = {
    "\u0627": "[\u0627\u0623\u0625\u0622\u0671]",
    "\u0647": "[\u0647\u0629]",
    "\u064a": "[\u064a\u0649]",
}


def _arabic_letters(word):
    return "".join(_FORMS.get(letter, re.escape(letter)) + _MARKS_CLASS for letter in word)


_ARTICLES = ("ال", "وال", "بال", "كال", "فال", "لل")
_ARTICLE_PATTERN = "(?:" + "|".join(_arabic_letters(article) for article in _ARTICLES) + ")?"


def _stem_pattern(term):
    # A crude stem (a word's first letters) finds "violencias" for "violencia" and "trained"
    # for "training", close to what the index matched; an Arabic one also its marked forms.
    if not _ARABIC.search(term):
        return re.escape(term[: max(4, len(term) - 3)])
    folded = fold(term)
    return _ARTICLE_PATTERN + _arabic_letters(folded[: max(3, len(folded) - 2)])


def _term_pattern(terms):
    stems = sorted({_stem_pattern(term) for term in terms}, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(stems) + rf")[\w{ARABIC_MARKS}]*", re.I)


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
