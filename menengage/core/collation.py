"""Alphabetical order as readers expect it, in every site language.

Python's `sorted` orders by code point, which puts "Égypte" after "Zambie" and mixes Arabic
letters' presentation forms. The Unicode Collation Algorithm with its default table (DUCET, the
CLDR root collation that English, French, Portuguese, Arabic and Swahili follow) orders accented
letters with their base letter and Arabic letters in the order of the Arabic alphabet. pyuca
(MIT) implements it in pure Python, so nothing needs ICU's C headers.
"""

from functools import cache, lru_cache

from pyuca import Collator


@cache
def _collator():
    # Building the table reads pyuca's copy of DUCET once (about 0.3 s), so only on first use.
    return Collator()


def collation_key(text):
    """The key that sorts `text` alphabetically: `sorted(names, key=collation_key)`."""
    return _sort_key(str(text))


@lru_cache(maxsize=20_000)
def _sort_key(text):
    # The same names (countries, terms, networks in six languages) are sorted on every page
    # that lists them; computing a key costs ~0.1 ms, finding it again almost nothing.
    return _collator().sort_key(text)


def in_collation_order(items, *, key=str):
    """`items` sorted alphabetically by `key(item)` (its text by default)."""
    return sorted(items, key=lambda item: collation_key(key(item)))
