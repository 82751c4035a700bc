"""The messages the source marks for translation, read without GNU gettext: what ``makemessages``
would collect from Python (``gettext``, ``gettext_noop``, ``pgettext`` …) and from templates
(``{% translate %}``, ``{% blocktranslate %}``, turned into gettext calls by Django's own
``templatize``), so that a test can hold the catalogue to them on any machine."""

from __future__ import annotations

import ast
import io
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation.template import templatize

# name → (has a context, has a plural)
CALLS = {
    "gettext": (False, False), "gettext_lazy": (False, False), "gettext_noop": (False, False),
    "_": (False, False), "ngettext": (False, True), "ngettext_lazy": (False, True),
    "pgettext": (True, False), "pgettext_lazy": (True, False), "npgettext": (True, True),
    "npgettext_lazy": (True, True),
}  # fmt: skip


@dataclass(frozen=True)
class Message:
    context: str
    msgid: str
    plural: str = ""


def _message(name: str, strings: list[str]) -> Message | None:
    has_context, has_plural = CALLS[name]
    needed = 1 + has_context + has_plural
    if len(strings) < needed:
        return None  # a call on a variable: nothing to collect, as xgettext
    context = strings[0] if has_context else ""
    msgid = strings[int(has_context)]
    return Message(context, msgid, strings[needed - 1] if has_plural else "")


def python_messages(source: str) -> Iterator[Message]:
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if name in CALLS:
            strings = [
                arg.value for arg in node.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            ]
            message = _message(name, strings)
            if message is not None:
                yield message


def template_messages(source: str) -> Iterator[Message]:
    """``templatize`` blanks everything but the gettext calls; read those calls token by token."""
    tokens = list(tokenize.generate_tokens(io.StringIO(templatize(source)).readline))
    for index, token in enumerate(tokens):
        if token.type != tokenize.NAME or token.string not in CALLS or tokens[index + 1].string != "(":
            continue
        strings = []
        for argument in tokens[index + 2 :]:
            if argument.string == ")":
                break
            if argument.type == tokenize.STRING:
                strings.append(ast.literal_eval(argument.string))
        message = _message(token.string, strings)
        if message is not None:
            yield message


def source_files(root: Path) -> Iterator[Path]:
    """Shipped Python modules and templates; tests and migrations hold nothing a visitor reads."""
    for path in sorted(root.rglob("*")):
        parts = set(path.relative_to(root).parts)
        if "tests" in parts or "migrations" in parts or "__pycache__" in parts:
            continue
        if path.suffix == ".py" or (path.suffix == ".html" and "templates" in parts):
            yield path


def messages_in(root: Path) -> dict[Message, list[Path]]:
    """Every marked message under ``root``, with the files that use it."""
    found: dict[Message, list[Path]] = {}
    for path in source_files(root):
        text = path.read_text(encoding="utf-8")
        messages = python_messages(text) if path.suffix == ".py" else template_messages(text)
        for message in messages:
            found.setdefault(message, []).append(path)
    return found
