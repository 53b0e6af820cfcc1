tests/cases/gov-meta
