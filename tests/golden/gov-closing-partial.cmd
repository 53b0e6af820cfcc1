tests/cases/gov-closing-partial
