"""The public read API (the start of the Open API): reads only publication and search."""
