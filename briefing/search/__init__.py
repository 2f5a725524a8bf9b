"""Search over the library: folding and matching rules, the in-memory index, postings."""
