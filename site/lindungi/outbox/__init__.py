"""Messages to families through a transactional outbox.

A status change writes an OutboxMessage row in the same transaction as the change (so a message
exists exactly when the change was committed); a separate worker process (`flask --app lindungi
outbox work`) claims due rows, sends them through a channel (e-mail, SMS, WhatsApp) and records
every attempt. See worker.py for the claim, send, record cycle and what a crash can do.
"""
