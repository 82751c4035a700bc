"""The restricted internal registry of records. Public code never imports this package."""
