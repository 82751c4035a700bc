"""``sotong federation add NAME URL --organization ORG`` · ``list`` · ``harvest [NAME]``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from sotong.federation.errors import FederationError
from sotong.federation.selectors import peer_get, peer_list, peer_summaries
from sotong.federation.services import HarvestOutcome, peer_add, peers_harvest
from sotong.organizations.selectors import organization_get_by_name

ACTOR = "command:federation"


class Command(BaseCommand):
    help = "연계 기관(자치구·투자출연기관의 소통) 수집 / harvest district and institution instances"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="add a peer: another Sotong instance to harvest")
        add.add_argument("name", help="our name for it, e.g. mapo (lower-case letters, digits, hyphens)")
        add.add_argument("url", help="its public address, e.g. https://open.mapo.go.kr")
        add.add_argument("--organization", required=True, help="the organization its records appear under")
        sub.add_parser("list", help="list peers and how their last harvest went")
        harvest = sub.add_parser("harvest", help="harvest every enabled peer, or the one named")
        harvest.add_argument("name", nargs="?")
        harvest.add_argument("--quiet", action="store_true", help="print nothing (the scheduler's runs)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            {"add": self._add, "list": self._list, "harvest": self._harvest}[options["action"]](options)
        except FederationError as error:
            raise CommandError(f"{error.message_ko}\n{error.message_en}") from error

    def _add(self, options: dict[str, Any]) -> None:
        with transaction.atomic(durable=True):
            peer = peer_add(
                name=options["name"],
                base_url=options["url"],
                organization=options["organization"],
                actor=ACTOR,
            )
        self.stdout.write(
            f"연계 기관을 추가했습니다 / peer added: {peer.name} {peer.base_url} ({peer.organization})"
        )
        if organization_get_by_name(name=peer.organization) is None:
            self.stdout.write(
                f"  조직도에 '{peer.organization}'이(가) 없어 공무원 연락처 예외 없이 개인정보를 검사합니다 / "
                "not in the organization chart: its officials' contacts count as personal in the last look"
            )

    def _list(self, options: dict[str, Any]) -> None:
        summaries = peer_summaries()
        if not summaries:
            self.stdout.write(
                "연계 기관이 없습니다 / no peers (sotong federation add NAME URL --organization ORG)"
            )
        for s in summaries:
            p = s.peer
            state = "사용 / enabled" if p.enabled else "중지 / disabled"
            success = p.last_success_at.isoformat(timespec="seconds") if p.last_success_at else "-"
            self.stdout.write(f"{p.name}  {p.organization}  {p.base_url}  [{state}]")
            self.stdout.write(
                f"  문서 {s.records}건, 거부 {s.refused}건, 마지막 성공 {success}, 연속 실패 {p.consecutive_failures}회 / "
                f"records {s.records}, refused {s.refused}, last success {success}, failures in a row {p.consecutive_failures}"
            )
            if p.last_error_code:
                self.stdout.write(self.style.ERROR(f"  ✗ [{p.last_error_code}] {p.last_error_ko}"))
                self.stdout.write(f"    {p.last_error_en}")

    def _harvest(self, options: dict[str, Any]) -> None:
        peers = [peer_get(name=options["name"])] if options["name"] else list(peer_list(enabled_only=True))
        quiet = options["quiet"]
        if not peers and not quiet:
            self.stdout.write("수집할 연계 기관이 없습니다 / no enabled peers to harvest")
        say = (lambda _text: None) if quiet else self.stdout.write
        outcomes = peers_harvest(
            peers=peers,
            started=lambda peer: say(
                f"{peer.name} ({peer.organization}) 수집 중 / harvesting {peer.base_url}"
            ),
            progress=lambda o: say(
                f"  {o.pages}쪽: 새로 씀·갱신 {o.written}, 변경 없음 {o.unchanged}, 거부 {o.refused} / "
                f"page {o.pages}: written {o.written}, unchanged {o.unchanged}, refused {o.refused}"
            ),
        )
        if not quiet:
            for outcome in outcomes:
                self._report(outcome)

    def _report(self, o: HarvestOutcome) -> None:
        if o.error is not None:
            self.stdout.write(self.style.ERROR(f"  ✗ {o.peer}: [{o.error.code}] {o.error.message_ko}"))
            self.stdout.write(f"    {o.error.message_en}")
            return
        rest = " — 나머지는 다음 수집 때 / the rest next run" if o.stopped_early else ""
        self.stdout.write(
            f"  ✓ {o.peer}: 새로 씀·갱신 {o.written}건, 변경 없음 {o.unchanged}건, 거부 {o.refused}건 / "
            f"written {o.written}, unchanged {o.unchanged}, refused {o.refused}{rest}"
        )
