"""The library on disk: discovery, the SQLite index, the prefetch helper, folder watching."""
