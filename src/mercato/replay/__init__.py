"""The replay harness: the corpus replayed in date order to measure the probabilities.

It sits beside `evaluation` (which measures extraction): both read `../shared` and score what
the library produces, and neither is used by the library itself.
"""
