"""Scores: sources' track records, calibrated probabilities for open stories, and the backtest."""
