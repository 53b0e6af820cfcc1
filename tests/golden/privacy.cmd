tests/cases/privacy
