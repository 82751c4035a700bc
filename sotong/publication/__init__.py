"""The publication layer: the public projection of records and the public store.

This is the leak boundary. Only what may be shown is ever written here, and every public surface
(portal, API, search, exports) reads only from here. This package imports nothing from records,
intake, pipeline or workbench; the pipeline's publish stage writes into it.
"""
