"""Training only: rebuilds the pipeline's trained parts from the gold annotations and writes
the pipeline folder. Nothing at run time imports this package."""
