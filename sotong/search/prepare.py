"""Analyse each document once, in shared code, so that a backend only stores and matches terms.

Every backend then indexes exactly the same terms (one contract suite can hold them all to the
same behaviour) and a benchmark can feed pre-analysed documents to compare engines, not analysers.

Registration numbers (``교통정책과-102726``) are a department's name, a hyphen and digits: thousands
of numbers share a few hundred prefixes. Kiwi analyses the first number of each prefix (and digit
count) in full; the next ones reuse those terms with their own digits put in place of the first
one's (``_NumberTemplates``). The digits are one term of their own (SN) and the hyphen cuts the
prefix off as a run of its own, so the terms are the same as Kiwi's; a template is only kept when
the digits appear as exactly one term and in no other, so a number Kiwi reads some other way (a
serial number kept whole, say) is always analysed in full. Numbers added ~42 % to Kiwi's time on
titles alone; now 1,004 templates cover the 100,000 numbers of the list-import benchmark, and the
terms of every one of them are identical to Kiwi's (compared one by one).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice

from sotong.search.documents import SearchDocument
from sotong.search.korean import analyse_many, bigrams

# Bump when the terms made from the same text change: every backend's index then needs a rebuild
# (Tantivy's marker file, the PostgreSQL table's ``analysis`` column).
ANALYSIS_VERSION = 2  # 2: noun readings of words read as verbs, words of nouns indexed whole

# Documents per Kiwi batch: big enough to keep Kiwi's workers busy, small enough that a batch of
# long bodies and their terms stays well under 100 MB.
BATCH_SIZE = 64

# A registration number: a prefix ending in a letter, one hyphen, the document's digits.
_REGISTRATION = re.compile(r"(\S*[^\W\d_])-(\d{1,18})")
_TEMPLATE_CACHE_SIZE = 20_000


@dataclass(frozen=True, slots=True)
class PreparedDocument:
    """A document with its index terms: morphemes (``*_terms``) and character bigrams (``*_bigrams``).

    ``number_*`` come from the registration number, so that 소방행정과-1424 and 1424 find the
    document even when its text never repeats its own number.
    """

    doc: SearchDocument
    title_terms: tuple[str, ...]
    body_terms: tuple[str, ...]
    number_terms: tuple[str, ...]
    title_bigrams: tuple[str, ...]
    body_bigrams: tuple[str, ...]
    number_bigrams: tuple[str, ...]


# The six term tuples of a ``PreparedDocument`` without the document: what a worker process sends
# back (plain tuples of strings pickle small and fast).
Terms = tuple[
    tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]
]


class _NumberTemplates:
    """Terms of registration numbers by (prefix, digit count), with the digits' place marked."""

    def __init__(self) -> None:
        self._templates: dict[tuple[str, int], tuple[tuple[str, ...], int]] = {}

    @staticmethod
    def _key(number: str) -> tuple[tuple[str, int], str] | None:
        match = _REGISTRATION.fullmatch(number)
        if match is None:
            return None
        return (match[1], len(match[2])), match[2]

    def get(self, number: str) -> list[str] | None:
        found = self._key(number)
        if found is None:
            return None
        key, digits = found
        template = self._templates.get(key)
        if template is None:
            return None
        terms, at = template
        return [*terms[:at], digits, *terms[at + 1 :]]

    def learn(self, number: str, terms: Sequence[str]) -> None:
        found = self._key(number)
        if found is None:
            return
        key, digits = found
        places = [index for index, term in enumerate(terms) if digits in term]
        if len(places) != 1 or terms[places[0]] != digits:
            return  # the digits are not one term of their own: never shortcut this shape
        if len(self._templates) >= _TEMPLATE_CACHE_SIZE:
            self._templates.clear()
        self._templates[key] = (tuple(terms), places[0])


_numbers = _NumberTemplates()


def prepare(doc: SearchDocument) -> PreparedDocument:
    return next(prepare_many([doc]))


def _number_terms_many(numbers: Sequence[str], analysed: dict[str, list[str]]) -> list[list[str]]:
    return [_numbers.get(number) or analysed.get(number, []) for number in numbers]


def prepare_terms(batch: Sequence[SearchDocument]) -> list[Terms]:
    """The terms of each document of ``batch`` (one Kiwi call for all of its texts)."""
    numbers = [doc.registration_number for doc in batch]
    unknown = list(dict.fromkeys(n for n in numbers if n and _numbers.get(n) is None))
    texts = [text for doc in batch for text in (doc.title, doc.body)] + unknown
    terms = analyse_many(texts)
    analysed = dict(zip(unknown, terms[2 * len(batch) :], strict=True))
    for number, number_terms in analysed.items():
        _numbers.learn(number, number_terms)
    by_number = _number_terms_many(numbers, analysed)
    return [
        (
            tuple(terms[2 * index]),
            tuple(terms[2 * index + 1]),
            tuple(by_number[index]),
            tuple(bigrams(doc.title)),
            tuple(bigrams(doc.body)),
            tuple(bigrams(doc.registration_number)),
        )
        for index, doc in enumerate(batch)
    ]


def prepared(doc: SearchDocument, terms: Terms) -> PreparedDocument:
    return PreparedDocument(doc, *terms)


def prepare_many(
    docs: Iterable[SearchDocument], *, batch_size: int = BATCH_SIZE
) -> Iterator[PreparedDocument]:
    """Prepared documents, in order, analysed a batch at a time (lazily: feed it a generator)."""
    iterator = iter(docs)
    while batch := list(islice(iterator, batch_size)):
        for doc, terms in zip(batch, prepare_terms(batch), strict=True):
            yield prepared(doc, terms)
