"""The ecosystem view: cross-article actor resolution, the actor network, its exports,
signals per period and the HTML report; everything but resolution reads a ``Snapshot``."""
