"""Trained parts: scikit-learn estimators saved with a metadata sidecar."""
