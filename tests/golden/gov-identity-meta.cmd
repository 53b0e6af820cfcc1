tests/cases/gov-identity-meta
