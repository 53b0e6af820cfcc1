tests/cases/badconf
