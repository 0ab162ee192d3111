"""A stored page: status, headers and the body plain, gzipped and (when brotli is installed)
brotli-compressed, made once when stored so a hit never compresses."""

from __future__ import annotations

import gzip
import json
import struct
from dataclasses import dataclass, field

try:
    import brotli
except ImportError:  # optional: gzip alone is enough for every browser
    brotli = None

# Headers a stored page never keeps: they are per response or set again when served.
PER_RESPONSE_HEADERS = frozenset({"content-length", "content-encoding", "date", "x-request-id",
                                  "set-cookie", "transfer-encoding", "connection"})
COMPRESSIBLE_MIN_BYTES = 500
_LENGTH = struct.Struct("!I")


@dataclass
class StoredPage:
    version: str
    status: str  # "200 OK"
    headers: list[tuple[str, str]]
    bodies: dict[str, bytes] = field(default_factory=dict)  # encoding ("identity", ...) -> body
    # encoding -> (headers as sent, its ETag), made at the first hit of each encoding.
    variants: dict[str, tuple[list[tuple[str, str]], str]] = field(
        default_factory=dict, repr=False, compare=False)

    def variant(self, encoding: str) -> tuple[list[tuple[str, str]], str]:
        """The headers a hit in `encoding` sends (ETag of that encoding, Vary, Content-Encoding,
        Content-Length), and that ETag: made once, so a hit only copies a list."""
        made = self.variants.get(encoding)
        if made is None:
            headers, etag = [], ""
            for name, value in self.headers:
                if name.lower() == "etag":
                    etag = variant_etag(value, encoding)
                    value = etag
                headers.append((name, value))
            if len(self.bodies) > 1:
                merge_vary(headers, "Accept-Encoding")
            if encoding != "identity":
                headers.append(("Content-Encoding", encoding))
            headers.append(("Content-Length", str(len(self.bodies[encoding]))))
            made = self.variants[encoding] = (headers, etag)
        return made

    @property
    def size(self) -> int:
        return sum(len(body) for body in self.bodies.values()) + 64 * len(self.headers)

    def to_bytes(self) -> bytes:
        """For Redis: a JSON head, then the bodies. Never pickle (a shared store is input)."""
        encodings = list(self.bodies)
        head = json.dumps({
            "version": self.version, "status": self.status, "headers": self.headers,
            "bodies": [[name, len(self.bodies[name])] for name in encodings],
        }).encode()
        return _LENGTH.pack(len(head)) + head + b"".join(self.bodies[n] for n in encodings)

    @classmethod
    def from_bytes(cls, raw: bytes) -> StoredPage:
        (head_length,) = _LENGTH.unpack_from(raw)
        head = json.loads(raw[_LENGTH.size:_LENGTH.size + head_length])
        offset = _LENGTH.size + head_length
        bodies = {}
        for name, length in head["bodies"]:
            bodies[name] = raw[offset:offset + length]
            offset += length
        headers = [(str(name), str(value)) for name, value in head["headers"]]
        return cls(str(head["version"]), str(head["status"]), headers, bodies)


def variant_etag(etag: str, encoding: str) -> str:
    """The ETag of one encoding, as Flask-Compress names it: "tag" -> "tag:gzip"."""
    if encoding == "identity" or not etag.endswith('"'):
        return etag
    return f'{etag[:-1]}:{encoding}"'


def merge_vary(headers: list[tuple[str, str]], name: str) -> list[tuple[str, str]]:
    for index, (key, value) in enumerate(headers):
        if key.lower() == "vary":
            if name.lower() not in value.lower():
                headers[index] = (key, f"{value}, {name}")
            return headers
    headers.append(("Vary", name))
    return headers


def make_page(version: str, status: str, headers: list[tuple[str, str]], body: bytes,
              compressible: bool) -> StoredPage:
    kept = [(k, v) for k, v in headers if k.lower() not in PER_RESPONSE_HEADERS]
    bodies = {"identity": body}
    if compressible and len(body) >= COMPRESSIBLE_MIN_BYTES:
        bodies["gzip"] = gzip.compress(body, compresslevel=6, mtime=0)
        if brotli is not None:
            bodies["br"] = brotli.compress(body, quality=5)
    return StoredPage(version, status, kept, bodies)
