"""Nothing that is not public leaks: canaries planted in every non-public place (``corpus.py``) are
found on no public surface, and positive controls planted in public fields are found on each.

Why both: a scan that finds nothing proves nothing unless the same scan, on the same surface, finds
what is meant to be there. So every reader used here — the crawl's readable texts of pages, API
answers and downloads (pdftotext and pypdf), the search index's stored fields and term dictionary,
the public store — must find the positive controls before its silence about the secrets counts.

Why the whole pipeline: the canaries go in through the drop folder and come out through the portal;
every stage between (extraction, detectors, the decision, public PDFs, publication, indexing) is the
real one, so a leak added to any of them fails here.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import json
import re
from collections.abc import Iterable
from urllib.parse import parse_qs, quote, urlsplit

import pypdf
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from sotong.pipeline.pdfs.previews import pdf_previews
from sotong.publication.models import PublishedFile, PublishedPage, PublishedRecord
from tests.leaks.conftest import Planted
from tests.leaks.corpus import (
    ANNEX,
    CATALOGUE_PUBLIC,
    CITIZEN,
    IN_FILES,
    METADATA,
    ORIGINALS_TO_VERIFY,
    PARTIAL,
    PII_IN_TXT,
    PII_TXT,
    PUBLIC,
    PUBLIC_IN,
    RECORDS,
    SECRETS,
    SHOWN,
    WITHHELD,
    WORK_PHONE,
)
from tests.leaks.search_index import index_texts, stored_documents
from tests.leaks.surfaces import (
    Fetched,
    crawl,
    fetch,
    links,
    ocr_texts,
    pdftotext_blind,
    pdftotext_run,
    pypdf_text,
    search_path,
    store_texts,
)

pytestmark = pytest.mark.django_db(transaction=True)

MADE_UP_ID = "nosuchrecord0000"
# Queries an attacker might try: markup, query syntax, wildcards, the canaries' common prefix.
HOSTILE_QUERIES = (
    '<script>alert("x")</script>', '" OR 1=1 --', "*", "?", "CNRY*", "cnry", "CNRY", "title:CNRY*",
    "body:*", "((((", "NOT 공개", "\\", "%", "a" * 300, "비공개", "***",
)  # fmt: skip
# Searches the old suite ran for the personal record: each must find nothing.
PERSONAL_QUERIES = ("900101", "1234568", "4821", CITIZEN, PII_IN_TXT.email.split("@")[0])


def _start(planted: Planted) -> list[str]:
    """Where the crawl starts. Record pages and downloads are NOT listed: the crawl must find them
    from the home page, the list and search results, as a citizen (or a scraper) would."""
    withheld, shown = planted.ids[WITHHELD], planted.ids[ANNEX]
    start = [
        "/", "/list/", "/search/", "/search/?q=", "/verify/", "/verify/certificate.pem",
        "/api/v1/openapi.json", "/api/v1/docs", "/api/v1/search", "/api/v1/search?q=",
        # Exports and feeds: none exists yet. One that appears at these places is crawled; one
        # elsewhere must be added here (every later public surface joins this crawl).
        "/sitemap.xml", "/robots.txt", "/feed/", "/feed/?organization=서울특별시", "/search/feed/", "/rss/", "/atom.xml", "/export/", "/list/?format=csv",
        "/api/v1/records", "/api/v1/export",
        # The changes feed other instances harvest (docs/federation.md): every record in one page.
        "/api/v1/changes?limit=500", "/api/v1/changes?since=%3Cb%3E",
        # Error pages.
        f"/records/{MADE_UP_ID}/", f"/records/{MADE_UP_ID}/files/0/", f"/api/v1/records/{MADE_UP_ID}",
        f"/records/{withheld}/files/0/", f"/records/{withheld}/files/1/", f"/records/{withheld}/files/0/pages/1.png",
        f"/records/{shown}/files/0/pages/999.png", f"/records/{shown}/files/0/pages/0.png", f"/records/{shown}/files/99/",
        "/search/?q=계획&page=abc", "/search/?q=계획&page=99999", "/api/v1/search?page=0", "/api/v1/search?page=abc",
        "/search/?q=계획&grade=%3Cb%3E", "/api/v1/search?q=계획&department=%3Cb%3E", "/no/such/page/",
        # What an anonymous visitor gets of the workbench: a login page, nothing of the record.
        "/workbench/", "/workbench/withheld/", f"/workbench/records/{withheld}/",
    ]  # fmt: skip
    start += [f"/api/v1/records/{public_id}" for public_id in planted.ids.values()]
    queries = [*SECRETS.values(), *PUBLIC.values(), *HOSTILE_QUERIES, *PERSONAL_QUERIES, "층간소음"]
    for query in dict.fromkeys(queries):
        start += [
            f"/search/?q={quote(query)}",
            f"/api/v1/search?q={quote(query)}",
            f"/search/feed/?q={quote(query)}",
        ]
    return start


ERROR_PAGES = {  # (url template, expected status); {withheld}, {shown} filled in
    f"/records/{MADE_UP_ID}/": 404,
    f"/api/v1/records/{MADE_UP_ID}": 404,
    "/records/{withheld}/files/0/": 404,
    "/records/{withheld}/files/0/pages/1.png": 404,
    "/records/{shown}/files/0/pages/999.png": 404,
    "/records/{shown}/files/99/": 404,
    "/no/such/page/": 404,
    "/search/?q=계획&page=abc": 400,
    "/api/v1/search?page=0": 400,
    "/api/v1/changes?since=%3Cb%3E": 400,
}


def _others(client: Client, planted: Planted) -> dict[str, Fetched]:
    """Requests a crawl does not make: HEAD, and POSTs to /verify/ with the originals (a citizen
    holding a leaked or guessed original must learn nothing from the answer but "unknown")."""
    withheld, shown = planted.ids[WITHHELD], planted.ids[ANNEX]
    answers = {
        f"HEAD {url}": fetch(client, url, method="HEAD")
        for url in (f"/records/{MADE_UP_ID}/", "/no/such/page/", f"/records/{withheld}/files/0/",
                    f"/records/{shown}/files/0/", f"/records/{withheld}/", f"/records/{shown}/files/0/pages/1.png")
    }  # fmt: skip
    for name in ORIGINALS_TO_VERIFY:
        upload = SimpleUploadedFile(name, (planted.folder / name).read_bytes())
        answer = fetch(client, "/verify/", method="POST", data={"copy": upload})
        assert answer.status == 200 and "확인할 수 없습니다" in answer.body.decode(), (name, answer.status)
        answers[f"POST /verify/ with the original {name}"] = answer
    answers["POST /verify/ with nothing"] = fetch(client, "/verify/", method="POST", data={})
    answers["POST /api/v1/intake/records without a token"] = fetch(
        client, "/api/v1/intake/records", method="POST", data={"metadata": "{}"}
    )
    return answers


def _query(url: str) -> str:
    return parse_qs(urlsplit(url).query).get("q", [""])[0].lower()


def _finds_nothing(url: str, fetched: Fetched) -> bool:
    """A search page (HTML or API) that found no document, or refused the query."""
    if fetched.status >= 400:
        return True
    if fetched.kind == "json":
        return json.loads(fetched.body)["total"] == 0
    if fetched.kind == "xml":  # a search's Atom feed: its title repeats the query, its entries are hits
        return b"<entry>" not in fetched.body
    body = fetched.body.decode()  # in either language: the empty list's own element, and no hit
    return 'class="no-results"' in body and 'class="hits"' in body and "<iframe" not in body


def _leaks(
    secrets: dict[str, str], texts: dict[str, str], pages: dict[str, Fetched] | None = None
) -> dict[str, list[str]]:
    """For each secret, every place it is readable. A search page showing its own query is no
    leak when it found nothing: the query is the visitor's own text."""
    found: dict[str, list[str]] = {}
    for name, secret in secrets.items():
        needle = secret.lower()
        for where, text in texts.items():
            if needle not in text:
                continue
            fetched = (pages or {}).get(where)
            if fetched is not None and search_path(where) and needle in _query(where):
                if _finds_nothing(where, fetched):
                    continue
                where = f"{where} (a search for it FOUND something)"
            found.setdefault(f"{name} {secret!r}", []).append(where)
    return found


def _report(found: dict[str, list[str]], *, shown: int = 4) -> str:
    """One line per leaked secret: how many places, and the first few (a leak shows on many pages)."""
    return "\n".join(
        f"{secret} readable in {len(places)} places, e.g. {', '.join(places[:shown])}"
        for secret, places in found.items()
    )


def _joined(texts: Iterable[str]) -> str:
    return "\n".join(texts).lower()


def test_no_secret_reaches_any_public_surface_and_every_positive_control_does(
    client: Client, planted: Planted, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The changes feed serves what was published a moment ago (no settle window).
    monkeypatch.setattr("sotong.api.changes.SETTLE", dt.timedelta(0))
    start = _start(planted)
    pages = dict(crawl(client, start))
    others = _others(client, planted)
    texts = {url: _joined(fetched.texts(url)) for url, fetched in pages.items()}
    texts |= {what: _joined(fetched.texts(what.split(" ", 2)[1])) for what, fetched in others.items()}
    index = {where: text.lower() for where, text in index_texts().items()}
    store = {
        f"public store file {path}": _joined(found)
        for path, found in store_texts(settings.SOTONG_PUBLIC_DIR).items()
    }

    # --- no server error anywhere, and the crawl is broad enough -------------------------------
    assert not [url for url, f in pages.items() if f.status >= 500], "server errors"
    ids = planted.ids
    missing = [f"/records/{i}/ ({n})" for n, i in ids.items() if f"/records/{i}/" not in pages]
    assert not missing, f"the crawl did not reach these record pages: {missing}"
    assert not {f"/records/{i}/" for i in ids.values()} & set(start), "record pages must be found, not given"
    downloads = {
        u: f for u, f in pages.items() if re.fullmatch(r"/records/[^/]+/files/\d+/", u) and f.status == 200
    }
    previews = {u: f for u, f in pages.items() if u.endswith(".png") and f.status == 200}
    assert all(f.kind == "pdf" for f in downloads.values()), "every download is a PDF"
    assert all(f.kind == "png" for f in previews.values()), "every preview is a PNG"
    for number in SHOWN:
        prefix = f"/records/{ids[number]}/files/"
        assert any(u.startswith(prefix) for u in downloads), f"no download of {number} was crawled"
        assert any(u.startswith(prefix) for u in previews), f"no preview of {number} was crawled"
    assert len(downloads) == PublishedFile.objects.count(), "every published file was downloaded"
    assert len(previews) == PublishedPage.objects.count(), "every preview was fetched"
    for url in ("/", "/list/", "/verify/", "/api/v1/openapi.json", "/api/v1/search"):
        assert pages[url].status == 200, url
    for public_id in ids.values():
        assert pages[f"/api/v1/records/{public_id}"].status == 200
    feed = json.loads(pages["/api/v1/changes?limit=500"].body)
    assert {item["id"] for item in feed["items"]} == set(ids.values()), "the changes feed lists every record"
    for template, status in ERROR_PAGES.items():
        url = template.format(withheld=ids[WITHHELD], shown=ids[ANNEX])
        assert pages[url].status == status, (url, pages[url].status)
    assert len(pages) > 200, len(pages)

    # --- the secrets: on no page, in no API answer or download, nowhere in the index or store ----
    leaked = {
        f"{secret} [{surface}]": places
        for surface, found in (
            ("pages, API, downloads", _leaks(SECRETS, texts, pages)),
            ("search index", _leaks(SECRETS, index)),
            ("public store", _leaks(SECRETS, store)),
        )
        for secret, places in found.items()
    }
    assert not leaked, "SECRETS LEAKED:\n" + _report(leaked)
    for query in (*(s for s in SECRETS.values()), *PERSONAL_QUERIES):
        for url in (f"/search/?q={quote(query)}", f"/api/v1/search?q={quote(query)}"):
            assert _finds_nothing(url, pages[url]), f"a search for {query!r} found something: {url}"
    assert len(stored_documents()) == PublishedRecord.objects.count() == len(RECORDS), (
        "every record is indexed"
    )

    # --- the positive controls: each reader finds each -------------------------------------------
    not_found = []
    for name, control in PUBLIC.items():
        needle, public_id = control.lower(), ids[PUBLIC_IN[name]]
        places = {
            "its record page": texts[f"/records/{public_id}/"],
            "its API record": texts[f"/api/v1/records/{public_id}"],
            "its search API answer": texts[f"/api/v1/search?q={quote(control)}"],
            "the index's stored fields": _joined(t for w, t in index.items() if w.startswith("stored")),
            "the index's term dictionary": _joined(t for w, t in index.items() if w.startswith("term")),
        }
        if name in IN_FILES:
            places["its downloads"] = _joined(
                texts[u] for u in downloads if u.startswith(f"/records/{public_id}/")
            )
            places["the public store"] = _joined(store.values())
        not_found += [
            f"{name} {control!r} not in {place}" for place, text in places.items() if needle not in text
        ]
        hits = json.loads(pages[f"/api/v1/search?q={quote(control)}"].body)["results"]
        if [hit["id"] for hit in hits] != [public_id]:
            not_found.append(
                f"a search for {name} {control!r} gave {[hit['id'] for hit in hits]}, not {public_id}"
            )
        if f'href="/records/{public_id}/"' not in pages[f"/search/?q={quote(control)}"].body.decode():
            not_found.append(f"the search page for {name} {control!r} does not list {public_id}")
    for name, (control, prefix) in CATALOGUE_PUBLIC.items():
        if not any(control.lower() in text for url, text in texts.items() if url.startswith(prefix)):
            not_found.append(f"{name} {control!r} on no page under {prefix}")
    assert not not_found, "POSITIVE CONTROLS NOT FOUND (a silent reader proves nothing):\n" + "\n".join(
        not_found
    )

    # --- what the records say, as the old suite checked ------------------------------------------
    withheld = pages[f"/records/{ids[WITHHELD]}/"].body.decode()
    assert (
        "비공개" in withheld
        and "제5호" in withheld
        and "2031-03-19" in withheld
        and "정보공개청구" in withheld
    )
    withheld_api = json.loads(pages[f"/api/v1/records/{ids[WITHHELD]}"].body)
    assert withheld_api["text"] == "" and withheld_api["files"] == [] and withheld_api["approval_line"] == []
    annex = json.loads(pages[f"/api/v1/records/{ids[ANNEX]}"].body)
    assert annex["grade"] == "공개" and len(annex["files"]) == 1, "the 비공개 attachment is not a download"
    partial = json.loads(pages[f"/api/v1/records/{ids[PARTIAL]}"].body)
    assert (
        partial["grade"] == "부분공개"
        and len(partial["files"]) == 2
        and "세부 일정은 추후 공개한다" in partial["text"]
    )
    personal = json.loads(pages[f"/api/v1/records/{ids[PII_TXT]}"].body)
    assert personal["grade"] == "부분공개" and "처리 결과를 알려드립니다" in personal["text"]
    assert WORK_PHONE in personal["text"], "an official's work phone stays public"
    assert json.loads(pages[f"/api/v1/search?q={quote('층간소음')}"].body)["total"] == 1, (
        "the rest is searchable"
    )


def _download(client: Client, url: str) -> bytes:
    fetched = fetch(client, urlsplit(url).path)
    assert fetched.status == 200 and fetched.kind == "pdf", url
    return fetched.body


def test_public_pdfs_hold_no_original_metadata_previews_show_only_them_and_they_verify(
    client: Client, planted: Planted
) -> None:
    """Each download is the public PDF: its own metadata only, none of the original's (Info, XMP,
    notes, embedded files); its previews are exactly its pages rendered, so they show nothing the
    checked PDF does not; /verify/ calls it genuine, and altered after one byte changed."""
    metadata = {canary.lower(): name for name, canary in METADATA.items()}
    problems: list[str] = []
    images: list[tuple[str, bytes]] = []  # (where, preview) for Tesseract, read together below
    checked = 0
    for number in SHOWN:
        public_id = planted.ids[number]
        record = json.loads(fetch(client, f"/api/v1/records/{public_id}").body)
        page_url = f"/records/{public_id}/"
        record_page = fetch(client, page_url)
        preview_urls = [u for u in links(page_url, record_page) if u.endswith(".png")]
        for order, file in enumerate(record["files"]):
            content = _download(client, file["url"])
            where = f"{number} file {file['name']}"
            reader = pypdf.PdfReader(io.BytesIO(content))
            info = _joined(f"{key} {value}" for key, value in (reader.metadata or {}).items())
            root = reader.root_object
            xmp = (
                root["/Metadata"].get_object().get_data().decode("utf-8", "replace").lower()
                if "/Metadata" in root
                else ""
            )
            problems += [f"{name} in the Info of {where}" for c, name in metadata.items() if c in info]
            problems += [f"{name} in the XMP of {where}" for c, name in metadata.items() if c in xmp]
            if reader.attachments:
                problems.append(f"{where} has embedded files {list(reader.attachments)}")
            notes = [a.get_object().get("/Subtype") for p in reader.pages for a in (p.get("/Annots") or [])]
            if "/Text" in notes or "/FileAttachment" in notes:
                problems.append(f"{where} kept the original's annotations {notes}")
            # Previews: exactly the public PDF's pages rendered.
            rendered = list(pdf_previews(content))
            served = [fetch(client, u).body for u in preview_urls if f"/files/{order}/pages/" in u]
            # Tesseract misreads random letters at the previews' 96 dpi; the previews are proven to be
            # these pages rendered, so it reads the same pages drawn at 200 dpi instead.
            sharp = pdf_previews(content, dpi=200)
            images += [
                (f"page {n} of {where} (its preview, at 200 dpi)", png) for n, png in enumerate(sharp, 1)
            ]
            if not served or served != rendered:
                problems.append(
                    f"the previews of {where} ({len(served)}) are not its pages rendered ({len(rendered)})"
                )
            # Positive controls: pdftotext and pypdf each read the public text.
            extracted = {"pypdf": pypdf_text(content)}
            run = pdftotext_run(content)
            if run is not None and not pdftotext_blind(run[1]):
                extracted["pdftotext"] = run[0]
            for name in IN_FILES:
                if PUBLIC_IN[name] == number and not order:
                    problems += [
                        f"{name} not extracted by {tool} from {where}"
                        for tool, text in extracted.items()
                        if PUBLIC[name] not in text
                    ]
            # Verification: genuine as downloaded, altered after one byte.
            genuine = fetch(
                client, "/verify/", method="POST", data={"copy": SimpleUploadedFile("copy.pdf", content)}
            )
            if "진본입니다" not in genuine.body.decode() or public_id not in genuine.body.decode():
                problems.append(f"/verify/ did not call the download of {where} genuine")
            altered = bytearray(content)
            altered[len(altered) // 3] ^= 0x01
            answer = fetch(
                client,
                "/verify/",
                method="POST",
                data={"copy": SimpleUploadedFile("copy.pdf", bytes(altered))},
            )
            if "변조" not in answer.body.decode() or "진본입니다" in answer.body.decode():
                problems.append(f"/verify/ did not call an altered copy of {where} altered")
            checked += 1
    assert checked == PublishedFile.objects.count() >= len(SHOWN)
    # The pixels: equal to the PDF's pages, so they show what the PDF draws — and a flattened page
    # is an image, whose text no extractor reads. Tesseract reads it; it must find no secret, and
    # (its positive control) most of the public canaries drawn in the previews.
    read = ocr_texts([png for _, png in images])
    if read is not None:
        squeezed = {
            where: re.sub(r"\s", "", text).lower() for (where, _), text in zip(images, read, strict=True)
        }
        for name, secret in SECRETS.items():
            needle = re.sub(r"\s", "", secret).lower()
            problems += [
                f"OCR read {name} {secret!r} in {where}" for where, text in squeezed.items() if needle in text
            ]
        seen = [
            name for name in IN_FILES if any(_read_nearly(PUBLIC[name].lower(), t) for t in squeezed.values())
        ]
        if len(seen) < len(IN_FILES) - 2:
            problems.append(f"OCR read only {seen} of the public canaries in the previews: it proves nothing")
    assert not problems, "\n".join(problems)


def _read_nearly(needle: str, text: str, *, at_least: float = 0.85) -> bool:
    """Whether OCR read ``needle`` in ``text``, allowing a misread letter or two: the canaries are
    random letters (no word to guess from), and Tesseract takes an I for an l or an O for a 0 now and
    then. For the positive control only — it proves the reader sees the previews' text; the secrets
    are still looked for exactly."""
    if needle in text:
        return True
    width = len(needle)
    matcher = difflib.SequenceMatcher(a=needle, autojunk=False)
    for start in range(max(1, len(text) - width + 1)):
        matcher.set_seq2(text[start : start + width])
        if matcher.real_quick_ratio() >= at_least and matcher.ratio() >= at_least:
            return True
    return False


def test_english_pages_and_a_project_of_every_planted_record_leak_nothing(planted: Planted) -> None:
    """The same crawl in English (translations must never add data), plus a published project that
    lists every planted record — the withheld one too — on its timeline."""
    from sotong.projects.models import Project, ProjectRecord

    project = Project.objects.create(
        slug="leak-project",
        name="청년주택 공급 사업",
        kind="policy",
        organization="서울특별시",
        published=True,
    )
    ProjectRecord.objects.bulk_create(
        [ProjectRecord(project=project, public_id=i) for i in planted.ids.values()]
    )
    english = Client(HTTP_ACCEPT_LANGUAGE="en")
    pages = dict(crawl(english, [*_start(planted), "/projects/", "/projects/leak-project/", "/browse/"]))
    assert 'lang="en"' in pages["/"].body.decode(), "the crawl must see the English pages"
    project_page = pages["/projects/leak-project/"].body.decode()
    assert all(f"/records/{public_id}/" in project_page for public_id in planted.ids.values())
    texts = {url: _joined(fetched.texts(url)) for url, fetched in pages.items()}
    leaked = _leaks(SECRETS, texts, pages)
    assert not leaked, "SECRETS LEAKED (English pages, project page):\n" + _report(leaked)
