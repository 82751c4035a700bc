"""Analyse each document once, in shared code, so that a backend only stores and matches terms.

Every backend then indexes exactly the same terms (one contract suite can hold them all to the
same behaviour) and a benchmark can feed pre-analysed documents to compare engines, not analysers.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from sotong.search.documents import SearchDocument
from sotong.search.korean import analyse_many, bigrams

# Documents per Kiwi batch: big enough to keep Kiwi's workers busy, small enough that a batch of
# long bodies and their terms stays well under 100 MB.
BATCH_SIZE = 64


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


def prepare(doc: SearchDocument) -> PreparedDocument:
    return next(prepare_many([doc]))


def prepare_many(
    docs: Iterable[SearchDocument], *, batch_size: int = BATCH_SIZE
) -> Iterator[PreparedDocument]:
    """Prepared documents, in order, analysed a batch at a time (lazily: feed it a generator)."""
    iterator = iter(docs)
    while batch := list(islice(iterator, batch_size)):
        texts = [text for doc in batch for text in (doc.title, doc.body, doc.registration_number)]
        terms = analyse_many(texts)
        for index, doc in enumerate(batch):
            title, body, number = terms[3 * index : 3 * index + 3]
            yield PreparedDocument(
                doc=doc,
                title_terms=tuple(title),
                body_terms=tuple(body),
                number_terms=tuple(number),
                title_bigrams=tuple(bigrams(doc.title)),
                body_bigrams=tuple(bigrams(doc.body)),
                number_bigrams=tuple(bigrams(doc.registration_number)),
            )
