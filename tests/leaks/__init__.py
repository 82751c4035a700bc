"""The leak suite: canaries in every non-public place, searched for on every public surface."""
