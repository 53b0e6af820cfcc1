tests/cases/decommissioned
