"""The answers of a request in progress, as kept in EnrollmentDraft.data (JSON).

Every value here has passed its form's validation: the check page and the final insert read
them as they are. Dates are ISO strings in JSON and `date`/`datetime` objects here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from lindungi.core import occupations, places
from lindungi.core.nik import parse_nik

FORMAT = 2  # bump when the JSON shape changes: older drafts are then started over


@dataclass
class Applicant:
    for_self: bool
    name: str = ""
    relationship: str = ""


@dataclass
class Worker:
    full_name: str
    nik: str
    kk: str
    birth_date: date
    sex: str
    address: str
    kecamatan_code: str
    kelurahan_code: str
    occupation: str
    income_band: str
    already_member: bool
    heir_name: str
    heir_relationship: str
    rt_rw: str = ""
    place_of_birth: str = ""
    mother_maiden_name: str = ""
    kpj_number: str = ""
    decile: int | None = None
    heir_phone_e164: str = ""

    @property
    def nik_outside_makassar(self) -> bool:
        return not parse_nik(self.nik).is_makassar

    def to_json(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["birth_date"] = self.birth_date.isoformat()
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Worker:
        return cls(**{**data, "birth_date": date.fromisoformat(data["birth_date"])})


@dataclass
class Contact:
    phone_e164: str
    email: str
    preferred_lang: str
    # How status messages reach the family (lindungi.outbox.models.Channel values). Drafts
    # saved before the choice existed read as WhatsApp, the form's first option.
    channel: str = "whatsapp"


@dataclass
class Consent:
    notice_version: str
    consented_at: datetime  # naive UTC, like every stored time
    on_behalf: bool = False  # given by someone applying for the workers, not by themselves


@dataclass
class WorkerDefaults:
    """What the eligibility checker already knows about the first worker (all optional)."""

    kecamatan_code: str = ""
    occupation: str = ""
    decile: int | None = None
    already_member: bool | None = None


@dataclass
class Answers:
    applicant: Applicant | None = None
    workers: list[Worker] = field(default_factory=list)
    contact: Contact | None = None
    consent: Consent | None = None
    defaults: WorkerDefaults = field(default_factory=WorkerDefaults)
    # The final submit's idempotency token, made when the check page is first shown.
    token: str = ""
    # Once the check page was seen, every step returns there after a change.
    reached_check: bool = False
    # The pages saved so far for the worker being added (JSON values, by Worker field name);
    # it joins ``workers`` when its last page is saved.
    new_worker: dict[str, Any] = field(default_factory=dict)
    # "Is there another worker?" was answered "no" (asked again after each worker added).
    more_answered: bool = False

    def birth_dates(self) -> set[date]:
        """The workers' dates of birth given so far (also the one being added): one of them
        guards a save-and-return code."""
        found = {worker.birth_date for worker in self.workers}
        text = self.new_worker.get("birth_date")
        if isinstance(text, str):  # written by the date-of-birth page, always ISO
            found.add(date.fromisoformat(text))
        return found

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "applicant": dataclasses.asdict(self.applicant) if self.applicant else None,
            "workers": [worker.to_json() for worker in self.workers],
            "contact": dataclasses.asdict(self.contact) if self.contact else None,
            "consent": {
                "notice_version": self.consent.notice_version,
                "consented_at": self.consent.consented_at.isoformat(),
                "on_behalf": self.consent.on_behalf,
            } if self.consent else None,
            "defaults": dataclasses.asdict(self.defaults),
            "token": self.token,
            "reached_check": self.reached_check,
            "new_worker": dict(self.new_worker),
            "more_answered": self.more_answered,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Answers:
        """Raises ValueError (or TypeError/KeyError) for a draft written in another shape."""
        if data.get("format", FORMAT) != FORMAT:
            raise ValueError("draft from another version of the form")
        consent = data.get("consent")
        return cls(
            applicant=Applicant(**data["applicant"]) if data.get("applicant") else None,
            workers=[Worker.from_json(item) for item in data.get("workers", [])],
            contact=Contact(**data["contact"]) if data.get("contact") else None,
            consent=Consent(
                consent["notice_version"], datetime.fromisoformat(consent["consented_at"]),
                bool(consent.get("on_behalf", False)),
            ) if consent else None,
            defaults=WorkerDefaults(**data.get("defaults", {})),
            token=data.get("token", ""),
            reached_check=bool(data.get("reached_check", False)),
            new_worker=dict(data.get("new_worker") or {}),
            more_answered=bool(data.get("more_answered", False)),
        )


def defaults_from_query(args: Mapping[str, str]) -> WorkerDefaults | None:
    """The eligibility checker's answers passed as ?kecamatan=&occupation=&decile=&member=no.
    Anything unknown is dropped silently (the link may be old or edited); None if nothing
    usable is left."""
    kecamatan = args.get("kecamatan", "")
    occupation = args.get("occupation", "")
    decile_text = args.get("decile", "")
    defaults = WorkerDefaults(
        kecamatan_code=kecamatan if places.kecamatan_by_code(kecamatan) else "",
        occupation=occupation if occupations.is_known(occupation) else "",
        decile=int(decile_text) if decile_text in _DECILE_TEXTS else None,
        already_member=False if args.get("member") == "no" else None,
    )
    return None if defaults == WorkerDefaults() else defaults


_DECILE_TEXTS = frozenset(str(d) for d in range(1, 11))
