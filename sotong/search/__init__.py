"""Search over the public record: Korean analysis, snippets and swappable engines.

The whole package is fed from the publication layer only (DESIGN §2, STYLE 4): it never imports
records, intake, pipeline, workbench or audit, and it does not import Django, so the analysis and
the backends can be tested, benchmarked and reused without settings.

Entry points: ``backends.get_search_backend`` to index and search, ``documents`` for the plain data
that goes in and comes out, ``snippets.segments_to_html`` for templates.
"""
