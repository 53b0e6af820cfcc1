tests/cases/gov-closing-url
