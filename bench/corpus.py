"""Shared helpers for the search benchmarks: the real demo data, a synthetic corpus, timing figures.

The synthetic corpus (``Pool`` + ``synthesize``) gives any number of ~2,000-character records for
the cost of analysing the seed documents once. Kiwi runs once over each distinct *piece*:

- every line of the five seed documents (``seed-documents/*.txt``; lines over ``MAX_PIECE``
  characters are cut at sentence ends first), ~900 pieces;
- every distinct real title of the week's document list (``opengov/…_info_list.csv``), ~3,100;
- every distinct footer line ``담당 {department} {writer}`` of that list (the officer who wrote it,
  as an approved document ends), ~1,900;
- every distinct real registration number (교통정책과-2726), ~3,650.

A record's body is its title line, then runs of 3–8 consecutive seed lines from random places until
it reaches ~2,000 characters, then its footer line, joined by newlines. Its ``body_terms`` and
``body_bigrams`` are the pieces' terms and bigrams concatenated. That equals analysing the joined
body: ``bigrams`` splits on whitespace, and ``korean`` never joins a compound across a line break;
only Kiwi's context inside a 1,000-character chunk could differ (``composition_check`` measures
how much). Copy ``k`` of the week gets registration numbers moved on by ``k * 100000`` (the number
term is swapped, its bigrams recomputed) and dates ``k * 13`` weeks earlier (years 2014–2021).

Nothing here imports Django, and nothing is written anywhere: the data is read in place.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import os
import platform
import random
import re
import statistics
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from sotong.search.documents import SearchDocument
from sotong.search.korean import analyse, analyse_many, bigrams
from sotong.search.prepare import PreparedDocument

REPO = Path(__file__).resolve().parent.parent
WEEK = Path("opengov") / "20210208_20210214_info_list.csv"
CHART = "seoul-organizations.json"
SEED_DIR = "seed-documents"
SAMPLES_DIR = "samples"
MAX_PIECE = 600
BODY_CHARS = 2000
REGISTRATION_STEP = 100_000
WEEKS_PER_COPY = 13
HEADQUARTERS = "서울특별시"
# Weighted facet values: most of a city's documents are its headquarters' approved documents.
GRADES: tuple[tuple[str, float], ...] = (("공개", 0.6), ("부분공개", 0.2), ("비공개", 0.1), ("", 0.1))
MAIN_INFO_TYPE = "결재문서"
OTHER_INFO_TYPES = ("회의정보", "보도자료", "정책연구자료", "업무계획", "통계정보", "재정정보", "지침")
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")


# --- demo data, read in place -------------------------------------------------------------------


def data_root() -> Path:
    return Path(os.environ.get("SOTONG_DEMO_DATA", REPO.parent / "shared" / "data")).resolve()


def seed_documents() -> list[tuple[str, Path]]:
    """(title, path) of each seed document, titles from its ``metadata.json``."""
    folder = data_root() / SEED_DIR
    meta = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    titles = {entry["file"]: entry["title"] for entry in meta["documents"]}
    return [(titles.get(path.name, path.stem), path) for path in sorted(folder.glob("*.txt"))]


def sample_files() -> list[Path]:
    """The real HWP and HWPX samples."""
    folder = data_root() / SAMPLES_DIR
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in (".hwp", ".hwpx"))


def week_rows() -> list[dict[str, str]]:
    with (data_root() / WEEK).open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def chart_organizations() -> tuple[list[str], list[str]]:
    """(districts, institutions) named in the organization chart."""
    chart = json.loads((data_root() / CHART).read_text(encoding="utf-8"))

    def names(items: list[object]) -> list[str]:
        return [item if isinstance(item, str) else str(item["name"]) for item in items]  # type: ignore[index]

    return names(chart["districts"]), names(chart["institutions"])


# --- figures ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stats:
    n: int
    median_ms: float
    p95_ms: float
    max_ms: float


def stats(seconds: Sequence[float]) -> Stats:
    """Median and nearest-rank 95th percentile of timings given in seconds, in milliseconds."""
    ordered = sorted(seconds)
    rank = max(1, math.ceil(0.95 * len(ordered)))
    return Stats(len(ordered), statistics.median(ordered) * 1e3, ordered[rank - 1] * 1e3, ordered[-1] * 1e3)


def machine_line() -> str:
    return f"nproc={os.cpu_count()} python={platform.python_version()} {platform.platform()}"


def load_line() -> str:
    """The 1/5/15-minute load averages: on a shared 2-core box, anything above ~1 means contention."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} (nproc={os.cpu_count()})"


def now_line() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


# --- pre-analysed pieces ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Piece:
    """A line of text with its index terms and bigrams, analysed once and reused."""

    text: str
    terms: tuple[str, ...]
    bigrams: tuple[str, ...]


def _seed_lines(text: str) -> list[str]:
    lines: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not any(c.isalnum() for c in line):
            continue
        current = ""
        for sentence in _SENTENCE_END.split(line):
            if current and len(current) + len(sentence) + 1 > MAX_PIECE:
                lines.append(current)
                current = ""
            current = f"{current} {sentence}" if current else sentence
        if current:
            lines.append(current)
    return lines


def footer(department: str, writer: str) -> str:
    return f"담당 {department} {writer}".strip()


@dataclass
class Pool:
    """Every distinct piece a synthetic record is made of, analysed once (see the module doc)."""

    lines: list[Piece]
    line_end: list[int]  # for each line, the index just past the last line of its document
    titles: dict[str, Piece]
    footers: dict[str, Piece]
    numbers: dict[str, tuple[str, ...]]
    rows: list[dict[str, str]]
    districts: list[str]
    institutions: list[str]

    @property
    def pieces(self) -> int:
        return len(self.lines) + len(self.titles) + len(self.footers) + len(self.numbers)

    @property
    def chars(self) -> int:
        texts = [*(p.text for p in self.lines), *self.titles, *self.footers, *self.numbers]
        return sum(len(text) for text in texts)


def _pieces(texts: Sequence[str]) -> list[Piece]:
    terms = analyse_many(texts)
    return [Piece(text, tuple(t), tuple(bigrams(text))) for text, t in zip(texts, terms, strict=True)]


def build_pool() -> Pool:
    """Read the demo data and analyse every distinct piece once (a few seconds of Kiwi)."""
    lines: list[Piece] = []
    line_end: list[int] = []
    for _, path in seed_documents():
        document = _pieces(_seed_lines(path.read_text(encoding="utf-8")))
        lines += document
        line_end += [len(lines)] * len(document)
    rows = week_rows()
    titles = sorted({row["title"] for row in rows})
    footers = sorted({footer(row["rspnber_dept_nm"], row["writer"]) for row in rows})
    numbers = sorted({row["src_dept_doc_no"] for row in rows})
    districts, institutions = chart_organizations()
    return Pool(
        lines=lines,
        line_end=line_end,
        titles={piece.text: piece for piece in _pieces(titles)},
        footers={piece.text: piece for piece in _pieces(footers)},
        numbers=dict(zip(numbers, (tuple(t) for t in analyse_many(numbers)), strict=True)),
        rows=rows,
        districts=districts,
        institutions=institutions,
    )


# --- synthetic records --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Synthetic:
    """One synthetic record: metadata as a published record has it, plus its body's pieces."""

    index: int
    title: str
    registration_number: str
    organization: str
    department: str
    info_type: str
    produced_on: dt.date | None
    grade: str
    retention_period: str
    task_card: str
    original_url: str
    licence: str
    pieces: tuple[Piece, ...]
    number_terms: tuple[str, ...]

    @property
    def body(self) -> str:
        return "\n".join(piece.text for piece in self.pieces)

    def prepared(self, doc: SearchDocument, *, body_bigrams: str = "all") -> PreparedDocument:
        """``doc`` (built from this record) with the terms its pieces were analysed into.

        ``body_bigrams="names"`` keeps the body's bigrams of its footer line only (department and
        writer): the "bigrams on titles and names only" corpus that keeps a 1,000,000-record build
        inside a session. Words found only by their bigrams in the seed lines then match fewer records.
        """
        title = self.pieces[0]
        bigram_pieces = self.pieces if body_bigrams == "all" else self.pieces[-1:]
        return PreparedDocument(
            doc=doc,
            title_terms=title.terms,
            body_terms=tuple(t for piece in self.pieces for t in piece.terms),
            number_terms=self.number_terms,
            title_bigrams=title.bigrams,
            body_bigrams=tuple(b for piece in bigram_pieces for b in piece.bigrams),
            number_bigrams=tuple(bigrams(self.registration_number)),
        )


def _shifted_number(pool: Pool, number: str, copy: int) -> tuple[str, tuple[str, ...]]:
    terms = pool.numbers[number]
    prefix, sep, digits = number.rpartition("-")
    if not copy or not sep or not digits.isdigit():
        return number, terms
    moved = str(int(digits) + copy * REGISTRATION_STEP)
    return f"{prefix}-{moved}", tuple(moved if term == digits else term for term in terms)


def _date(value: str, copy: int) -> dt.date | None:
    if len(value) != 8 or not value.isdigit():
        return None
    day = dt.date(int(value[:4]), int(value[4:6]), int(value[6:]))
    return day - dt.timedelta(weeks=copy * WEEKS_PER_COPY)


def _body_pieces(pool: Pool, rng: random.Random, title: Piece, last: Piece) -> tuple[Piece, ...]:
    pieces = [title]
    length = len(title.text) + len(last.text) + 1
    while length < BODY_CHARS:
        start = rng.randrange(len(pool.lines))
        stop = min(pool.line_end[start], start + rng.randint(3, 8))
        for piece in pool.lines[start:stop]:
            pieces.append(piece)
            length += len(piece.text) + 1
            if length >= BODY_CHARS:
                break
    pieces.append(last)
    return tuple(pieces)


def synthesize(pool: Pool, count: int, *, seed: int = 20210208) -> Iterator[Synthetic]:
    """``count`` records, the same ones for the same seed, in order."""
    rng = random.Random(seed)
    grades = [grade for grade, _ in GRADES]
    weights = [weight for _, weight in GRADES]
    for index in range(count):
        copy, real = divmod(index, len(pool.rows))
        row = pool.rows[real]
        number, number_terms = _shifted_number(pool, row["src_dept_doc_no"], copy)
        draw = rng.random()
        if draw < 0.6:
            organization = HEADQUARTERS
        elif draw < 0.9:
            organization = rng.choice(pool.districts)
        else:
            organization = rng.choice(pool.institutions)
        department = row["rspnber_dept_nm"]
        yield Synthetic(
            index=index,
            title=row["title"],
            registration_number=number,
            organization=organization,
            department=department,
            info_type=MAIN_INFO_TYPE if rng.random() < 0.8 else rng.choice(OTHER_INFO_TYPES),
            produced_on=_date(row["doc_prdctn_dt"], copy),
            grade=rng.choices(grades, weights)[0],
            retention_period=row["othbc_pd"],
            task_card=row["tkcrd_nm"],
            original_url=row["url"],
            licence=row["cpyrht"],
            pieces=_body_pieces(
                pool, rng, pool.titles[row["title"]], pool.footers[footer(department, row["writer"])]
            ),
            number_terms=number_terms,
        )


def composition_check(records: Sequence[Synthetic]) -> float:
    """Share of body terms that analysing the joined body gives too (1.0 = identical multisets)."""
    same = total = 0
    for record in records:
        composed = Counter(t for piece in record.pieces for t in piece.terms)
        direct = Counter(analyse(record.body))
        same += sum((composed & direct).values())
        total += max(sum(composed.values()), sum(direct.values()))
    return same / total if total else 1.0
