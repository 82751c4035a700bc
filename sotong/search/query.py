"""What a query asks for, worked out once in shared code so that every backend means the same.

Matching rule, per whitespace-separated word of the query: the word is found if all its morpheme
terms are in the document (공개하여 → 공개; 정보공개 → 정보 + 공개), or, for a name, a number or a
word Kiwi does not know, if its characters appear in that order (bigram phrase: 한서윤, 1424,
소방행정과-1424). Every word must be found. Compounds (정보공개) and whole punctuated chunks only
raise the score. A word with no content morpheme at all (대한, 및) is not required either, unless
the query has nothing else, and then it takes the bigram route.

Common words never take the bigram route: the bigrams of 공개 are inside 비공개, and a search for
공개 must not return a document that only says 비공개.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sotong.search.korean import Role, Term, runs_of, term_spans, whole_chunk

# A query longer than this is cut: nobody types it, and each word costs a clause.
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 16
_CHUNK = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class QueryWord:
    text: str  # as typed
    terms: tuple[str, ...]  # morpheme terms; all of them must be found
    runs: tuple[str, ...]  # runs of letters and digits for the bigram route
    use_bigrams: bool  # whether the bigram route may stand in for the terms

    @property
    def required(self) -> bool:
        """A word with no content morpheme (대한, 및) is grammar: it may raise the score only."""
        return bool(self.terms)


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    text: str
    words: tuple[QueryWord, ...]
    boosts: tuple[str, ...]  # compound terms: a document that has them ranks higher
    chunks: tuple[str, ...]  # punctuated chunks (소방행정과-1424) matched whole, for the score
    needles: tuple[str, ...]  # surface strings that locate a snippet in the original text

    @property
    def is_empty(self) -> bool:
        return not self.words

    @property
    def match_terms(self) -> frozenset[str]:
        """Terms whose occurrences are highlighted (Kiwi-located, so 비공개 never lights 공개)."""
        return frozenset(term for word in self.words for term in word.terms) | frozenset(self.boosts)

    @property
    def literal_runs(self) -> tuple[str, ...]:
        """Runs highlighted as plain substrings: those of names and numbers."""
        return tuple(run for word in self.words if word.use_bigrams for run in word.runs)


def parse_query(text: str) -> ParsedQuery:
    text = text[:MAX_QUERY_CHARS]
    chunks = list(_CHUNK.finditer(text))[:MAX_QUERY_WORDS]
    spans = term_spans(text) if chunks else []
    words: list[QueryWord] = []
    for chunk in chunks:
        inside = [t for t in spans if chunk.start() <= t.start < chunk.end() and t.role is Role.PART]
        word = _word(chunk.group(), inside)
        if word is not None:
            words.append(word)
    boosts = _unique(t.text for t in spans if t.role is Role.COMPOUND)
    wholes = _unique(whole_chunk(c.group()) for c in chunks if len(runs_of(c.group())) > 1)
    needles = _unique(
        [t.text for t in spans if t.role is Role.PART]
        + [text[t.start : t.end].lower() for t in spans if t.role is Role.PART]
        + [run for word in words if word.use_bigrams for run in word.runs]
    )
    return ParsedQuery(text, tuple(words), boosts, wholes, needles)


def _word(text: str, terms: list[Term]) -> QueryWord | None:
    runs = _unique(runs_of(text))
    if not terms and not runs:
        return None  # punctuation only
    use_bigrams = not terms or any(t.namelike for t in terms)
    return QueryWord(text, _unique(t.text for t in terms), runs, use_bigrams)


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for item in items if item))
