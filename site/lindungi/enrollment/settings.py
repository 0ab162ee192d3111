"""Fixed facts of the enrollment service, spelled once."""

from __future__ import annotations

# The privacy notice a person agrees to. Change it together with the notice text: a draft whose
# consent names an older version asks for consent again before sending.
NOTICE_VERSION = "2026-11-01"

# One request may carry a whole household's workers, but not a whole street's.
MAX_WORKERS = 10
