tests/cases/gov-identity
