"""Sentence boundaries, by phenomenon."""

import pytest

from mercato.extract.sentences import split_sentences

CASES = [
    # plain prose
    ("Dortmund want a striker. They have money.", ["Dortmund want a striker.", "They have money."]),
    # headline on its own line
    ("Rovers land keeper\n\nRovers have signed a keeper.", ["Rovers land keeper", "Rovers have signed a keeper."]),
    # abbreviations and initials do not end a sentence
    ("He left St. Mirren for Paris St. Germain.", ["He left St. Mirren for Paris St. Germain."]),
    ("J. Smith joined in May.", ["J. Smith joined in May."]),
    # decimals in fees
    ("The fee is £1.5m. Talks go on.", ["The fee is £1.5m.", "Talks go on."]),
    # a quote that ends a sentence
    ('He said: "It is done." The club agreed.', ['He said: "It is done."', "The club agreed."]),
    # lower-case continuation is not a new sentence
    ("Kick-off is at 3 p.m. on Saturday.", ["Kick-off is at 3 p.m. on Saturday."]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_split_sentences(text: str, expected: list[str]) -> None:
    spans = split_sentences(text)
    assert [s.text for s in spans] == expected
    for span in spans:
        assert text[span.start : span.end] == span.text
