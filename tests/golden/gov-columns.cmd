tests/cases/gov-columns
