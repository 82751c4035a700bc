"""Settings package: ``base`` is the one settings module; the environment chooses the variants."""
