tests/cases/gov-closing-ok
