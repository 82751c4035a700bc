"""정보소통광장: the public portal. Reads only the publication layer (and search, fed from it)."""
