"""Training the link decision model from gold, and judging it honestly (cross-validation, frozen slice)."""
