"""Reads of federation: peers, what we hold of each, and what we refused."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from sotong.federation.errors import PEER_UNKNOWN, FederationError
from sotong.federation.models import Peer, Refusal
from sotong.publication.selectors import publication_list


def peer_list(*, enabled_only: bool = False) -> QuerySet[Peer]:
    peers = Peer.objects.all()
    return peers.filter(enabled=True) if enabled_only else peers


def peer_get(*, name: str) -> Peer:
    peer = Peer.objects.filter(name=name).first()
    if peer is None:
        raise FederationError(PEER_UNKNOWN, field="name", name=name)
    return peer


@dataclass(frozen=True)
class PeerSummary:
    peer: Peer
    records: int  # published here with this peer as their origin
    refused: int


def peer_summaries() -> list[PeerSummary]:
    peers = list(Peer.objects.all())
    held = dict(
        publication_list()
        .order_by()  # no ordering columns in the GROUP BY
        .filter(origin__in=[p.name for p in peers])
        .values_list("origin")
        .annotate(n=Count("id"))
        .values_list("origin", "n")
    )
    refused = dict(
        Refusal.objects.order_by().values_list("peer_id").annotate(n=Count("id")).values_list("peer_id", "n")
    )
    return [PeerSummary(peer=p, records=held.get(p.name, 0), refused=refused.get(p.pk, 0)) for p in peers]


def refusal_list(*, peer: Peer) -> QuerySet[Refusal]:
    return Refusal.objects.filter(peer=peer)
