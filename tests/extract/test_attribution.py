"""Attribution tables: trailing labels, chains, in-text credits."""

import pytest

from mercato.extract.attribution import in_text_attribution, parse_label, trailing_label

LABELS = [
    ("Mail", ("Mail",)),
    ("Marca - in Spanish", ("Marca",)),
    ("Times - subscription required", ("Times",)),
    ("Bild, via Liverpool Echo", ("Bild", "Liverpool Echo")),
    ("Kicker - in German, via Sport Witness", ("Kicker", "Sport Witness")),
    ("Que Golazo, via Football London", ("Que Golazo", "Football London")),
    ("Canal+ via Get French Football News", ("Canal+", "Get French Football News")),
    ("Football London, citing Sky Italia", ("Sky Italia", "Football London")),
]


@pytest.mark.parametrize(("label", "chain"), LABELS)
def test_parse_label_follows_chains(label: str, chain: tuple[str, ...]) -> None:
    attribution = parse_label(label)
    assert attribution is not None
    assert attribution.chain == chain
    assert attribution.original == chain[0]


def test_trailing_label_of_a_gossip_item() -> None:
    item = "Rovers are weighing up a move for Town winger Sam Example, 22. (Evening Herald)"
    found = trailing_label(item)
    assert found is not None
    start, attribution = found
    assert item[start:].startswith("(Evening Herald)")
    assert attribution.original == "Evening Herald"


@pytest.mark.parametrize(
    "item",
    [
        "Rovers finished 2nd (on goal difference)",
        "The deal could rise to £40m (£35m plus add-ons)",
    ],
)
def test_parentheses_that_are_not_labels(item: str) -> None:
    found = trailing_label(item)
    assert found is None or found[1].original not in ("on goal difference",)


IN_TEXT = [
    ("According to Gazzetta, City have asked about the winger.", "Gazzetta"),
    ("City have asked about the winger, reports The Courier.", "The Courier"),
    ("Le Quotidien reports that City have asked about him.", "Le Quotidien"),
    ("As first reported by The Herald, United made an approach.", "The Herald"),
    ("Radio Uno, citing Corriere, say United made an approach.", "Corriere"),
]


@pytest.mark.parametrize(("sentence", "original"), IN_TEXT)
def test_in_text_attribution(sentence: str, original: str) -> None:
    attribution = in_text_attribution(sentence)
    assert attribution is not None
    assert attribution.original in (original, original.removeprefix("The "))


def test_no_attribution_in_own_voice() -> None:
    assert in_text_attribution("United have signed the winger for £20m.") is None
