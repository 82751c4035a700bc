"""Officers see peers and their last harvest here, and may switch a peer off or on."""

from __future__ import annotations

from django.contrib import admin

from sotong.federation.models import Peer, Refusal


@admin.register(Peer)
class PeerAdmin(admin.ModelAdmin):
    list_display = ("name", "organization", "base_url", "enabled", "last_success_at", "consecutive_failures")
    list_filter = ("enabled",)
    # The cursor and the status are the harvester's: edited by hand they would skip or repeat records.
    readonly_fields = (
        "cursor", "last_attempt_at", "last_success_at", "last_error_code", "last_error_ko", "last_error_en",
        "consecutive_failures", "created_at",
    )  # fmt: skip


@admin.register(Refusal)
class RefusalAdmin(admin.ModelAdmin):
    list_display = ("peer", "public_id", "code", "kinds", "refused_at")
    list_filter = ("peer", "code")
    readonly_fields = ("peer", "public_id", "code", "kinds", "refused_at")
