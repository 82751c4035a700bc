"""Benchmark: personal-information detection against a labelled set written apart from the detectors.

1. **Labelled set**: ``pii_corpus.generate(n, seed)`` makes Korean administrative texts (민원 회신,
   신청서, 계약서, 지급 명단, 사고 보고, 회의록) whose identifiers are labelled by construction.
   Look-alikes that are not personal sit in the same texts: officials' public contacts, document
   numbers, dates, amounts, 사업자/법인등록번호. The module docstring lists every format. Each
   text is scanned with ``detect(text, public=PublicContacts.from_config(PUBLIC_CONFIG,
   names=<its approval line>))``. Per kind:

   - *recall*: labelled spans overlapped by a finding of the same kind;
   - *exact*: labelled spans found with exactly the same start and end;
   - *covered*: labelled characters masked by a finding of any kind (what protects privacy);
   - *precision*: findings that overlap a labelled span of their own kind.

   Goals: recall ≥ 0.99 for the structured identifiers (every kind but ``address`` and
   ``person_name``), precision ≥ 0.95 for every kind. Misses and false positives are grouped by
   *shape* (digits → 9, Hangul → 가, Latin → A), so that a missing format shows as one line.
2. **Real texts without citizens' personal information**: every title of the real week
   ``opengov/20210208_20210214_info_list.csv`` (UTF-8; each title's ``writer``, the official who
   wrote it, is passed as a public name) and the five seed documents, with the public contacts of
   ``seoul-organizations.json`` → ``official_contacts``. Every finding there is counted and shown in
   context for a human to judge. Some are real: the seed texts print officials' names beside their
   work numbers, and no approval line is passed for them.
3. **Throughput**: titles per second and characters per second of the labelled set.

It prints figures and never asserts them. It needs no Django setup unless the detectors ask for one.
Usage (from the repository root)::

    .venv/bin/python bench/pii.py                  # 2,000 texts, seed 7
    .venv/bin/python bench/pii.py --n 200 --seed 1 --examples 3
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import importlib
import json
import os
import platform
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from pii_corpus import PUBLIC_CONFIG, LabelledText, generate  # bench/ is on sys.path

REPO = Path(__file__).resolve().parent.parent
WEEK = Path("opengov") / "20210208_20210214_info_list.csv"
CHART = "seoul-organizations.json"
SEED_DIR = "seed-documents"
UNSTRUCTURED = ("address", "person_name")
RECALL_GOAL = 0.99
PRECISION_GOAL = 0.95
CONTEXT = 25
_HANGUL = re.compile(r"[가-힣]")
_LATIN = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"[0-9]")


@dataclass
class KindScore:
    labelled: int = 0
    hit: int = 0  # labelled spans overlapped by a same-kind finding
    exact: int = 0
    chars: int = 0
    covered: int = 0
    found: int = 0
    true_positives: int = 0  # findings that overlap a labelled span of their own kind
    misses: Counter[str] = field(default_factory=Counter)  # shape → count
    miss_examples: dict[str, str] = field(default_factory=dict)  # shape → first example
    false: Counter[str] = field(default_factory=Counter)  # "what it hit" → count
    false_examples: dict[str, str] = field(default_factory=dict)


def data_root() -> Path:
    return Path(os.environ.get("SOTONG_DEMO_DATA", REPO.parent / "shared" / "data")).resolve()


def import_detectors(name: str) -> ModuleType | None:
    """The detectors module, or None when it does not exist yet; Django is set up only if asked."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name and (name == exc.name or name.startswith(f"{exc.name}.")):
            return None
        raise
    except Exception as exc:
        if type(exc).__name__ not in ("ImproperlyConfigured", "AppRegistryNotReady"):
            raise
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    django.setup()
    return importlib.import_module(name)


def shape(text: str) -> str:
    return _DIGIT.sub("9", _LATIN.sub("A", _HANGUL.sub("가", text)))


def miss_key(kind: str, text: str, start: int, end: int) -> str:
    """How to group misses: names by the words around them (the template's cue), others by shape."""
    if kind != "person_name":
        return shape(text[start:end])
    cue = f"{text[max(0, start - 5) : start]}{{name}}{text[end : end + 3]}"
    return _DIGIT.sub("9", cue).replace("\n", "⏎").replace("\t", "⇥")


def around(text: str, start: int, end: int) -> str:
    left = text[max(0, start - CONTEXT) : start]
    right = text[end : end + CONTEXT]
    return f"…{left}[[{text[start:end]}]]{right}…".replace("\n", "⏎").replace("\t", "⇥")


def _overlaps(start: int, end: int, spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    return [span for span in spans if span[1] < end and start < span[2]]


# --- the labelled set ---------------------------------------------------------------------------


def score_text(item: LabelledText, findings: list[Any], scores: dict[str, KindScore]) -> None:
    masked = bytearray(len(item.text))
    for finding in findings:
        masked[finding.start : finding.end] = b"\x01" * (finding.end - finding.start)
    for kind, start, end in item.spans:
        score = scores[kind]
        score.labelled += 1
        score.chars += end - start
        score.covered += sum(masked[start:end])
        same = [f for f in findings if f.kind == kind and f.start < end and start < f.end]
        if same:
            score.hit += 1
            score.exact += any(f.start == start and f.end == end for f in same)
        else:
            key = miss_key(kind, item.text, start, end)
            score.misses[key] += 1
            score.miss_examples.setdefault(key, around(item.text, start, end))
    for finding in findings:
        _score_finding(item, finding, scores[finding.kind])


def _score_finding(item: LabelledText, finding: Any, score: KindScore) -> None:
    score.found += 1
    labelled = _overlaps(finding.start, finding.end, item.spans)
    if any(kind == finding.kind for kind, _, _ in labelled):
        score.true_positives += 1
        return
    if labelled:
        what = f"labelled {labelled[0][0]}"
    elif negatives := _overlaps(finding.start, finding.end, item.negatives):
        what = f"not:{negatives[0][0]}"
    else:
        what = "plain text"
    found = item.text[finding.start : finding.end]
    key = f"{what}  {found if finding.kind == 'person_name' else shape(found)}"
    score.false[what] += 1
    score.false_examples.setdefault(key, around(item.text, finding.start, finding.end))


def run_labelled(detectors: ModuleType, items: list[LabelledText]) -> tuple[dict[str, KindScore], float]:
    scores = {kind: KindScore() for kind in detectors.KINDS}
    seconds = 0.0
    for item in items:
        public = detectors.PublicContacts.from_config(PUBLIC_CONFIG, names=item.names)
        began = time.perf_counter()
        findings = detectors.detect(item.text, public=public)
        seconds += time.perf_counter() - began
        for finding in findings:
            scores.setdefault(finding.kind, KindScore())
        score_text(item, findings, scores)
    return scores, seconds


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def verdict(kind: str, score: KindScore) -> str:
    """MET or MISSED against the goals; recall has no goal for ``address`` and ``person_name``."""
    recall, precision = _ratio(score.hit, score.labelled), _ratio(score.true_positives, score.found)
    if score.labelled == 0 and score.found == 0:
        return "n/a"
    missed = []
    if kind not in UNSTRUCTURED and (recall is None or recall < RECALL_GOAL):
        missed.append("recall")
    if precision is not None and precision < PRECISION_GOAL:
        missed.append("precision")
    if missed:
        return f"MISSED ({', '.join(missed)})"
    if precision is None:
        return "nothing found"
    return "MET (precision)" if kind in UNSTRUCTURED else "MET"


def print_scores(scores: dict[str, KindScore]) -> None:
    print(
        "| kind | labelled | found | TP | recall | exact | covered | precision | goal | verdict |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|---|---|"
    )
    total = KindScore()
    for kind, s in scores.items():
        for name in ("labelled", "hit", "exact", "chars", "covered", "found", "true_positives"):
            setattr(total, name, getattr(total, name) + getattr(s, name))
        goal = f"P ≥ {PRECISION_GOAL}" if kind in UNSTRUCTURED else f"R ≥ {RECALL_GOAL}, P ≥ {PRECISION_GOAL}"
        print(_row(kind, s, goal, verdict(kind, s)))
    print(_row("**all**", total, "", ""))


def _row(kind: str, s: KindScore, goal: str, verdict_text: str) -> str:
    cells = (
        f"{s.labelled:,}",
        f"{s.found:,}",
        f"{s.true_positives:,}",
        _fmt(_ratio(s.hit, s.labelled)),
        _fmt(_ratio(s.exact, s.labelled)),
        _fmt(_ratio(s.covered, s.chars)),
        _fmt(_ratio(s.true_positives, s.found)),
    )
    return f"| {kind} | {' | '.join(cells)} | {goal} | {verdict_text} |"


def print_errors(scores: dict[str, KindScore], limit: int) -> None:
    for kind, s in scores.items():
        if s.misses:
            print(f"\nmisses, {kind}: {sum(s.misses.values())} in {len(s.misses)} shapes; top {limit}:")
            for key, count in s.misses.most_common(limit):
                print(f"  {count:5d}  {key:<28} {s.miss_examples[key]}")
        if s.false:
            print(f"\nfalse positives, {kind}: {dict(s.false.most_common())}; first {limit} shapes:")
            for key, example in list(s.false_examples.items())[:limit]:
                print(f"  {key:<40} {example}")


# --- real texts ---------------------------------------------------------------------------------


def week_titles() -> list[tuple[str, str]]:
    """(title, writer) of every row; the title column is found by its header name."""
    path = data_root() / WEEK
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        title = next(c for c in header if c.strip().lower() in ("title", "제목"))
        writer = next((c for c in header if c.strip().lower() in ("writer", "작성자")), None)
        return [(row[title], row[writer] if writer else "") for row in reader]


def official_contacts() -> dict[str, list[str]]:
    contacts = json.loads((data_root() / CHART).read_text(encoding="utf-8"))["official_contacts"]
    return {key: contacts[key] for key in ("email_domains", "phone_prefixes")}


def scan_real(detectors: ModuleType, texts: list[tuple[str, str, list[str]]], limit: int) -> float:
    """Print every finding's count per kind and the first examples; return the seconds in detect."""
    counts: Counter[str] = Counter()
    examples: defaultdict[str, list[str]] = defaultdict(list)
    config, seconds = official_contacts(), 0.0
    for label, text, names in texts:
        public = detectors.PublicContacts.from_config(config, names=names)
        began = time.perf_counter()
        findings = detectors.detect(text, public=public)
        seconds += time.perf_counter() - began
        for f in findings:
            counts[f.kind] += 1
            if len(examples[f.kind]) < limit:
                examples[f.kind].append(f"{label}: {around(text, f.start, f.end)}")
    print(f"findings: {sum(counts.values())} — {dict(counts.most_common()) or 'none'}")
    for kind, lines in examples.items():
        print(f"  {kind}:")
        for line in lines:
            print(f"    {line}")
    return seconds


def seed_texts() -> list[tuple[str, str, list[str]]]:
    folder = data_root() / SEED_DIR
    return [(p.name, p.read_text(encoding="utf-8"), []) for p in sorted(folder.glob("*.txt"))]


# --- main ---------------------------------------------------------------------------------------


def print_set(items: list[LabelledText]) -> None:
    chars = sum(len(item.text) for item in items)
    genres = Counter(item.genre for item in items)
    kinds = Counter(kind for item in items for kind, _, _ in item.spans)
    negatives = Counter(cat for item in items for cat, _, _ in item.negatives)
    print(f"labelled set: {len(items):,} texts, {chars:,} characters; genres {dict(genres)}")
    print(f"  labelled spans: {sum(kinds.values()):,} {dict(kinds.most_common())}")
    print(f"  negatives: {sum(negatives.values()):,} {dict(negatives.most_common())}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="labelled texts to generate")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--examples", type=int, default=6, help="examples shown per kind")
    parser.add_argument("--module", default="sotong.pipeline.detectors", help="the detectors to measure")
    args = parser.parse_args(argv)
    print(
        f"{dt.datetime.now().astimezone().isoformat(timespec='seconds')}  nproc={os.cpu_count()} "
        f"python={platform.python_version()} {platform.platform()}"
    )
    items = generate(args.n, args.seed)
    print_set(items)
    detectors = import_detectors(args.module)
    if detectors is None:
        print(f"\n{args.module} does not exist yet: figures pending.")
        return 2
    scores, seconds = run_labelled(detectors, items)
    chars = sum(len(item.text) for item in items)
    print(
        f"\n## labelled set (n={args.n}, seed={args.seed}); detect: {seconds:.2f} s, {chars / seconds:,.0f} chars/s\n"
    )
    print_scores(scores)
    print_errors(scores, args.examples)
    titles = [
        (f"title {i}", title, [writer] if writer else []) for i, (title, writer) in enumerate(week_titles())
    ]
    print(f"\n## {len(titles):,} real titles of {WEEK} (writer passed as a public name)")
    seconds = scan_real(detectors, titles, args.examples)
    print(f"throughput: {len(titles) / seconds:,.0f} titles/s ({seconds:.3f} s in detect)")
    print(f"\n## seed documents ({SEED_DIR}/*.txt), official_contacts of {CHART}, no names")
    scan_real(detectors, seed_texts(), args.examples)
    return 0


if __name__ == "__main__":
    sys.exit(main())
