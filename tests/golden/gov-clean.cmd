tests/cases/gov-clean
