"""Benchmark: the text pipeline in characters per second, against raw Kiwi on the same text.

Corpus: the five seed documents (``seed-documents/*.txt``) and the real HWP/HWPX samples
(``samples/``), read in place; one *round* is every file once (~82,000 characters), and a pass
repeats rounds until ``--chars`` (default 2,000,000) characters of extracted text.

- pipeline: per round, ``extract_text`` on every file, then ``backend.index`` of the round's
  documents (``prepare_many``: Kiwi terms of title, body and number, character bigrams; then the
  Tantivy write and one commit) on ``get_search_backend("tantivy")`` in a temporary folder;
- raw Kiwi: ``kiwi().tokenize(text)`` on the same extracted texts, with the same Kiwi instance
  and match options as ``sotong.search.korean``.

Characters are those of the extracted texts (titles and numbers are analysed too, uncounted).
Passes alternate raw Kiwi / pipeline (``--passes`` each) and the median is reported, in wall
time and per CPU second (with one Kiwi worker, the default, everything runs in one thread; with
more, Kiwi's batch API may run beside the Python work). ``korean``'s cache of second readings is emptied before each
round, as if every round were new text (``--warm-cache`` keeps it: the same text then hits it
every time). Then one pass split by stage, ``prepare_many`` split further by timing its Kiwi
calls and its bigrams apart on the same input, and a cProfile of one pass (top 10 by own time).
It prints figures and never asserts them. Usage (from the repository root)::

    .venv/bin/python bench/text_pipeline.py
    .venv/bin/python bench/text_pipeline.py --chars 300000 --passes 1   # a quick run
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from corpus import load_line, machine_line, now_line, sample_files, seed_documents  # bench/ is on sys.path

from sotong.pipeline.converters import extract_text
from sotong.search import korean
from sotong.search.backends import SearchBackend, get_search_backend
from sotong.search.documents import SearchDocument
from sotong.search.korean import _chunks, _match_options, bigrams, kiwi
from sotong.search.prepare import prepare_many

STAGES = (
    "extract_text",
    "prepare_many (terms + bigrams)",
    "  of which Kiwi tokenize (same pieces)",
    "  of which bigrams",
    "  of which the rest: term building in Python, second readings",
    "index write (Tantivy add + commit)",
)


@dataclass(frozen=True)
class Source:
    title: str
    path: Path


@dataclass(frozen=True)
class Rate:
    chars: int
    wall: float
    cpu: float

    @property
    def per_wall(self) -> float:
        return self.chars / self.wall

    @property
    def per_cpu(self) -> float:
        return self.chars / self.cpu


def sources() -> list[Source]:
    files = [Source(title, path) for title, path in seed_documents()]
    return files + [Source(path.stem, path) for path in sample_files()]


def rounds_for(sources_: Sequence[Source], chars: int) -> tuple[int, list[str]]:
    """Rounds needed for ``chars`` characters, and one round's extracted texts."""
    texts = [extract_text(source.path).text for source in sources_]
    per_round = sum(len(text) for text in texts)
    return max(1, -(-chars // per_round)), texts


def measured(call: Callable[[], int]) -> Rate:
    wall, cpu = time.perf_counter(), time.process_time()
    chars = call()
    return Rate(chars, time.perf_counter() - wall, time.process_time() - cpu)


def raw_kiwi(texts: Sequence[str], rounds: int) -> int:
    """``kiwi.tokenize`` on each whole text, one call each."""
    engine, options = kiwi(), _match_options()
    chars = 0
    for _ in range(rounds):
        for text in texts:
            engine.tokenize(text, match_options=options)
            chars += len(text)
    return chars


def raw_kiwi_pieces(texts: Sequence[str], rounds: int) -> int:
    """``kiwi.tokenize`` on the same texts cut as ``korean`` cuts them (~1000 characters), a call
    a piece, as ``korean`` calls it with one worker."""
    engine, options = kiwi(), _match_options()
    pieces = [piece for text in texts for _, piece in _chunks(text)]
    for _ in range(rounds):
        for piece in pieces:
            engine.tokenize(piece, match_options=options)
    return rounds * sum(len(text) for text in texts)


def clear_caches() -> None:
    """Empty ``korean``'s cache of second readings, where the analysis has one."""
    cache = getattr(korean, "_reading_cache", None)
    if isinstance(cache, dict):
        cache.clear()


class Pipeline:
    """extract_text + backend.index, a round (one commit) at a time, into a fresh index."""

    def __init__(self, sources_: Sequence[Source], folder: Path, *, warm_cache: bool) -> None:
        self.sources = sources_
        self.folder = folder
        self.warm_cache = warm_cache
        self.passes = 0

    def backend(self) -> SearchBackend:
        self.passes += 1
        return get_search_backend("tantivy", path=self.folder / f"index-{self.passes}")

    def documents(self, number: int) -> list[SearchDocument]:
        if not self.warm_cache:
            clear_caches()
        return [
            SearchDocument(id=f"{number}-{index}", title=source.title, body=extract_text(source.path).text)
            for index, source in enumerate(self.sources)
        ]

    def run(self, rounds: int) -> int:
        backend = self.backend()
        chars = 0
        for number in range(rounds):
            docs = self.documents(number)
            chars += sum(len(doc.body) for doc in docs)
            backend.index(docs)
        backend.close()
        return chars

    def stages(self, rounds: int) -> dict[str, float]:
        """One pass split by stage: the same calls as ``run``, each timed on its own; then, apart
        from the pass, Kiwi and bigrams on the same input, to split ``prepare_many``."""
        backend = self.backend()
        seconds = dict.fromkeys(STAGES, 0.0)

        @contextmanager
        def step(name: str) -> Iterator[None]:
            started = time.perf_counter()
            try:
                yield
            finally:
                seconds[name] += time.perf_counter() - started

        for number in range(rounds):
            with step(STAGES[0]):
                docs = self.documents(number)
            with step(STAGES[1]):
                prepared = list(prepare_many(docs))
            with step(STAGES[5]):
                backend.index_prepared(prepared)
            fields = [value for doc in docs for value in (doc.title, doc.body, doc.registration_number)]
            pieces = [piece for text in fields for _, piece in _chunks(text)]
            with step(STAGES[2]):
                for piece in pieces:
                    kiwi().tokenize(piece, match_options=_match_options())
            with step(STAGES[3]):
                [bigrams(value) for value in fields]
        backend.close()
        seconds[STAGES[4]] = seconds[STAGES[1]] - seconds[STAGES[2]] - seconds[STAGES[3]]
        return seconds


def profile(call: Callable[[], int], top: int) -> None:
    profiler = cProfile.Profile()
    profiler.runcall(call)
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("tottime")
    stats.print_stats(top)
    print(f"\n--- cProfile of one pipeline pass, top {top} by own time (tottime) ---")
    print(out.getvalue().strip())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0] if __doc__ else None)
    parser.add_argument("--chars", type=int, default=2_000_000, help="characters per pass (default 2000000)")
    parser.add_argument("--passes", type=int, default=3, help="passes of each kind (default 3)")
    parser.add_argument("--top", type=int, default=10, help="functions in the cProfile listing")
    parser.add_argument(
        "--warm-cache", action="store_true", help="keep korean's second-reading cache between rounds"
    )
    args = parser.parse_args(argv)
    if args.chars < 1 or args.passes < 1:
        parser.error("--chars and --passes must be at least 1")

    folder = Path(tempfile.mkdtemp(prefix="sotong-text-bench-"))
    try:
        run(args, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(args: argparse.Namespace, folder: Path) -> None:
    print(f"machine   {machine_line()}")
    print(f"date      {now_line()}")
    print(f"command   {' '.join([Path(sys.executable).name, *sys.argv])}")
    print(f"load      {load_line()}")
    started = time.perf_counter()
    kiwi()
    print(f"kiwi      loaded in {time.perf_counter() - started:.2f} s (not in any figure below)")

    files = sources()
    rounds, texts = rounds_for(files, args.chars)
    for source, text in zip(files, texts, strict=True):
        print(f"  {source.path.name}: {len(text):,} chars")
    print(f"corpus    {len(files)} files, {sum(map(len, texts)):,} chars a round, {rounds} rounds a pass")

    pipeline = Pipeline(files, folder, warm_cache=args.warm_cache)
    pipeline.run(1)  # warm-up: converters' imports, Tantivy's first writer
    print(f"cache     korean's second readings {'kept' if args.warm_cache else 'emptied before each round'}")
    raw_kiwi(texts, 1)
    raw_kiwi_pieces(texts, 1)
    raws: list[Rate] = []
    pieces: list[Rate] = []
    pipes: list[Rate] = []
    for number in range(args.passes):
        raws.append(measured(lambda: raw_kiwi(texts, rounds)))
        pieces.append(measured(lambda: raw_kiwi_pieces(texts, rounds)))
        pipes.append(measured(lambda: pipeline.run(rounds)))
        print(
            f"  pass {number + 1}: raw Kiwi {raws[-1].per_wall:,.0f} chars/s whole texts, "
            f"{pieces[-1].per_wall:,.0f} in pieces; pipeline {pipes[-1].per_wall:,.0f} chars/s; {load_line()}",
            flush=True,
        )

    def median(rates: Sequence[Rate]) -> tuple[float, float]:
        return statistics.median(r.per_wall for r in rates), statistics.median(r.per_cpu for r in rates)

    raw, piece, pipe = median(raws), median(pieces), median(pipes)
    print(f"\n| {raws[0].chars:,} chars a pass, median of {args.passes} | chars/s (wall) | chars per CPU s |")
    print("|---|---:|---:|")
    print(f"| raw Kiwi `tokenize`, each whole text | {raw[0]:,.0f} | {raw[1]:,.0f} |")
    print(f"| raw Kiwi `tokenize`, same ~1000-char pieces | {piece[0]:,.0f} | {piece[1]:,.0f} |")
    print(f"| pipeline (extract + terms + bigrams + Tantivy write) | {pipe[0]:,.0f} | {pipe[1]:,.0f} |")
    print(f"| pipeline / raw Kiwi, whole texts | {pipe[0] / raw[0]:.0%} | {pipe[1] / raw[1]:.0%} |")
    print(f"| pipeline / raw Kiwi, same pieces | {pipe[0] / piece[0]:.0%} | {pipe[1] / piece[1]:.0%} |")

    seconds = pipeline.stages(rounds)
    total = seconds[STAGES[0]] + seconds[STAGES[1]] + seconds[STAGES[5]]
    cache = "kept between rounds" if args.warm_cache else "emptied before each round"
    print(f"\n| stage (one pass, timed apart; reading cache {cache}) | seconds | share | chars/s alone |")
    print("|---|---:|---:|---:|")
    for name, value in seconds.items():
        print(f"| {name} | {value:.2f} | {value / total:.0%} | {raws[0].chars / max(value, 1e-9):,.0f} |")
    print(f"| total | {total:.2f} | 100% | {raws[0].chars / total:,.0f} |")

    profile(lambda: pipeline.run(rounds), args.top)


if __name__ == "__main__":
    main()
