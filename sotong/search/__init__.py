"""Search over the public record: Korean analysis, snippets and swappable engines.

The whole package is fed from the publication layer only (DESIGN §2, STYLE 4): it never imports
records, intake, pipeline, workbench or audit. Its engine half (``korean``, ``documents``,
``query``, ``prepare``, ``snippets``, ``backends``) is plain Python without Django, so analysis and
backends can be tested and benchmarked without settings; ``indexer`` and ``selectors`` are the
Django side that feeds it from publications and serves the portal and the API.

Entry points: ``backends.get_search_backend`` to index and search, ``documents`` for the plain data
that goes in and comes out, ``snippets.segments_to_html`` for templates.
"""
