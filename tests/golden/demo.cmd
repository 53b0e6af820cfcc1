snapshots/county-portal
