tests/cases/gov-nongov
