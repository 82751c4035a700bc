"""The document pipeline: an ordered list of stages that turn an upload into published text."""
