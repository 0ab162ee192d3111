from __future__ import annotations

import random
import re

import pytest

from lindungi.core.reference import (
    ALPHABET,
    check_character,
    is_valid_reference,
    new_reference,
    normalise_reference,
)

SHAPE = re.compile(f"LM-[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}")
SAMPLES = [new_reference(random.Random(seed)) for seed in range(5)]


def _code(reference: str) -> str:
    return reference.replace("LM-", "").replace("-", "")


def _format(code: str) -> str:
    return f"LM-{code[:4]}-{code[4:]}"


def test_alphabet_is_31_unambiguous_characters() -> None:
    assert len(ALPHABET) == len(set(ALPHABET)) == 31
    assert set(ALPHABET).isdisjoint("O1ILU")


def test_new_reference_shape_and_validity() -> None:
    for _ in range(200):
        reference = new_reference()
        assert SHAPE.fullmatch(reference)
        assert is_valid_reference(reference)
        assert normalise_reference(reference) == reference


def test_injected_rng_is_deterministic() -> None:
    assert new_reference(random.Random(1)) == new_reference(random.Random(1))


@pytest.mark.parametrize("reference", SAMPLES)
def test_every_single_substitution_detected(reference: str) -> None:
    code = _code(reference)
    for position in range(len(code)):
        for replacement in ALPHABET:
            if replacement != code[position]:
                wrong = code[:position] + replacement + code[position + 1 :]
                assert not is_valid_reference(_format(wrong)), wrong


@pytest.mark.parametrize("reference", SAMPLES)
def test_every_adjacent_transposition_detected(reference: str) -> None:
    code = _code(reference)
    for position in range(len(code) - 1):
        a, b = code[position], code[position + 1]
        if a != b:
            swapped = code[:position] + b + a + code[position + 2 :]
            assert not is_valid_reference(_format(swapped)), swapped


def test_check_character_over_all_payload_changes() -> None:
    # Exhaustive over one position's values for every position: each payload gets its own check.
    payload = "7K3Q9F2"
    for position in range(len(payload)):
        checks = {
            check_character(payload[:position] + ch + payload[position + 1 :]) for ch in ALPHABET
        }
        assert len(checks) == len(ALPHABET)


@pytest.mark.parametrize(
    "variant",
    [
        "{ref}",
        "{ref_lower}",
        "{code}",
        "{code_lower}",
        "  {ref}  ",
        "LM {c1} {c2}",
        "lm-{c1}-{c2}",
        "{c1} {c2}",
        "{c1}-{c2}",
        "LM–{c1}–{c2}",  # typographic dashes from a pasted message
        "LM\u00a0{c1}\u00a0{c2}",
    ],
)
def test_normalisation_variants(variant: str) -> None:
    reference = SAMPLES[0]
    code = _code(reference)
    text = variant.format(
        ref=reference,
        ref_lower=reference.lower(),
        code=code,
        code_lower=code.lower(),
        c1=code[:4],
        c2=code[4:],
    )
    assert normalise_reference(text) == reference


def test_letter_o_read_as_zero() -> None:
    payload = "0K3Q9F2"
    reference = _format(payload + check_character(payload))
    assert normalise_reference(reference.replace("0", "O")) == reference
    assert normalise_reference(reference.replace("0", "o")) == reference


@pytest.mark.parametrize(
    "text",
    [
        "",
        "LM-",
        "XX-{c1}-{c2}",  # wrong prefix
        "LN{code}",
        "LM-LM-{c1}-{c2}",
        "{code}X",  # one character too many
        "{short}",  # one too few
        "LM-{c1}-{c2}-9",
        "ＬＭ-{c1}-{c2}",  # full-width prefix
        "LM/{c1}/{c2}",
    ],
)
def test_rejected(text: str) -> None:
    code = _code(SAMPLES[0])
    filled = text.format(code=code, c1=code[:4], c2=code[4:], short=code[:-1])
    assert normalise_reference(filled) is None
    assert not is_valid_reference(filled)


@pytest.mark.parametrize("foreign", ["1", "I", "L", "U", "ß", "٣"])
def test_characters_outside_alphabet_rejected(foreign: str) -> None:
    code = _code(SAMPLES[0])
    assert normalise_reference(_format(foreign + code[1:])) is None
