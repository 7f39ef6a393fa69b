"""Cross-article actor resolution: which names in many articles are one actor."""
