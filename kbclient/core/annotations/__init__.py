"""Annotations: model, anchoring, store, merge, sharing and export (issue 6)."""
