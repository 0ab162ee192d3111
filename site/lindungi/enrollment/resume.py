"""Save and return: a short code continues a draft on another phone within RESUME_DAYS, after the
date of birth of one of its workers is confirmed.

The code is 10 characters from a 32-letter alphabet without look-alikes (50 bits, written
XXXXX-XXXXX); only its SHA-256 is stored, the resume form is rate-limited and also asks for a
date of birth, so guessing is hopeless. The link carries the code only, nothing personal.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, datetime, timedelta

import sqlalchemy as sa
import sqlalchemy.orm as so

from lindungi.enrollment import drafts
from lindungi.enrollment.models import EnrollmentDraft
from lindungi.extensions import db
from lindungi.timeutil import utcnow

RESUME_DAYS = 7
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32: no I, L, O, U
CODE_LENGTH = 10


class DraftResume(db.Model):
    __tablename__ = "draft_resume"

    code_hash: so.Mapped[str] = so.mapped_column(sa.String(64), primary_key=True)
    draft_id: so.Mapped[str] = so.mapped_column(
        sa.ForeignKey("enrollment_draft.id", ondelete="CASCADE"), index=True)
    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)
    expires_at: so.Mapped[datetime] = so.mapped_column(index=True)


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def normalise(code: str) -> str | None:
    """The code as stored, from what a person typed (spaces, dashes, lower case, O for 0...)."""
    cleaned = "".join(code.split()).replace("-", "").upper()
    cleaned = cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))
    if len(cleaned) != CODE_LENGTH or not all(ch in ALPHABET for ch in cleaned):
        return None
    return f"{cleaned[:5]}-{cleaned[5:]}"


def _hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def save_for_later(draft: EnrollmentDraft) -> str:
    """A new code for this draft, which now lives RESUME_DAYS (the caller commits)."""
    until = utcnow() + timedelta(days=RESUME_DAYS)
    draft.expires_at = max(draft.expires_at, until)
    code = new_code()
    db.session.add(DraftResume(code_hash=_hash(code), draft_id=draft.id, expires_at=until))
    db.session.flush()
    return code


def belongs_to(code: str, draft: EnrollmentDraft) -> bool:
    """Whether `code` is a current code of this draft (the saved page sends only those)."""
    normalised = normalise(code)
    found = None if normalised is None else db.session.get(DraftResume, _hash(normalised))
    return found is not None and found.draft_id == draft.id and found.expires_at > utcnow()


def resume(code: str, birth_date: date) -> EnrollmentDraft | None:
    """The draft the code names, if it is current and one of its workers has this date of
    birth; the code is then used up (the caller commits). None for any mismatch alike."""
    normalised = normalise(code)
    found = None if normalised is None else db.session.get(DraftResume, _hash(normalised))
    now = utcnow()
    if found is None or found.expires_at <= now:
        return None
    draft = db.session.get(EnrollmentDraft, found.draft_id)
    if draft is None or draft.expires_at <= now:
        return None
    if birth_date not in drafts.answers_of(draft).birth_dates():
        return None
    db.session.delete(found)
    return draft


def purge_expired() -> tuple[int, int]:
    """Delete expired codes and expired drafts (`flask --app lindungi drafts purge`)."""
    now = utcnow()
    codes = db.session.execute(sa.delete(DraftResume).where(DraftResume.expires_at <= now))
    expired_drafts = sa.select(EnrollmentDraft.id).where(EnrollmentDraft.expires_at <= now)
    db.session.execute(sa.delete(DraftResume).where(DraftResume.draft_id.in_(expired_drafts)))
    removed = drafts.purge_expired()
    return removed, int(getattr(codes, "rowcount", 0) or 0)
