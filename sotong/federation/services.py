"""Writes of federation: peers, and the harvest that brings their published records into ours.

The harvester is the publication layer's second writer (decision 0008). It writes only what a
peer itself published, after a strict check of every item (``items.py``) and a last look for
personal information with our own rules, under the peer's stable public id and with its origin.
A peer's failure is recorded on the peer and never raised: the next peer is harvested all the same.
"""

from __future__ import annotations

import functools
import logging
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import F

from sotong.audit.services import audit_record
from sotong.core import clock
from sotong.core.errors import Message
from sotong.federation import errors
from sotong.federation.client import Limits, changes_url, page_fetch
from sotong.federation.errors import FederationError
from sotong.federation.items import ChangesPage, HarvestedItem, page_read
from sotong.federation.models import Peer, Refusal
from sotong.organizations.selectors import organization_get_by_name
from sotong.pipeline.decisions import public_contacts, unmasked_kinds
from sotong.pipeline.detectors import PublicContacts
from sotong.publication.selectors import publication_get_many
from sotong.publication.services import PublicationData, publication_upsert_many
from sotong.rules.selectors import rules_current
from sotong.search.indexer import search_index_publications

log = logging.getLogger(__name__)

PEER_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,49}")
PAGE_SIZE = 100
MAX_PAGES_PER_RUN = 200  # an endless feed stops here; the rest comes next run


def peer_add(*, name: str, base_url: str, organization: str, actor: str) -> Peer:
    if not PEER_NAME.fullmatch(name):
        raise FederationError(errors.PEER_NAME_INVALID, field="name", name=name)
    parts = urlsplit(base_url)
    if (
        parts.scheme not in {"http", "https"} or not parts.hostname or parts.query or parts.fragment
        or "@" in parts.netloc or len(base_url) > 300
    ):  # fmt: skip
        raise FederationError(errors.PEER_URL_INVALID, field="base_url", url=base_url)
    organization = organization.strip()
    if not 1 <= len(organization) <= 100:
        raise FederationError(errors.PEER_ORGANIZATION_INVALID, field="organization")
    with transaction.atomic():
        if Peer.objects.filter(name=name).exists():
            raise FederationError(errors.PEER_NAME_TAKEN, field="name", name=name)
        peer = Peer.objects.create(name=name, base_url=base_url.rstrip("/"), organization=organization)
        audit_record(
            actor=actor, action="federation.peer_added", target_type="peer", target_id=name,
            data={"base_url": peer.base_url, "organization": organization},
        )  # fmt: skip
    return peer


@dataclass
class HarvestOutcome:
    peer: str
    pages: int = 0
    written: int = 0  # new or changed here
    unchanged: int = 0
    refused: int = 0
    stopped_early: bool = False  # the page or time cap came first; the rest comes next run
    error: FederationError | None = None


@dataclass(frozen=True)
class _Refused:
    public_id: str
    message: Message
    fields: dict[str, Any] = field(default_factory=dict)
    kinds: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Screen:
    """What the last look needs: the peer organization's officials' public contacts, when our chart
    knows the organization, and our own rules' confidence for automatic masking."""

    public: PublicContacts
    min_confidence: float


class _Superseded(Exception):
    """Another harvest of the same peer moved its cursor meanwhile: this one stops quietly."""


def _screen(peer: Peer) -> _Screen:
    organization = organization_get_by_name(name=peer.organization)
    public = public_contacts(organization) if organization is not None else PublicContacts()
    return _Screen(public=public, min_confidence=rules_current().min_confidence)


def _leaked_kinds(item: HarvestedItem, screen: _Screen) -> tuple[str, ...]:
    texts = [
        item.title,
        item.text,
        item.reason,
        item.no_opening_reason,
        item.task_card,
        item.category,
        item.region,
    ]
    texts += [file["name"] for file in item.files]
    kinds = {
        kind
        for text in texts
        if text
        for kind in unmasked_kinds(
            text, public=screen.public, cleared=(), min_confidence=screen.min_confidence
        )
    }
    return tuple(sorted(kinds))


def _refusal(
    item: HarvestedItem, *, peer: Peer, owners: dict[str, str], leaked: tuple[str, ...]
) -> _Refused | None:
    """Why we will not publish this item, or None. ``leaked``: what the last look found in it."""
    refused = functools.partial(_Refused, item.public_id)
    if item.origin:
        return refused(errors.REFUSED_RELAYED, {"origin": item.origin})
    if item.instance == settings.SOTONG_INSTANCE_ID:
        return refused(errors.REFUSED_OWN_PREFIX, {"instance": settings.SOTONG_INSTANCE_ID})
    if item.organization != peer.organization:
        return refused(
            errors.REFUSED_OTHER_ORGANIZATION, {"organization": peer.organization, "other": item.organization}
        )
    owner = owners.get(item.public_id)
    if owner is not None and owner != peer.name:  # "" is one of our own records
        return refused(errors.REFUSED_ID_TAKEN, {"owner": owner or settings.SOTONG_INSTANCE_ID})
    if leaked:
        return refused(errors.REFUSED_PERSONAL_INFORMATION, {"kinds": ", ".join(leaked)}, leaked)
    return None


def _screened(
    page: ChangesPage, *, peer: Peer, leaks: dict[str, tuple[str, ...]]
) -> tuple[list[HarvestedItem], list[_Refused]]:
    ids = [item.public_id for item in page.items]
    owners = {public_id: p.origin for public_id, p in publication_get_many(public_ids=ids).items()}
    accepted: list[HarvestedItem] = []
    refused: list[_Refused] = []
    for item in page.items:
        refusal = _refusal(item, peer=peer, owners=owners, leaked=leaks[item.public_id])
        if refusal is None:
            accepted.append(item)
        else:
            refused.append(refusal)
            log.warning("federation %s: refused %s (%s)", peer.name, item.public_id, refusal.message.code)
    return accepted, refused


def _publication(item: HarvestedItem, peer: Peer) -> PublicationData:
    """As the peer published it, under the organization the city knows the peer as."""
    return PublicationData(
        public_id=item.public_id, title=item.title, organization=peer.organization, listing=item.listing,
        registration_number=item.registration_number, department=item.department,
        department_path=item.department_path, info_type=item.info_type, produced_on=item.produced_on,
        retention_period=item.retention_period, task_card=item.task_card, grade=item.grade,
        grounds=item.grounds, reason=item.reason, opens_on=item.opens_on,
        no_opening_reason=item.no_opening_reason, original_url=item.original_url, licence=item.licence,
        approval_line=item.approval_line, body_text=item.text,
        origin=peer.name, origin_url=item.url, origin_files=item.files,
        category=item.category, region=item.region,
    )  # fmt: skip


def _refusals_record(peer: Peer, refused: Sequence[_Refused], accepted: Sequence[str]) -> None:
    now = clock.now()
    for refusal in refused:
        Refusal.objects.update_or_create(
            peer=peer, public_id=refusal.public_id,
            defaults={"code": refusal.message.code, "kinds": list(refusal.kinds), "refused_at": now},
        )  # fmt: skip
    Refusal.objects.filter(peer=peer, public_id__in=accepted).delete()


def _page_write(peer: Peer, page: ChangesPage, *, sent: str, screen: _Screen) -> tuple[int, int, int]:
    """Write one page and move the cursor past it, in one transaction: the cursor never gets ahead
    of what was committed. Returns (written, unchanged, refused)."""
    # The last look runs before the transaction: the detectors take time, and on SQLite the
    # transaction holds the write lock from its start.
    leaks = {item.public_id: _leaked_kinds(item, screen) for item in page.items}
    with transaction.atomic(durable=True):
        # Locked until commit (PostgreSQL; SQLite's writers take turns anyway): a second harvest of
        # the same peer (the scheduler and a command at once) finds the cursor moved and stops.
        if not list(Peer.objects.select_for_update().filter(pk=peer.pk, cursor=sent).values_list("pk")):
            raise _Superseded
        accepted, refused = _screened(page, peer=peer, leaks=leaks)
        changed = publication_upsert_many(items=[_publication(item, peer) for item in accepted])
        _refusals_record(peer, refused, [item.public_id for item in accepted])
        Peer.objects.filter(pk=peer.pk).update(cursor=page.next)
        if changed or refused:  # late in the transaction: the audit chain's head stays locked briefly
            audit_record(
                actor=f"federation:{peer.name}", action="federation.harvested", target_type="peer",
                target_id=peer.name,
                data={"written": changed, "refused": [[r.public_id, r.message.code] for r in refused]},
            )  # fmt: skip
        if changed:
            # robust: an index failure must not undo the harvest; `sotong rebuild-index` repairs it.
            transaction.on_commit(
                functools.partial(search_index_publications, public_ids=changed), robust=True
            )
    peer.cursor = page.next
    return len(changed), len(accepted) - len(changed), len(refused)


def _peer_status(peer: Peer, error: FederationError | None) -> None:
    now = clock.now()
    if error is None:
        Peer.objects.filter(pk=peer.pk).update(
            last_attempt_at=now, last_success_at=now, last_error_code="", last_error_ko="", last_error_en="",
            consecutive_failures=0,
        )  # fmt: skip
    else:
        Peer.objects.filter(pk=peer.pk).update(
            last_attempt_at=now, last_error_code=error.code, last_error_ko=error.message_ko,
            last_error_en=error.message_en, consecutive_failures=F("consecutive_failures") + 1,
        )  # fmt: skip
    peer.refresh_from_db()


def _pages(
    peer: Peer, outcome: HarvestOutcome, *, limits: Limits, page_size: int, max_pages: int,
    progress: Callable[[HarvestOutcome], object] | None,
) -> None:  # fmt: skip
    screen = _screen(peer)
    deadline = time.monotonic() + limits.total_seconds
    limit = page_size
    attempts = 0
    while True:
        if attempts >= max_pages or time.monotonic() >= deadline:
            outcome.stopped_early = True
            return
        attempts += 1
        sent = peer.cursor
        url = changes_url(peer.base_url, since=sent, limit=limit)
        try:
            page = page_read(
                page_fetch(url, deadline=deadline, limits=limits),
                sent=sent,
                limit=limit,
                base_url=peer.base_url,
            )
        except FederationError as error:
            if error.code == errors.PEER_TOO_LARGE.code and limit > 1:
                limit = max(1, limit // 10)  # fewer records a page; their text is large
                continue
            raise
        written, unchanged, refused = _page_write(peer, page, sent=sent, screen=screen)
        outcome.pages += 1
        outcome.written += written
        outcome.unchanged += unchanged
        outcome.refused += refused
        if progress is not None:
            progress(outcome)
        if not page.more:
            return


def peer_harvest(
    *, peer: Peer, limits: Limits | None = None, page_size: int = PAGE_SIZE,
    max_pages: int = MAX_PAGES_PER_RUN, progress: Callable[[HarvestOutcome], object] | None = None,
) -> HarvestOutcome:  # fmt: skip
    """Fetch and write the peer's changes since its cursor, page by page. Never raises: a failure
    is recorded on the peer (bilingual), and its cursor stays after the last committed page."""
    outcome = HarvestOutcome(peer=peer.name)
    try:
        _pages(
            peer,
            outcome,
            limits=limits or Limits(),
            page_size=page_size,
            max_pages=max_pages,
            progress=progress,
        )
    except _Superseded:
        outcome.stopped_early = True
        return outcome
    except FederationError as error:
        outcome.error = error
    except Exception as error:  # a bug or the database: recorded, and the next peer still runs
        log.exception("federation %s: harvest failed", peer.name)
        outcome.error = FederationError(errors.HARVEST_FAILED, reason=type(error).__name__)
    try:
        _peer_status(peer, outcome.error)
    except Exception:
        log.exception("federation %s: could not record the harvest's result", peer.name)
    return outcome


def peers_harvest(
    *, peers: Sequence[Peer], limits: Limits | None = None,
    progress: Callable[[HarvestOutcome], object] | None = None,
    started: Callable[[Peer], object] | None = None,
) -> list[HarvestOutcome]:  # fmt: skip
    """Harvest each peer in turn; one peer's failure does not stop the others."""
    outcomes = []
    for peer in peers:
        if started is not None:
            started(peer)
        outcomes.append(peer_harvest(peer=peer, limits=limits, progress=progress))
    return outcomes
