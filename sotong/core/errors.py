"""One typed error for bad input, with a Korean and an English message (STYLE 8, 11).

Messages are named constants so that tests can assert them and so that each one says how to fix
the problem. Korean comes first: the portal and the API are Korean-first.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    """A bilingual message template; ``format`` fills the same fields into both languages."""

    code: str
    ko: str
    en: str

    def format(self, **fields: object) -> tuple[str, str]:
        return self.ko.format(**fields), self.en.format(**fields)


class BilingualError(Exception):
    """Bad input or a failed conversion: recorded, quarantined, and the run goes on."""

    def __init__(self, message: Message, *, field: str | None = None, **fields: object) -> None:
        self.code = message.code
        self.field = field
        self.message_ko, self.message_en = message.format(field=field, **fields)
        super().__init__(f"{self.message_ko} / {self.message_en}")

    def as_dict(self) -> dict[str, str | None]:
        return {
            "code": self.code,
            "field": self.field,
            "message_ko": self.message_ko,
            "message_en": self.message_en,
        }
