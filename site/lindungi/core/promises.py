"""Every public statement that is not a regulation figure, in one registry: contact channels and
promises (how fast, how long, who answers). Each is either confirmed, with its source, or a
setting that staff fill in; a setting that is empty is not shown anywhere public.

Regulation figures live in core.parameters (each with its regulation); this module lists the
rest, so that a page never states a channel or a promise nobody confirmed. No Flask here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from lindungi.core.i18n import N_

SettingKind = Literal["text", "phone", "email", "url", "whole", "flag", "image"]
Group = Literal["channels", "promises", "look"]


@dataclass(frozen=True)
class Setting:
    """A fact staff fill in on /staf/pengaturan. ``label`` and ``hint`` are msgids.

    ``token``: the ``[[name]]`` pages may use for it (a line holding an empty one is left out).
    ``launch``: must be filled before the site goes live (`flask launch-check`).
    """

    key: str
    group: Group
    kind: SettingKind
    label: str
    hint: str = ""
    max_length: int = 200
    token: bool = False
    launch: bool = False
    translated: bool = False  # an English version may be given (key + "_en")


SETTINGS: tuple[Setting, ...] = (
    # Contact channels of the city's program office (Dinas Ketenagakerjaan).
    Setting("office_address", "channels", "text", N_("Office address"),
            N_("Street, number and kelurahan, as residents should find it."), 300,
            token=True, launch=True),
    Setting("office_hours", "channels", "text", N_("Office hours"),
            N_("For example: Monday to Friday, 08.00–15.00 WITA."), 200,
            token=True, launch=True, translated=True),
    Setting("phone", "channels", "phone", N_("Phone"),
            N_("The office's public number, for example 0411 123456."), 30,
            token=True, launch=True),
    Setting("whatsapp", "channels", "phone", N_("WhatsApp"),
            N_("A mobile number that answers WhatsApp messages, for example 0812 3456 7890."), 30,
            token=True),
    Setting("email", "channels", "email", N_("E-mail"), "", 120, token=True, launch=True),
    Setting("map_url", "channels", "url", N_("Map link"),
            N_("An https:// link to the office on a map."), 500),
    # Promises: shown only once the city has decided them.
    Setting("decision_working_days", "promises", "whole",
            N_("Working days to decide a request"),
            N_("Leave empty until the city has committed to a time."), 3, token=True),
    Setting("retention_approved_years", "promises", "whole",
            N_("Years an approved request is kept after the decision"),
            N_("From the city's archive rules. Shown on the consent step and the privacy notice."),
            3, token=True, launch=True),
    Setting("retention_rejected_years", "promises", "whole",
            N_("Years a request that was not approved is kept after the decision"), "", 3,
            token=True, launch=True),
    Setting("privacy_officer", "promises", "text", N_("Personal data protection officer"),
            N_("Name or office and how to reach them (UU 27/2022)."), 300, token=True,
            launch=True),
    # The site's look.
    Setting("bpjs_partnership", "look", "flag",
            N_("Show “in cooperation with BPJS Ketenagakerjaan” in the header"),
            N_("Only once the cooperation is signed."), 1),
    Setting("home_image", "look", "image", N_("Home page image"),
            N_("A photo for the top of the home page (JPEG, PNG or WebP)."), 40),
    Setting("home_image_alt", "look", "text", N_("What the home page image shows"),
            N_("A short description for people who cannot see it."), 200, translated=True),
)

BY_KEY = {setting.key: setting for setting in SETTINGS}
TOKENS = tuple(s.key for s in SETTINGS if s.token)
CHANNELS = tuple(s.key for s in SETTINGS if s.group == "channels")


def stored_keys() -> list[str]:
    """Every key kept in the settings table (translated settings have a second, "_en", key)."""
    keys: list[str] = []
    for setting in SETTINGS:
        keys.append(setting.key)
        if setting.translated:
            keys.append(setting.key + "_en")
    return keys


Status = Literal["confirmed", "assumption", "setting"]


@dataclass(frozen=True)
class Statement:
    """A statement public pages make. ``source`` says where a confirmed one comes from; an
    assumption says why it is one; a setting names the setting that carries it."""

    key: str
    status: Status
    source: str


STATEMENTS: tuple[Statement, ...] = (
    Statement("call_centre", "confirmed", "BPJS Ketenagakerjaan public call centre 175"),
    Statement("report_deadline", "confirmed",
              "Report a work accident within 2 × 24 hours: Permenaker 5/2021"),
    Statement("privacy_answer_time", "confirmed",
              "UU 27/2022 (Pelindungan Data Pribadi): access and correction within 3 × 24 hours"),
    Statement("breach_notice_time", "confirmed",
              "UU 27/2022: a breach is notified within 3 × 24 hours"),
    Statement("jkm_total", "confirmed",
              "PP 44/2015 jo. PP 82/2019: Rp42,000,000 after at least 3 months of membership, "
              "before that the funeral benefit only"),
    Statement("partner_hospital", "confirmed",
              "Cooperation BPJS Ketenagakerjaan and Primaya Hospital Makassar signed at the city "
              "hall on 13 February 2026 (14.20 WITA, reported as 13.20 WIB)"),
    Statement("age_range", "assumption",
              "No regulation found fixes an age range for city-paid BPU cover; other regions "
              "use 18-65. Stated as the city's rule only when PROGRAM_AGE_SOURCE is set"),
    Statement("hospital_emergency_hours", "setting",
              "Partner hospital opening hours: content staff fill in per hospital (not verified)"),
    *(Statement(s.key, "setting", f"Staff setting {s.key!r} (/staf/pengaturan)")
      for s in SETTINGS if s.group != "look"),
)


def statement(key: str) -> Statement:
    for found in STATEMENTS:
        if found.key == key:
            return found
    raise KeyError(key)
