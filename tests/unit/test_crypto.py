"""Sealing and the blind index (lindungi.protection.crypto): pure, no Flask."""

from __future__ import annotations

import pytest

from lindungi.protection.crypto import CannotOpen, KeyConfigError, KeyRing, looks_sealed, new_key

OLD, NEW, INDEX = new_key(), new_key(), new_key()
RING = KeyRing.parse(f"old:{OLD}", INDEX)
NIK = "7371015208800001"


def test_a_sealed_value_opens_and_names_its_key() -> None:
    sealed = RING.seal(NIK, "enrollment_worker.nik")
    assert sealed.startswith("old$") and NIK not in sealed and looks_sealed(sealed)
    assert RING.open(sealed, "enrollment_worker.nik") == NIK
    assert RING.seal(NIK, "enrollment_worker.nik") != sealed  # a fresh nonce each time


def test_a_value_does_not_open_in_another_column() -> None:
    sealed = RING.seal(NIK, "enrollment_worker.nik")
    with pytest.raises(CannotOpen):
        RING.open(sealed, "enrollment_worker.kk")


# -2, not -1: the last base64 character may carry only padding bits, so changing it can leave
# the decoded bytes (and the value) the same.
@pytest.mark.parametrize("position", [5, 20, -2])
def test_a_changed_byte_does_not_open(position: int) -> None:
    sealed = RING.seal(NIK, "p")
    flipped = sealed[:position] + ("A" if sealed[position] != "A" else "B") + sealed[position:][1:]
    with pytest.raises(CannotOpen):
        RING.open(flipped, "p")


def test_rotation_keeps_old_values_readable_and_seals_with_the_first_key() -> None:
    old_value = RING.seal(NIK, "p")
    rotated = KeyRing.parse(f"new:{NEW},old:{OLD}", INDEX)
    assert rotated.open(old_value, "p") == NIK
    assert not rotated.is_current(old_value)
    assert rotated.seal(NIK, "p").startswith("new$")
    with pytest.raises(CannotOpen, match="unknown key"):
        KeyRing.parse(f"new:{NEW}", INDEX).open(old_value, "p")


def test_the_blind_index_is_stable_keyed_and_per_purpose() -> None:
    index = RING.blind_index(NIK, "nik")
    assert index == KeyRing.parse(f"new:{NEW}", INDEX).blind_index(NIK, "nik")  # data keys apart
    assert index != KeyRing.parse(f"old:{OLD}", NEW).blind_index(NIK, "nik")
    assert index != RING.blind_index(NIK, "kk")
    assert NIK not in index and len(index) == 64


@pytest.mark.parametrize(("data_keys", "index_key", "message"), [
    ("", INDEX, "empty"),
    (f"old:{OLD}", "", "INDEX_KEY is empty"),
    (OLD, INDEX, "id:base64key"),
    ("old:c2hvcnQ", INDEX, "32 random bytes"),
    ("old:not base64!!", INDEX, "32 random bytes|base64"),
    (f"a:{OLD},a:{NEW}", INDEX, "twice"),
    (f"old:{OLD}", OLD, "differ"),
], ids=["no-data-keys", "no-index-key", "no-id", "short", "not-base64", "id-twice", "same-key"])
# The keys are random: fixed ids, so that every pytest-xdist worker collects the same tests.
def test_malformed_keys_are_refused_without_showing_them(data_keys: str, index_key: str,
                                                           message: str) -> None:
    with pytest.raises(KeyConfigError, match=message) as raised:
        KeyRing.parse(data_keys, index_key)
    assert OLD not in str(raised.value) and INDEX not in str(raised.value)
