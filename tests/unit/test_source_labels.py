"""Sources of figures shown to residents are explained in their language, never as the
developers' notes in English."""

from __future__ import annotations

import pytest
from flask import Flask
from flask_babel import force_locale

from lindungi.core import parameters as p
from lindungi.public.tables import source_label


@pytest.mark.parametrize("source", [p.SRC_AGE, p.SRC_KPJ, p.SRC_DECILE, p.SRC_CALL_CENTRE])
def test_settings_and_assumptions_are_translated(app: Flask, source: str) -> None:
    with app.test_request_context("/id/"), force_locale("id"):
        label = source_label(source)
    assert label != source
    assert "Assumption" not in label and "configurable" not in label


def test_combined_regulations_stay_as_written(app: Flask) -> None:
    with app.test_request_context("/id/"), force_locale("id"):
        assert source_label(p.SRC_BPU_JKK_JKM) == p.SRC_BPU_JKK_JKM
