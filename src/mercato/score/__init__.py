"""Scores: sources' track records and calibrated probabilities for open stories."""
