tests/cases/links
