"""Encryption of personal data at rest, and the blind index for exact look-ups (no Flask here).

Values are sealed with AES-256-GCM (an AEAD: a changed byte fails to open instead of giving
wrong data). A sealed value is text, ``<key id>$<base64url(nonce + ciphertext + tag)>``, so
every value names the key that sealed it and keys can be rotated one value at a time. The
column's purpose (e.g. "enrollment_worker.nik") is authenticated with the value: a ciphertext
copied into another column does not open there.

The blind index is HMAC-SHA256 with a separate key: the same NIK always gives the same index,
so the database can enforce "one open request per NIK" and find a NIK exactly, without the
NIK itself being stored; without the key the index cannot be turned back into a NIK, even by
trying every possible NIK.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import re
import secrets
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_BYTES = 32  # AES-256
NONCE_BYTES = 12  # GCM's standard nonce; random, so one key seals far fewer than 2**32 values
SEPARATOR = "$"
KEY_ID = re.compile(r"^[A-Za-z0-9_-]{1,16}$")


class KeyConfigError(Exception):
    """The key configuration is missing or malformed (the message says what to set)."""


class CannotOpen(Exception):
    """A sealed value names an unknown key, or was changed (authentication failed)."""


def _decode_key(text: str, name: str) -> bytes:
    try:
        key = base64.urlsafe_b64decode(text.strip() + "=" * (-len(text.strip()) % 4))
    except (binascii.Error, ValueError):
        raise KeyConfigError(f"{name}: the key is not base64") from None
    if len(key) != KEY_BYTES:
        raise KeyConfigError(f"{name}: a key must be {KEY_BYTES} random bytes in base64 "
                        f"({len(key)} given)")
    return key


def new_key() -> str:
    """A fresh random key in the form the configuration takes (base64url, no padding)."""
    return base64.urlsafe_b64encode(secrets.token_bytes(KEY_BYTES)).decode().rstrip("=")


def new_key_id() -> str:
    return "k" + secrets.token_hex(3)


@dataclass(frozen=True)
class KeyRing:
    """Data keys by id (the first one seals, all of them open) and the blind-index key."""

    keys: tuple[tuple[str, bytes], ...]
    index_key: bytes

    @classmethod
    def parse(cls, data_keys: str, index_key: str) -> KeyRing:
        """``data_keys`` as "kid:base64key,kid2:base64key" (current first); ``index_key`` as
        base64. Raises KeyConfigError with a message naming the problem (never a key)."""
        found: list[tuple[str, bytes]] = []
        for part in (data_keys or "").split(","):
            if not part.strip():
                continue
            kid, sep, text = part.strip().partition(":")
            if not sep or not KEY_ID.match(kid):
                raise KeyConfigError("DATA_KEYS: write each key as id:base64key, the id of "
                                     "letters, digits, - or _ (at most 16)")
            if any(kid == known for known, _key in found):
                raise KeyConfigError(f"DATA_KEYS: the key id {kid} is given twice")
            found.append((kid, _decode_key(text, f"DATA_KEYS ({kid})")))
        if not found:
            raise KeyConfigError("DATA_KEYS is empty")
        if not index_key:
            raise KeyConfigError("INDEX_KEY is empty")
        index = _decode_key(index_key, "INDEX_KEY")
        if any(index == key for _kid, key in found):
            raise KeyConfigError("INDEX_KEY must differ from every data key")
        return cls(tuple(found), index)

    @property
    def current_id(self) -> str:
        return self.keys[0][0]

    def key(self, kid: str) -> bytes | None:
        for known, key in self.keys:
            if known == kid:
                return key
        return None

    def seal(self, plaintext: str, purpose: str) -> str:
        kid, key = self.keys[0]
        nonce = os.urandom(NONCE_BYTES)
        sealed = AESGCM(key).encrypt(nonce, plaintext.encode(), purpose.encode())
        return kid + SEPARATOR + base64.urlsafe_b64encode(nonce + sealed).decode().rstrip("=")

    def open(self, token: str, purpose: str) -> str:
        kid, sep, body = token.partition(SEPARATOR)
        key = self.key(kid) if sep else None
        if key is None:
            raise CannotOpen(f"value sealed with an unknown key id {kid[:16]!r}")
        try:
            raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
            plain = AESGCM(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], purpose.encode())
        except (InvalidTag, ValueError, binascii.Error):
            raise CannotOpen(f"value under key {kid} does not open for {purpose}") from None
        return plain.decode()

    def is_current(self, token: str) -> bool:
        return token.startswith(self.current_id + SEPARATOR)

    def blind_index(self, value: str, purpose: str) -> str:
        """The look-up index of an exact value (64 hex characters)."""
        message = purpose.encode() + b"\x00" + value.encode()
        return hmac.new(self.index_key, message, hashlib.sha256).hexdigest()


def looks_sealed(value: str) -> bool:
    """Whether stored text has the sealed form (for the conversion of older rows)."""
    kid, sep, body = value.partition(SEPARATOR)
    return bool(sep) and bool(KEY_ID.match(kid)) and len(body) >= 38
