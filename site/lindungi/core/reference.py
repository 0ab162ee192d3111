"""Request references that survive being read out on the phone: "LM-7K3Q-9F2X".

Seven random characters and one check character from a 31-character alphabet: Crockford's base 32
without "1". It has no O, I, L or U, so a written 0 cannot be misread as a letter, 1/I/L cannot be
confused (none of them is used), and U/V cannot. Because 31 is prime, the weighted check
``sum(position * value) % 31 == 0`` with positions 1..8 catches every single wrong character and
every swap of two neighbouring characters (their weights differ by 1, which is invertible mod 31).

Normalisation accepts lower case, a missing "LM" prefix, spaces and dashes, and reads the letter
O as the digit 0 (the only mapping: I, L, 1 and U have no single likely meaning, so they fail).
7 random characters give 31**7 (about 27.5 billion) references; the database still enforces
uniqueness and the caller retries on a clash.
"""

from __future__ import annotations

import secrets
from typing import Protocol

ALPHABET = "023456789ABCDEFGHJKMNPQRSTVWXYZ"
PREFIX = "LM"
PAYLOAD_LENGTH = 7
_BASE = len(ALPHABET)  # 31, prime
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
_CONFUSABLES = str.maketrans({"O": "0"})
# Typed or pasted separators; pasted text often carries a no-break space or a typographic dash.
_SEPARATORS = frozenset(" -_.\t\u00a0\u2010\u2011\u2012\u2013\u2014")


class _Chooser(Protocol):
    def choice(self, seq: str, /) -> str: ...


def check_character(payload: str) -> str:
    """The character that makes ``sum(i * value)`` over positions 1..8 divisible by 31."""
    total = sum(pos * _VALUE[ch] for pos, ch in enumerate(payload, start=1))
    weight = len(payload) + 1
    # Solve weight * c + total == 0 (mod 31) for c.
    return ALPHABET[(-total * pow(weight, -1, _BASE)) % _BASE]


def _checksum_ok(code: str) -> bool:
    return sum(pos * _VALUE[ch] for pos, ch in enumerate(code, start=1)) % _BASE == 0


def _format(code: str) -> str:
    return f"{PREFIX}-{code[:4]}-{code[4:]}"


def new_reference(rng: _Chooser = secrets) -> str:
    """A fresh reference such as "LM-7K3Q-9F2X". ``rng`` is injectable for tests only."""
    payload = "".join(rng.choice(ALPHABET) for _ in range(PAYLOAD_LENGTH))
    return _format(payload + check_character(payload))


def normalise_reference(text: str) -> str | None:
    """The canonical "LM-XXXX-XXXX" form, or None if this is not a valid reference (wrong shape,
    foreign characters, another prefix, or a failing check character)."""
    compact = "".join(ch for ch in text.strip() if ch not in _SEPARATORS)
    # Check before upper(): "ß".upper() is "SS", which would turn foreign text into valid letters.
    if not compact.isascii():
        return None
    compact = compact.upper()
    # No payload starts with "L" (not in the alphabet), so a leading "LM" is always the prefix.
    if len(compact) == PAYLOAD_LENGTH + 1 + len(PREFIX):
        if not compact.startswith(PREFIX):
            return None
        compact = compact[len(PREFIX) :]
    code = compact.translate(_CONFUSABLES)
    if len(code) != PAYLOAD_LENGTH + 1 or not all(ch in _VALUE for ch in code):
        return None
    return _format(code) if _checksum_ok(code) else None


def is_valid_reference(text: str) -> bool:
    return normalise_reference(text) is not None
