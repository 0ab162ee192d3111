"""How stored answers read on the check, confirmation and status pages (page language)."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from lindungi.core import occupations, places
from lindungi.core.nik import mask_nik
from lindungi.enrollment.choices import (
    APPLICANT_RELATIONSHIPS,
    HEIR_RELATIONSHIPS,
    INCOME_BANDS,
    SEXES,
)
from lindungi.enrollment.statuses import (
    REJECTION_REASONS,
    STATUS_ACTIONS,
    STATUS_EXPLANATIONS,
    STATUS_LABELS,
)
from lindungi.enrollment.text import display_name, display_phone
from lindungi.labels import label_for
from lindungi.outbox.labels import CHANNEL_LABELS


def kecamatan_name(code: str) -> str:
    kecamatan = places.kecamatan_by_code(code)
    return kecamatan.name if kecamatan else code


def kelurahan_name(code: str) -> str:
    kelurahan = places.kelurahan_by_code(code)
    return kelurahan.name if kelurahan else code


def occupation_label(code: str) -> str:
    occupation = occupations.occupation_by_code(code)
    return _(occupation.label) if occupation else code


def helpers() -> dict[str, Any]:
    """Functions the enrollment templates call; each takes a stored code or value."""
    return {
        "kecamatan_name": kecamatan_name,
        "kelurahan_name": kelurahan_name,
        "occupation_label": occupation_label,
        "income_label": lambda code: label_for(INCOME_BANDS, code),
        "sex_label": lambda code: label_for(SEXES, code),
        "applicant_relationship_label": lambda code: label_for(APPLICANT_RELATIONSHIPS, code),
        "heir_relationship_label": lambda code: label_for(HEIR_RELATIONSHIPS, code),
        "status_label": lambda status: label_for(STATUS_LABELS, status),
        "status_explanation": lambda status: label_for(STATUS_EXPLANATIONS, status),
        "status_action": lambda status: label_for(STATUS_ACTIONS, status),
        "rejection_label": lambda code: label_for(REJECTION_REASONS, code),
        "mask_nik": mask_nik,
        "display_name": display_name,
        "display_phone": display_phone,
        "channel_label": lambda code: label_for(CHANNEL_LABELS, code),
    }
