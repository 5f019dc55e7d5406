"""Knowledge base: clubs, national teams, outlets, journalists and people, with their aliases.

`build` turns the open data in `../shared/kb/` into the shipped tables in `mercato/data/`;
`catalogue` loads them; `linking` resolves mentions in context.
"""
