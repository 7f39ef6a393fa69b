"""Network analytics over a ``Snapshot`` of the ecosystem store: the actor network, its
exports, signals per period and the HTML report. Pure analytics: no spaCy, no database."""
