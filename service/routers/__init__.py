"""One router per resource: extract, taxonomy, health."""
