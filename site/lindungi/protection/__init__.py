"""Protection of personal data: encryption at rest and blind indexes (crypto, pure), the
column types that use them (columns), key rotation (rotation), retention (retention) and the
data-subject tools for admins."""
