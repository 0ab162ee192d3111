"""What each request status and rejection reason is called, for applicants and staff alike.

The status page (enrollment) and the review screens (review) both read these, so a family and a
reviewer always see the same words for the same state.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from lindungi.enrollment.models import RequestStatus

STATUS_LABELS = {
    # Not "received" alone: in Indonesian "Diterima" also reads as "accepted".
    RequestStatus.RECEIVED: _l("Sent in – waiting to be checked"),
    RequestStatus.IN_REVIEW: _l("Being reviewed"),
    RequestStatus.NEEDS_INFO: _l("More information needed"),
    RequestStatus.APPROVED: _l("Approved"),
    RequestStatus.REGISTERED: _l("Registered with BPJS Ketenagakerjaan"),
    RequestStatus.REJECTED: _l("Not approved"),
}

# What the status means for the family, and what happens next.
STATUS_EXPLANATIONS = {
    RequestStatus.RECEIVED: _l(
        "We have the request. A reviewer at the city's manpower office will look at it soon."
    ),
    RequestStatus.IN_REVIEW: _l(
        "A reviewer is checking the details with the civil registry and the welfare data."
    ),
    RequestStatus.NEEDS_INFO: _l(
        "The reviewer needs something more before deciding. Read the message below and reply "
        "as it says."
    ),
    RequestStatus.APPROVED: _l(
        "The city will register the worker with BPJS Ketenagakerjaan. Cover starts once the "
        "registration is done."
    ),
    RequestStatus.REGISTERED: _l(
        "The worker is covered. The membership card number (KPJ) can be checked at any "
        "BPJS Ketenagakerjaan office or in the JMO app."
    ),
    RequestStatus.REJECTED: _l(
        "The request was not approved. The reason is below. You may send a new request if "
        "something changes."
    ),
}

# What the applicant can do now, for each status (the status page's "What you can do").
STATUS_ACTIONS = {
    RequestStatus.RECEIVED: _l(
        "Nothing for now. Keep the reference number. If staff need something, they contact you "
        "by phone, and this page says so."
    ),
    RequestStatus.IN_REVIEW: _l(
        "Nothing for now. Keep your phone at hand: the reviewer may call to confirm details."
    ),
    RequestStatus.NEEDS_INFO: _l(
        "Answer the reviewer's question below. The request goes back to the reviewer as soon "
        "as you send your answer."
    ),
    RequestStatus.APPROVED: _l(
        "Nothing for now. Until the registration is done, the worker is not yet covered."
    ),
    RequestStatus.REGISTERED: _l(
        "Keep the reference number and the worker's KTP together. After a work accident, go to "
        "a partner hospital and report it: the claims guide explains the steps."
    ),
    RequestStatus.REJECTED: _l(
        "If you think the decision rests on a mistake, or the worker's situation changes, you "
        "can send a new request."
    ),
}

# Reasons a reviewer can pick when rejecting; free text may be added to any of them.
REJECTION_REASONS = {
    "not_resident": _l("The worker does not live in Kota Makassar"),
    "age_out_of_range": _l("The worker's age is outside the program's limits"),
    "decile_above_limit": _l("The household is above the program's welfare deciles"),
    "already_covered": _l("The worker already has BPJS Ketenagakerjaan cover"),
    "formal_employment": _l("The worker is a civil servant, TNI, Polri or a salaried employee"),
    "identity_mismatch": _l("The NIK or family card does not match the civil registry"),
    "duplicate": _l("The worker is already in another request"),
    "no_response": _l("The information asked for did not arrive in time"),
    "other": _l("Another reason (see the message)"),
}
