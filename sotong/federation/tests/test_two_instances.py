"""Two real Sotong instances on loopback: 마포구's own (id prefix ``mapo``), started as a subprocess
with its own data folder, and this test process as the city portal that harvests it."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from sotong.api import changes
from sotong.federation.models import Peer
from sotong.federation.services import peer_add, peer_harvest
from sotong.publication.models import PublishedRecord

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

RRN = "850412-2345678"  # the invented citizen's, in the 부분공개 document: masked by the district
CITIZEN = "한서윤"
APPROVAL = [
    {"role": "기안", "position": "주무관", "name": "김도윤"},
    {"role": "결재", "position": "주택과장", "name": "박지호"},
]
PARTIAL = {
    "file": "complaint-reply-partial.txt", "title": f"[민원회신] 공동주택 층간소음 및 누수 관련 민원 처리 결과 알림({CITIZEN})",
    "organization": "마포구", "department": "주택과", "registration_number": "주택과-2291", "source_id": "demo-0001",
    "approved_on": "2021-02-10", "kind": "결재문서", "disclosure": "부분공개", "grounds": [6],
    "reason": "민원인의 개인정보는 사생활의 비밀을 침해할 우려가 있음", "approval_line": APPROVAL,
}  # fmt: skip
WITHHELD = {
    "file": "internal-review-withheld.txt", "title": "○○역세권 청년주택 사업자 선정 평가 계획(내부 검토안)",
    "organization": "마포구", "department": "도시계획과", "registration_number": "도시계획과-1187",
    "source_id": "demo-0002", "approved_on": "2021-02-26", "kind": "결재문서", "disclosure": "비공개",
    "grounds": [5], "reason": "의사결정 과정에 있는 사항", "opens_on": "2099-12-31", "approval_line": APPROVAL,
}  # fmt: skip
# One process for the set-up commands (each `sotong` start costs seconds); the same commands as
# `sotong migrate`, `sotong import-organizations FILE`, `sotong ingest FOLDER`, `sotong token create`.
SETUP = """
import sys, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("import_organizations", sys.argv[1])
call_command("ingest", sys.argv[2], verbosity=0)
call_command("token", "create", "mapo-edms", "--organization", "마포구")
"""


@dataclass
class District:
    base_url: str
    token: str
    folder: Path
    process: subprocess.Popen
    log: Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read()


def _feed_ids(base_url: str) -> list[str]:
    try:
        return [i["id"] for i in json.loads(_get(f"{base_url}/api/v1/changes?limit=500")[1])["items"]]
    except OSError:
        return []


def _wait_until(condition, *, seconds: float, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if process.poll() is not None or time.monotonic() > deadline:
            pytest.fail(
                f"district instance did not serve (exit {process.poll()}):\n{log.read_text()[-3000:]}"
            )
        time.sleep(0.25)


@pytest.fixture
def district(tmp_path: Path, demo_data: Path):
    """마포구's instance, serving its two documents, one 부분공개 with a masked RRN, one 비공개."""
    folder = tmp_path / "mapo-documents"
    folder.mkdir()
    for name in ("complaint-reply-partial.txt", "internal-review-withheld.txt"):
        shutil.copy(demo_data / "demo-withheld" / name, folder / name)
    (folder / "metadata.json").write_text(json.dumps({"documents": [PARTIAL, WITHHELD]}, ensure_ascii=False))
    port = _free_port()
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}  # its own SQLite
    env |= {
        "DJANGO_SETTINGS_MODULE": "config.settings.base", "SOTONG_DATA_DIR": str(tmp_path / "mapo-data"),
        "SOTONG_INSTANCE_ID": "mapo", "PORT": str(port), "SOTONG_SEARCH_BACKEND": "tantivy",
    }  # fmt: skip
    setup = subprocess.run(
        [sys.executable, "-c", SETUP, str(demo_data / "seoul-organizations.json"), str(folder)],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert setup.returncode == 0, setup.stderr[-3000:]
    token = setup.stdout.strip().splitlines()[-1]
    log = tmp_path / "mapo-run.log"
    sotong = str(Path(sys.executable).with_name("sotong"))
    with log.open("w") as out:
        process = subprocess.Popen(
            [sotong, "run", "--no-demo"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        base_url = f"http://127.0.0.1:{port}"
        # Serving, and both documents past the feed's settle window.
        _wait_until(lambda: len(_feed_ids(base_url)) == 2, seconds=60, process=process, log=log)
        yield District(base_url=base_url, token=token, folder=folder, process=process, log=log)
    finally:
        _stop(process)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=15)


def _push(district: District, manifest: dict) -> dict:
    """Send a document to the district's push API, as its work-management system would."""
    boundary = uuid.uuid4().hex
    name = manifest["file"]
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="metadata"\r\n\r\n'
            f"{json.dumps(manifest, ensure_ascii=False)}\r\n"
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
            "Content-Type: text/plain\r\n\r\n"
        ).encode()
        + (district.folder / name).read_bytes()
        + f"\r\n--{boundary}--\r\n".encode()
    )
    request = urllib.request.Request(
        f"{district.base_url}/api/v1/intake/records", data=body, method="POST",
        headers={"Authorization": f"Bearer {district.token}", "Content-Type": f"multipart/form-data; boundary={boundary}"},
    )  # fmt: skip
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def test_the_city_shows_a_district_instance_and_survives_it_going_down(client, seoul, district):
    partial_id, withheld_id = _feed_ids(district.base_url)
    assert partial_id.startswith("mapo-") and withheld_id.startswith("mapo-")
    peer = peer_add(name="mapo", base_url=district.base_url, organization="마포구", actor="test")

    first = peer_harvest(peer=peer)
    assert (first.error, first.written, first.refused) == (None, 2, 0)

    # On the city portal, under the district's organization, with the district's public ids.
    partial = client.get(f"/api/v1/records/{partial_id}").json()
    assert (partial["organization"], partial["grade"], partial["origin"]) == ("마포구", "부분공개", "mapo")
    assert partial["origin_url"] == f"{district.base_url}/records/{partial_id}/"
    assert partial["url"] == f"http://testserver/records/{partial_id}/"
    file_url = partial["files"][0]["url"]
    assert file_url == f"{district.base_url}/records/{partial_id}/files/0/"
    status, pdf = _get(file_url)  # the link leads to the district's signed public PDF
    assert status == 200 and pdf.startswith(b"%PDF")
    page = client.get(f"/records/{partial_id}/")
    assert page.status_code == 200 and file_url in page.content.decode()
    withheld = client.get(f"/records/{withheld_id}/").content.decode()
    assert "비공개 사유" in withheld and "2099-12-31" in withheld
    hits = client.get("/api/v1/search", {"q": "층간소음", "organization": "마포구"}).json()
    assert [h["id"] for h in hits["results"]] == [partial_id]
    assert ["마포구", 2] in client.get("/api/v1/search").json()["facets"]["organization"]

    # What the district masked stays masked here.
    city_answers = [
        client.get(f"/api/v1/records/{partial_id}").content, page.content,
        client.get("/api/v1/search", {"q": "850412"}).content, client.get("/list/").content,
        json.dumps(list(PublishedRecord.objects.values()), default=str, ensure_ascii=False).encode(),
    ]  # fmt: skip
    for answer in city_answers:
        text = answer.decode()
        assert RRN not in text and "2345678" not in text and CITIZEN not in text

    # Nothing new: nothing fetched. A change on the district: updated on the next harvest.
    assert (peer_harvest(peer=peer).written, peer_harvest(peer=peer).unchanged) == (0, 0)
    assert (
        _push(district, {**WITHHELD, "title": "○○역세권 청년주택 사업자 선정 평가 계획(수정 검토안)"})[
            "outcome"
        ]
        == "updated"
    )
    time.sleep(changes.SETTLE.total_seconds() + 0.5)
    second = peer_harvest(peer=peer)
    assert (second.error, second.written) == (None, 1)
    assert PublishedRecord.objects.get(public_id=withheld_id).title.endswith("(수정 검토안)")

    # The district goes down: the error is recorded, nothing raised, nothing lost.
    _stop(district.process)
    down = peer_harvest(peer=peer)
    peer = Peer.objects.get(name="mapo")
    assert down.error.code == "peer_unreachable" and peer.last_error_code == "peer_unreachable"
    assert (
        peer.consecutive_failures == 1
        and peer.cursor
        and PublishedRecord.objects.filter(origin="mapo").count() == 2
    )
