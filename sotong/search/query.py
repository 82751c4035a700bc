"""What a query asks for, worked out once in shared code so that every backend means the same.

Matching rule, per whitespace-separated word of the query: the word is found if all its morpheme
terms are in the document (공개하여 → 공개; 정보공개 → 정보 + 공개), or, for a name, a number or a
word Kiwi does not know, if its characters appear in that order (bigram phrase: 한서윤, 1424,
소방행정과-1424). Every word must be found. Compounds (정보공개) and whole punctuated chunks only
raise the score. A word with no content morpheme at all (대한, 및) is not required either, unless
the query has nothing else, and then it takes the bigram route.

Common words never take the bigram route: the bigrams of 공개 are inside 비공개, and a search for
공개 must not return a document that only says 비공개.

A word Kiwi may read two ways is found by either reading. Typed alone, 보고 is read as the verb
보다 (term 보) and 알림 as 알리다, while titles say 보고/NNG and 알림/NNG; at the end of a title it
is the other way round. ``korean`` gives such a word its noun reading as well (Role.READING), on
the query and in the index alike, and a query word then matches if all the terms of ANY of its
readings are found: its terms as read in the query, or those with the noun reading in place of the
terms it overlaps, or, for nouns written as one word (물품청구, 계량기), the whole compound, which
is what a document has where Kiwi kept the compound whole. No reading drops a negating prefix
(``korean`` gives a prefixed word no second reading) and none takes the bigram route.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice, product

from sotong.search.korean import Role, Term, runs_of, term_spans, whole_chunk
from sotong.search.thesaurus import synonyms

# A query longer than this is cut: nobody types it, and each word costs a clause.
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 16
# Readings of one word beyond the first: each costs a clause; words with more than two ambiguous
# runs are rare, and their first combinations are the likely ones.
MAX_ALTERNATIVES = 7
_CHUNK = re.compile(r"\S+")
_RUN = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class QueryWord:
    text: str  # as typed
    terms: tuple[str, ...]  # morpheme terms as Kiwi reads the word in the query
    runs: tuple[str, ...]  # runs of letters and digits for the bigram route
    use_bigrams: bool  # whether the bigram route may stand in for the terms
    # Other readings of the word (보고: ("보",) then ("보고",)); the word is found when all the
    # terms of ``terms`` or of any alternative are.
    alternatives: tuple[tuple[str, ...], ...] = ()

    @property
    def required(self) -> bool:
        """A word with no content morpheme (대한, 및) is grammar: it may raise the score only."""
        return bool(self.terms)

    @property
    def readings(self) -> tuple[tuple[str, ...], ...]:
        """Every term set that finds the word, ``terms`` first; none for a grammar word."""
        return (self.terms, *self.alternatives) if self.terms else ()


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
        terms = frozenset(term for word in self.words for reading in word.readings for term in reading)
        return terms | frozenset(self.boosts)

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
        inside = [t for t in spans if chunk.start() <= t.start < chunk.end()]
        word = _word(chunk, inside)
        if word is not None:
            words.append(word)
    boosts = _unique(t.text for t in spans if t.role is Role.COMPOUND)
    wholes = _unique(whole_chunk(c.group()) for c in chunks if len(runs_of(c.group())) > 1)
    located = [t for t in spans if t.role in (Role.PART, Role.READING)]
    needles = _unique(
        [t.text for t in located]
        + [text[t.start : t.end].lower() for t in located]
        + [run for word in words if word.use_bigrams for run in word.runs]
    )
    return ParsedQuery(text, tuple(words), boosts, wholes, needles)


def _word(chunk: re.Match[str], inside: list[Term], *, with_synonyms: bool = True) -> QueryWord | None:
    text = chunk.group()
    parts = [t for t in inside if t.role is Role.PART]
    runs = _unique(runs_of(text))
    if not parts and not runs:
        return None  # punctuation only
    use_bigrams = not parts or any(t.namelike for t in parts)
    terms = _unique(t.text for t in parts)
    alternatives = _alternatives(chunk, inside, parts, terms) if parts else ()
    if terms and with_synonyms:
        alternatives += _synonym_readings(text, (terms, *alternatives))
    return QueryWord(text, terms, runs, use_bigrams, alternatives)


def _synonym_readings(text: str, known: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
    """Every reading of each equivalent word of the thesaurus, as more readings of this word: 서울시
    gets 서울 + 특별시 and the whole 서울특별시, which is how a title has it after a space."""
    readings: list[tuple[str, ...]] = []
    for synonym in synonyms(text):
        chunk = _CHUNK.match(synonym)
        word = _word(chunk, term_spans(synonym), with_synonyms=False) if chunk else None
        for reading in word.readings if word else ():
            if set(reading) not in [set(r) for r in (*known, *readings)]:
                readings.append(reading)
    return tuple(readings)


# A way to read one run of a word: the PART terms it sets aside, and the terms it puts instead.
_Choice = tuple[frozenset[int], tuple[str, ...]]
_AS_READ: _Choice = (frozenset(), ())


def _alternatives(
    chunk: re.Match[str], inside: list[Term], parts: list[Term], terms: tuple[str, ...]
) -> tuple[tuple[str, ...], ...]:
    """The word's other readings: per run, its noun reading or its whole compound instead."""
    per_run = []
    for run in _RUN.finditer(chunk.group()):
        start, end = chunk.start() + run.start(), chunk.start() + run.end()
        choices = _run_choices([t for t in inside if start <= t.start and t.end <= end], parts)
        if choices:
            per_run.append([_AS_READ, *choices])
    if not per_run:
        return ()
    readings = [terms]
    for combination in islice(product(*per_run), 1, 64):
        dropped = frozenset().union(*(drop for drop, _ in combination))
        kept = [t.text for number, t in enumerate(parts) if number not in dropped]
        reading = _unique(kept + [text for _, added in combination for text in added])
        if reading and set(reading) not in [set(r) for r in readings]:
            readings.append(reading)
    alternatives = [r for r in readings[1:] if not any(set(o) < set(r) for o in readings)]
    return tuple(alternatives[:MAX_ALTERNATIVES])


def _run_choices(in_run: list[Term], parts: list[Term]) -> list[_Choice]:
    own = [number for number, t in enumerate(parts) if t in in_run]
    if not own:
        return []
    choices: list[_Choice] = []
    readings = [t for t in in_run if t.role is Role.READING]
    if readings:
        overlapped = frozenset(n for n in own if any(_overlap(parts[n], r) for r in readings))
        choices.append((overlapped, _unique(t.text for t in readings)))
    first, last = min(parts[n].start for n in own), max(parts[n].end for n in own)
    wholes = [t for t in in_run if t.role is Role.COMPOUND and t.start <= first and t.end >= last]
    if wholes:
        whole = max(wholes, key=lambda t: t.end - t.start)
        choices.append((frozenset(own), (whole.text,)))
    return choices


def _overlap(a: Term, b: Term) -> bool:
    return a.start < b.end and b.start < a.end


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for item in items if item))
