"""Use cases every face calls: the rumour board, ranked rumours, one story, person and club
profiles, the source table and search.

The CLI, the REST API, the web pages and `mercato.library` compute nothing themselves: they ask
these functions and render the typed results, so every face tells the same story with the same
id, stage, probability and sources.
"""
