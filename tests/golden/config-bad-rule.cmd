tests/cases/badrule
