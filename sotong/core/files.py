"""Content-addressed file stores on local disk (a shared volume when scaled out).

The originals store is restricted: only intake writes it and only the pipeline reads it. The public
store (later) holds only published artifacts. Same class, different folders.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, BinaryIO

CHUNK = 1024 * 1024


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size: int


class FileStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, source: BinaryIO | IO[bytes], *, max_bytes: int | None = None) -> StoredFile:
        """Copy ``source`` in, hashing as it goes; identical content is stored once.

        Raises ``ValueError`` when ``max_bytes`` is exceeded; nothing is left behind.
        """
        self.root.mkdir(parents=True, exist_ok=True)
        digest, size = hashlib.sha256(), 0
        handle, temp_name = tempfile.mkstemp(dir=self.root, prefix=".incoming-")
        try:
            with os.fdopen(handle, "wb") as out:
                while chunk := source.read(CHUNK):
                    size += len(chunk)
                    if max_bytes is not None and size > max_bytes:
                        raise ValueError(f"file larger than {max_bytes} bytes")
                    digest.update(chunk)
                    out.write(chunk)
            target = self.path(digest.hexdigest())
            target.parent.mkdir(parents=True, exist_ok=True)
            Path(temp_name).replace(target)
        except BaseException:
            Path(temp_name).unlink(missing_ok=True)
            raise
        return StoredFile(sha256=digest.hexdigest(), size=size)
