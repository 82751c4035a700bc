"""What is *not* personal for an organization: its officials' work contacts and approvers' names.

Under 정책실명제 an official's name, office phone and office e-mail are printed on purpose, so
masking them would hide what the law wants shown. Phones are compared on digits only, so
``02)2133-1234``, ``0221331234`` and ``+82-2-2133-1234`` all fall under the prefix ``02-2133-``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

_NON_DIGITS = re.compile(r"\D")


def phone_digits(phone: str) -> str:
    """The national digits of a phone number: ``+82 2 …`` becomes ``02…``."""
    stripped = phone.strip()
    digits = _NON_DIGITS.sub("", stripped)
    if stripped.startswith("+82"):
        digits = digits[2:]
        # "+82 (0)2 …" already carries the trunk zero.
        return digits if digits.startswith("0") else "0" + digits
    return digits


@dataclass(frozen=True)
class PublicContacts:
    """What is NOT personal for this organization: officials' work contacts (정책실명제) and approval-line names."""

    email_domains: tuple[str, ...] = ()
    phone_prefixes: tuple[str, ...] = ()
    names: frozenset[str] = frozenset()

    @classmethod
    def from_config(cls, config: Mapping[str, Any], names: Iterable[str] = ()) -> PublicContacts:
        """Read the ``official_contacts`` shape of seoul-organizations.json; other keys are ignored."""
        return cls(
            email_domains=tuple(
                str(domain).lower().strip(".@ ") for domain in config.get("email_domains", ())
            ),
            phone_prefixes=tuple(str(prefix) for prefix in config.get("phone_prefixes", ())),
            names=frozenset(name.strip() for name in names if name.strip()),
        )

    def merged(self, other: PublicContacts) -> PublicContacts:
        return PublicContacts(
            email_domains=_unique(self.email_domains + other.email_domains),
            phone_prefixes=_unique(self.phone_prefixes + other.phone_prefixes),
            names=self.names | other.names,
        )

    def is_public_phone(self, phone: str) -> bool:
        digits = phone_digits(phone)
        return any(digits.startswith(prefix) for prefix in self._prefix_digits if prefix)

    def is_public_email(self, email: str) -> bool:
        domain = email.rpartition("@")[2].lower()
        return any(domain == public or domain.endswith("." + public) for public in self.email_domains)

    @cached_property
    def _prefix_digits(self) -> tuple[str, ...]:
        return tuple(phone_digits(prefix) for prefix in self.phone_prefixes)


def _unique(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))
