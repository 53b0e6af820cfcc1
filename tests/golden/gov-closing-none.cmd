tests/cases/gov-closing-none
