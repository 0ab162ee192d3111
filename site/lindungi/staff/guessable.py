"""Whether a staff password is too easy to guess, from a kept source rather than a hand-made list.

zxcvbn (Dropbox's estimator, the maintained Python port on PyPI) ships the 30,000 most frequent
passwords from leaked password sets, plus English words, names and keyboard patterns, and
estimates how many guesses a password needs. A password is refused when it is one of those
30,000 (ignoring case), or when zxcvbn scores it below 3 (fewer than about 10^8 guesses), with the
account's email address and the site's own words counted as known to the attacker."""

from __future__ import annotations

from functools import cache

# zxcvbn is imported where it is used: its word lists take about 14 MB, and a web worker that
# never sets a password (nearly all of them) should not hold them.

MIN_SCORE = 3
ZXCVBN_MAX_LENGTH = 72  # zxcvbn() raises ValueError for longer passwords
# Words an attacker tries first against this site.
SITE_WORDS = ("lindungi", "makassar", "makassarkota", "bpjs", "ketenagakerjaan", "pemkot",
              "sulsel", "staf", "admin")


@cache
def common_passwords() -> frozenset[str]:
    """The 30,000 most common passwords zxcvbn knows, most frequent first in its list."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"])


def too_guessable(password: str, email: str = "") -> bool:
    from zxcvbn import zxcvbn

    lowered = password.lower()
    if lowered in common_passwords():
        return True
    local = email.split("@")[0] if email else ""
    known = [word for word in (*SITE_WORDS, email.lower(), local.lower()) if word]
    # zxcvbn refuses input past 72 characters (ValueError: a 500 on every password form) and
    # slows down on long input; a password's first 72 characters are long enough to score.
    return zxcvbn(password[:ZXCVBN_MAX_LENGTH], user_inputs=known)["score"] < MIN_SCORE
