"""Seoul's published document lists (결재문서, 사전정보공표, 업무추진비, 정책연구), read into plain rows.

Plain Python on purpose: no Django import, so the readers can be tested and reused (the drop
folder, the bulk import command, a harvest) without settings. ``readers.read_list`` is the entry
point; ``rows.ListRow`` is what it yields for a good row, ``errors.RowError`` for a bad one.
"""
