"""Korean text analysis for search: Kiwi morphemes for words, character bigrams for the rest.

Why morphemes. Korean glues particles and endings to words, so 공개하여, 공개된 and 공개를 must all
be found by 공개; Kiwi cuts them into 공개 + endings and we index only the content morphemes.
Compound nouns are written with or without a space (정보공개 / 정보 공개); Kiwi cuts both into 정보 +
공개, and we also index each pair of neighbouring nouns joined (정보공개) so that the exact compound
ranks first, whichever way either side spelled it. A word made of nouns is also indexed whole
(분납대상자), because Kiwi cuts the same word differently by context (대상자, or 대상 + 자).

Why the prefix matters. Kiwi cuts 비공개 into the prefix 비 and the noun 공개. Indexing only 공개
would make a search for 공개 (disclosed) return documents that say 비공개 (withheld): the opposite.
So a prefix is glued back to its noun (비공개 is one term) and, for negating prefixes, the bare
noun is not indexed at all. Other prefixes (재개발, 신도시) keep the bare noun as well, so 개발
still finds 재개발.

Why a second reading. Kiwi reads a word by its context, and a short text gives it little: at the
end of a title, 보고 (report) and 알림 (notice) are read as the verbs 보다 and 알리다, 안내 as 안 +
내다, and a place name like 세곡 as a determiner and a noun; typed alone or mid-title, the same
words are nouns. Where Kiwi reads a word as a verb, adjective, adverb or determiner, the word
(each run of letters and digits) is analysed again on its own, and its best reading made only of
nouns and particles (Kiwi's top readings, within a margin of the best one, nouns Kiwi knows, no
one-syllable scraps) is indexed as well: it is the same analysis on both sides, so a query word
that is read either way still meets the document (``sotong.search.query`` turns it into an
alternative). A negating prefix is never read away: a word with one gets no second reading.

Why bigrams too. Kiwi does not know most personal names and may cut them into syllables, and it
cuts document numbers (소방행정과-1424) into pieces; character bigrams and the raw alphanumeric
tokens find those, and query parsing decides per word when to fall back on them.

Measured on the 2-core development box (Python 3.11, kiwipiepy 0.24.1, cong model, the only one the
wheel ships): without the default, typo and multi-word dictionaries Kiwi loads in ~0.7 s and adds
~235 MB; with them 2.2-2.6 s and ~490 MB. The dictionaries add Wikipedia proper nouns that keep
compounds whole (국가기록원), which only hurts recall here because we re-join compounds ourselves.
"""

from __future__ import annotations

import ctypes
import enum
import os
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from kiwipiepy import Kiwi

_lock = threading.Lock()
V = TypeVar("V")
_kiwi: Kiwi | None = None
_num_workers = 1

# Nouns that take part in compounds; NR numerals and NP pronouns are indexed but never joined.
_NOUNS = frozenset({"NNG", "NNP"})
_PLAIN = frozenset({"NR", "NP", "XR", "SL", "SN", "SH"})
_VERBS = frozenset({"VV", "VA"})
_WEB = frozenset({"W_URL", "W_EMAIL", "W_SERIAL"})
# Prefixes that negate their noun: 비공개 is not 공개, 미이행 is not 이행, 불투명 is not 투명.
NEGATING_PREFIXES = frozenset("비미불부무몰")
# Stems of light verbs that carry grammar, not topic: "정보에 대한" must not require 대하다.
_LIGHT_VERBS = frozenset({"하", "되", "있", "없", "않", "이", "대하", "위하", "통하", "관하", "의하"})
_NAMELIKE_TAGS = frozenset({"NNP", "SL", "SN", "SH"}) | _WEB
# A word (run) with one of these in its reading may have a second, all-noun reading (see above).
_READING_TRIGGERS = frozenset({"VV", "VA", "VX", "MAG", "MAJ", "MM", "IC"})
# What a second reading may be made of: nouns, numbers, letters, noun affixes, particles, symbols.
_NOMINAL = frozenset({"NNG", "NNP", "NNB", "NR", "NP", "SN", "SL", "SH", "XPN", "XSN"})
_STEM = frozenset({"NNG", "NNP", "NNB", "NR", "SN", "SL", "SH", "XPN", "XSN"})  # a word of nouns
_SCRAPS = frozenset({"NNG", "NNP", "NNB", "NR", "NP"})  # one syllable of these: a cut-up unknown word
# Kiwi's readings of a word alone that are looked at, and how far below the best one (log
# probability) a noun reading may be: 알림 alone is 알리다 first, 알림/NNG third at -4.1; the
# nouns Kiwi invents for unknown words (짧은/NNG, -3.6) are refused by their oov flag instead.
READING_TOP_N = 5
READING_MARGIN = 5.0
_READING_CACHE_SIZE = 50_000
_reading_cache: dict[str, tuple[_Span, ...]] = {}
_MAX_TERM = 100
_CHUNK = 1000
_RUN = re.compile(r"[^\W_]+")
_ASCII_ALNUM = re.compile(r"[0-9a-z]+")
_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")


def configure(*, num_workers: int = 1) -> None:
    """Set Kiwi's worker threads; takes effect only if called before Kiwi is first used.

    One worker is enough for queries and snippets. A bulk indexing job on a bigger machine may ask
    for more: ``analyse_many`` spreads its batch over them (2 workers: ~200k chars/s vs ~75k).
    """
    global _num_workers
    _num_workers = max(1, num_workers)


def _each(method: Any, texts: Sequence[str], **options: Any) -> list[Any]:
    """Kiwi's batch call with workers; with one worker, one text at a time in this thread.

    A batch hands every text to Kiwi's worker thread while the caller waits: right when there are
    workers to share it, a thread hand-off per text for nothing otherwise (measured ~8 % more CPU a
    title in a process that only analyses).
    """
    if _num_workers > 1:
        return list(method(list(texts), **options))
    return [method(text, **options) for text in texts]


def kiwi() -> Kiwi:
    """The process's one Kiwi, loaded on first use (0.7 s, ~235 MB) and shared by all threads."""
    global _kiwi
    if _kiwi is None:
        with _lock:
            if _kiwi is None:
                _kiwi = _load_kiwi()
    return _kiwi


def _forget_threaded_kiwi() -> None:
    """In a process just forked (gunicorn ``--preload``, Celery's pool), after the parent loaded Kiwi.

    A Kiwi with worker threads hands batches to threads that the child does not have, and its
    destructor joins them (a one-worker Kiwi has one): either way the child waits forever, at its
    first analysis or at its exit (measured: ``bench/memory.py`` children hung). So the child takes one
    reference more to the parent's Kiwi that it never gives back: it is never destroyed. A one-worker
    Kiwi analyses single texts in the calling thread, so the child goes on using it and its ~235 MB
    stay shared with the parent; a Kiwi with workers is set aside, and the child loads its own.
    """
    global _kiwi, _lock
    _lock = threading.Lock()  # the parent's may have been held by another thread at the fork
    if _kiwi is not None:
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(_kiwi))
        if _num_workers > 1:
            _kiwi = None


os.register_at_fork(after_in_child=_forget_threaded_kiwi)


def _load_kiwi() -> Kiwi:
    from kiwipiepy import Kiwi

    # Batch analysis needs at least one worker thread; typo correction stays off (typos=None).
    loaded = Kiwi(
        num_workers=_num_workers,
        load_default_dict=False,
        load_typo_dict=False,
        load_multi_dict=False,
    )
    loaded.tokenize("")  # Kiwi finishes loading lazily; do it here, under the lock
    return loaded


def _match_options() -> int:
    from kiwipiepy import Match

    # Keep URLs, e-mail addresses and serial numbers (02-2133-1234) whole; hashtags and mentions
    # are not a thing in official documents.
    return int(Match.URL | Match.EMAIL | Match.SERIAL)


class Role(enum.Enum):
    PART = "part"  # a word of the text: what a query requires
    EXTRA = "extra"  # indexed only, so that plain words find derived ones (개발 finds 재개발)
    COMPOUND = "compound"  # neighbouring nouns joined (정보공개): raises the score, never required
    READING = "reading"  # the noun reading of a word Kiwi read otherwise (보고 after 보/VV): indexed,
    # and a query word may be found by it instead of the PART terms it overlaps


@dataclass(frozen=True, slots=True)
class Term:
    """An index term and where it comes from in the original text (for highlighting)."""

    text: str
    start: int
    end: int
    role: Role
    namelike: bool = False  # a name, number or unknown word: query parsing adds the bigram fallback


# A term while it is built: (text, start, end, role, namelike). Plain tuples cost a fifth of a
# ``Term`` each; only ``term_spans`` (snippets, queries) turns them into ``Term`` objects.
_Span = tuple[str, int, int, Role, bool]
_PART, _EXTRA, _COMPOUND, _READING = Role.PART, Role.EXTRA, Role.COMPOUND, Role.READING
# A token as the term building reads it: (form, tag, tag without Kiwi's -I/-R mark, start, end,
# the token). Kiwi's attributes build a new object at each access, so each is read once.
_Tok = tuple[str, str, str, int, int, Any]


def analyse(text: str) -> list[str]:
    """Index terms of ``text``: content morphemes (verbs as their stem), glued prefixes and noun
    compounds, lowercased."""
    return [term[0] for term in _spans_many([text])[0]]


def analyse_many(texts: Sequence[str]) -> list[list[str]]:
    """``analyse`` for many texts at once through Kiwi's batch API (several workers if configured)."""
    return [[term[0] for term in terms] for terms in _spans_many(texts)]


def term_spans(text: str) -> list[Term]:
    return term_spans_many([text])[0]


def term_spans_many(texts: Sequence[str]) -> list[list[Term]]:
    """Terms with their offsets in the original text, for many texts in one Kiwi batch.

    Long texts are cut into ~1000-character pieces at line ends: Kiwi's batch API then keeps its
    workers busy, and a piece boundary never joins a compound across paragraphs.
    """
    return [[Term(*term) for term in terms] for terms in _spans_many(texts)]


def _spans_many(texts: Sequence[str]) -> list[list[_Span]]:
    """``term_spans_many`` as plain tuples (indexing only keeps their text)."""
    pieces = [(index, start, piece) for index, text in enumerate(texts) for start, piece in _chunks(text)]
    results: list[list[_Span]] = [[] for _ in texts]
    if not pieces:
        return results
    analysed = _each(kiwi().tokenize, [piece for _, _, piece in pieces], match_options=_match_options())
    built = []
    for (index, start, piece), tokens in zip(pieces, analysed, strict=True):
        toks = _read_tokens(tokens)
        terms = _build(piece, start, toks)
        built.append((index, terms, _scan_runs(piece, start, toks, terms)))
    readings = _readings(texts[index][a:b] for index, _, runs in built for a, b in runs)
    for index, terms, runs in built:
        if runs:
            text = texts[index]
            by_start: dict[int, list[str]] = {}
            for term in terms:
                by_start.setdefault(term[1], []).append(term[0])
            for a, b in runs:
                here = {word for at in range(a, b) for word in by_start.get(at, ())}
                terms.extend(_second_reading(here, a, readings[text[a:b]]))
        results[index].extend(terms)
    return results


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    start, length = 0, len(text)
    while start < length:
        end = min(start + _CHUNK, length)
        if end < length:
            cut = text.rfind("\n", start + _CHUNK // 2, end)
            if cut < 0:
                cut = text.rfind(" ", start + _CHUNK // 2, end)
            if cut >= 0:
                end = cut + 1
        if text[start:end].strip():
            yield start, text[start:end]
        start = end


def cached_batch(
    cache: dict[str, V], keys: Iterable[str], compute: Callable[[list[str]], Iterable[V]], *, limit: int
) -> dict[str, V]:
    """The value of each distinct key, from ``cache`` or from one ``compute`` call over the keys it
    lacks. The cache is emptied when it passes ``limit``: crude, but bounded, and the common words
    come back at once."""
    found: dict[str, V] = {}
    missing = []
    for key in dict.fromkeys(keys):
        cached = cache.get(key)
        if cached is None:
            missing.append(key)
        else:
            found[key] = cached
    if missing:
        if len(cache) > limit:
            cache.clear()
        for key, value in zip(missing, compute(missing), strict=True):
            found[key] = cache[key] = value
    return found


_norm_cache: dict[str, str] = {}
_NORM_CACHE_SIZE = 100_000


def _norm(form: str) -> str:
    found = _norm_cache.get(form)
    if found is None:
        if len(_norm_cache) > _NORM_CACHE_SIZE:
            _norm_cache.clear()
        found = _norm_cache[form] = "".join(form.lower().split())[:_MAX_TERM]
    return found


def _read_tokens(tokens: Iterable[Any]) -> list[_Tok]:
    found = []
    for token in tokens:
        tag = token.tag
        found.append((token.form, tag, tag.partition("-")[0], token.start, token.end, token))
    return found


def _build(text: str, base: int, toks: Sequence[_Tok]) -> list[_Span]:
    """One piece's tokens as terms, in one pass, tracking the current run of nouns.

    A prefix glued to a noun (비공개) is one noun; each noun is indexed, and so is each pair of
    neighbouring nouns (``previous`` and this one) and a word (one 어절) of three or more nouns;
    a noun suffix (정보화) extends the previous noun; a verb gives its stem.

    Longer than our usual functions on purpose: it runs once per Kiwi token of every indexed text,
    and inlining the per-token helpers took 30 % off term building (docs/benchmarks.md).
    """
    terms: list[_Span] = []
    emit = terms.append
    previous: tuple[str, int, int] | None = None  # last noun (form, start, end)
    word: list[tuple[str, int, int]] = []  # nouns glued without a space (one 어절)
    count, index = len(toks), 0
    while index < count:
        form, tag, bare, start, end, token = toks[index]
        index += 1
        extra: _Span | None = None
        if tag == "XPN" and index < count and toks[index][1] in _NOUNS and toks[index][3] == end:
            noun_form, noun_tag, _, noun_start, end, noun_token = toks[index]
            index += 1
            noun = _norm(form + noun_form)
            namelike = noun_tag in _NAMELIKE_TAGS or noun_token.oov or len(noun_form) == 1
            if form not in NEGATING_PREFIXES:  # 재개발 is also 개발; 비공개 is not 공개
                extra = (_norm(noun_form), base + noun_start, base + end, _EXTRA, False)
        elif bare in _NOUNS:
            noun = _norm_cache.get(form) or _norm(form)  # the cache without a call: most tokens
            namelike = bare in _NAMELIKE_TAGS or token.oov or len(form) == 1
        elif bare == "XSN" and previous and previous[2] == start:
            joined = previous[0] + _norm(form)  # 투명성, 정보화: the derived noun, for ranking
            if joined:
                emit((joined, base + previous[1], base + end, _COMPOUND, False))
            previous = (joined, previous[1], end)
            if word:
                word[-1] = previous
            continue
        else:
            if len(word) > 2:
                _emit_word(emit, base, word)
            word = []
            previous = None
            if bare in _VERBS:
                # The stem of the lemma (들었다 → 듣): a short query like 높이다 is often read as
                # the noun 높이 + 이다, and the bare stem then still meets the verb in the documents.
                stem = _norm(token.lemma.removesuffix("다"))
                if stem and stem not in _LIGHT_VERBS:
                    emit((stem, base + start, base + end, _PART, False))
            elif bare in _PLAIN or bare in _WEB:
                plain = _norm(form)
                if plain:
                    emit((plain, base + start, base + end, _PART, bare in _NAMELIKE_TAGS or token.oov))
                if bare == "W_SERIAL":  # 02-2133-1234: each group findable on its own
                    for group in _ASCII_ALNUM.findall(form.lower()):
                        emit((group, base + start, base + end, _EXTRA, True))
            continue
        if noun:
            emit((noun, base + start, base + end, _PART, namelike))
        if previous is None:
            if len(word) > 2:
                _emit_word(emit, base, word)
            word = []
        else:
            gap = text[previous[2] : start]
            if gap == "" or (gap.isspace() and "\n" not in gap):
                pair = previous[0] + noun
                if pair:
                    emit((pair, base + previous[1], base + end, _COMPOUND, False))
            if gap != "":
                if len(word) > 2:
                    _emit_word(emit, base, word)
                word = []
        previous = (noun, start, end)
        word.append(previous)
        if extra is not None and extra[0]:
            emit(extra)
    if len(word) > 2:
        _emit_word(emit, base, word)
    return terms


def _emit_word(emit: Callable[[_Span], None], base: int, word: list[tuple[str, int, int]]) -> None:
    # Pairs are already emitted; a word of three or more nouns (정보공개정책과) also goes in whole.
    joined = "".join(form for form, _, _ in word)
    if joined:
        emit((joined, base + word[0][1], base + word[-1][2], _COMPOUND, False))


def _scan_runs(piece: str, base: int, toks: Sequence[_Tok], terms: list[_Span]) -> list[tuple[int, int]]:
    """Per run of letters and digits: index a word of nouns whole (분납대상자, however Kiwi cut it),
    and return the spans of the runs that may have a second, noun reading: those Kiwi read with a
    verb, adverb or determiner that still carry a content word, and no negating prefix."""
    ambiguous = []
    index, count = 0, len(toks)
    seen = {(term[0], term[1]) for term in terms}
    for run in _RUN.finditer(piece):
        start, end = run.span()
        while index < count and toks[index][3] < start:
            index += 1
        first = index
        while index < count and toks[index][3] < end:
            index += 1
        if first == index:
            continue
        inside = toks[first:index]
        stem = _noun_stem(piece, start, inside)
        if stem is not None and (stem[0], base + start) not in seen:
            terms.append((stem[0], base + start, base + stem[1], _COMPOUND, False))
        triggered = negated = False
        for tok in inside:
            if tok[2] in _READING_TRIGGERS:
                triggered = True
            elif tok[1] == "XPN" and tok[0] in NEGATING_PREFIXES:
                negated = True
        if triggered and not negated and any(_is_content(tok) for tok in inside):
            ambiguous.append((base + start, base + end))
    return ambiguous


def _noun_stem(piece: str, start: int, inside: Sequence[_Tok]) -> tuple[str, int] | None:
    """The nouns a run starts with, joined (and where they end), when there are several of them.

    Kiwi cuts a word of nouns differently by context (분납대상자: 대상자/NNG in a title, 대상 + 자/NNB
    before a document number), so the word whole is what both readings share.
    """
    count, end, has_noun = 0, start, False
    for _, tag, _, token_start, token_end, _ in inside:
        if tag not in _STEM or token_start != end:
            break
        count, end, has_noun = count + 1, token_end, has_noun or tag in _NOUNS
    if count < 2 or not has_noun:
        return None
    return _norm(piece[start:end]), end


def _is_content(tok: _Tok) -> bool:
    tag = tok[2]
    if tag in _VERBS:
        return _norm(tok[5].lemma.removesuffix("다")) not in _LIGHT_VERBS
    return tag in _NOUNS or tag in _PLAIN or tag in _WEB


def _readings(runs: Iterable[str]) -> dict[str, tuple[_Span, ...]]:
    """The noun reading of each run analysed alone (offsets from the run's start), cached."""

    def analyse_alone(missing: list[str]) -> Iterable[tuple[_Span, ...]]:
        candidates = _each(kiwi().analyze, missing, top_n=READING_TOP_N, match_options=_match_options())
        return (_noun_reading(run, readings) for run, readings in zip(missing, candidates, strict=True))

    return cached_batch(_reading_cache, runs, analyse_alone, limit=_READING_CACHE_SIZE)


def _noun_reading(run: str, readings: Sequence[tuple[Sequence[Any], float]]) -> tuple[_Span, ...]:
    if not readings:
        return ()
    best = max(score for _, score in readings)
    for tokens, score in sorted(readings, key=lambda reading: -reading[1]):
        if best - score > READING_MARGIN:
            break
        if _is_noun_reading(tokens):
            return tuple(_build(run, 0, _read_tokens(tokens)))
    return ()


def _is_noun_reading(tokens: Sequence[Any]) -> bool:
    """Nouns Kiwi knows (not ones it made up for an unknown word), particles and symbols only."""
    has_noun = False
    for token in tokens:
        tag = token.tag
        if tag in _NOUNS:
            if token.oov:
                return False
            has_noun = True
        if tag in _SCRAPS and len(token.form) == 1 and not token.form.isascii():
            return False
        if not (tag in _NOMINAL or tag[0] in "JS" or tag in _WEB):
            return False
    return has_noun


def _second_reading(here: set[str], start: int, reading: tuple[_Span, ...]) -> list[_Span]:
    """The reading's terms at the run's place in the text, when it reads a word the text lacks
    (``here``: the terms the text already has in the run)."""
    if not any(term[3] is _PART and term[0] not in here for term in reading):
        return []
    found = []
    for text, term_start, term_end, role, _ in reading:
        if text in here:
            continue
        found.append((text, start + term_start, start + term_end, _READING if role is _PART else role, False))
        here.add(text)
    return found


def run_tokens(run: str) -> list[str]:
    """Bigram-field tokens for one run of letters and digits, in order (a phrase to match).

    Pure ASCII runs (1424, covid) are kept whole: nobody looks up half a number. Other runs give
    their character bigrams, or the character itself when the run is one character long.
    """
    if len(run) == 1 or _ASCII_ALNUM.fullmatch(run):
        return [run[:_MAX_TERM]]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def bigrams(text: str) -> list[str]:
    """Tokens for the bigram fields: names, document numbers and words Kiwi does not know.

    Runs are split by whitespace and punctuation. After each run come its ASCII parts whole
    (2024년 → 2024), and after a chunk of several runs the chunk whole (소방행정과-1424), so that
    a number is found alone and the full document number exactly. Each run's bigrams stay
    consecutive, so a query can match them as a phrase.
    """
    tokens: list[str] = []
    for chunk in text.lower().split():
        runs = _RUN.findall(chunk)
        for run in runs:
            tokens.extend(run_tokens(run))
            if not _ASCII_ALNUM.fullmatch(run):
                tokens.extend(part[:_MAX_TERM] for part in _ASCII_ALNUM.findall(run) if len(part) > 1)
        if len(runs) > 1:
            tokens.append(whole_chunk(chunk))
    return tokens


def whole_chunk(chunk: str) -> str:
    """A whitespace-separated chunk without the punctuation around it, as the bigram field has it."""
    return _EDGE_PUNCT.sub("", chunk.lower())[:_MAX_TERM]


def runs_of(chunk: str) -> list[str]:
    return _RUN.findall(chunk.lower())
