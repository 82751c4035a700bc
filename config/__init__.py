"""Django wiring only: the environment, settings, URLs and the assembled API."""
