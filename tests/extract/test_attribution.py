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


LEFTOVERS = [
    ("Tuttosport.Despite", "Tuttosport"),  # a label run into the next sentence
    ("Telegraph.Arteta", "Telegraph"),
    ("On Saturday The Athletic", "The Athletic"),  # the sentence's words before the name
    ("Respected journalist Di Marzio", "Di Marzio"),
    ("Italian", None),  # a nationality is no source
    ("Metro.co.uk", "Metro.co.uk"),  # a web address keeps its dots
]


@pytest.mark.parametrize(("name", "tidy"), LEFTOVERS)
def test_tidy_name_drops_what_the_pattern_took_from_the_sentence(name: str, tidy: str | None) -> None:
    from mercato.extract.attribution import tidy_name

    assert tidy_name(name) == tidy


def test_a_reporter_named_with_his_outlet_is_its_journalist() -> None:
    from mercato.extract.attribution import tidy_attribution

    found = tidy_attribution(in_text_attribution("Rovers want the winger, reports Sky Sports' Kaveh Solhekol."))
    assert found is not None
    assert (found.original, found.outlet, found.journalist) == ("Sky Sports", "Sky Sports", "Kaveh Solhekol")


def test_an_attribution_of_leftovers_only_is_none() -> None:
    from mercato.domain import Attribution
    from mercato.extract.attribution import tidy_attribution

    assert tidy_attribution(Attribution(outlet="Italian", chain=("Italian",))) is None


@pytest.mark.parametrize("label", ["lancashiretelegraph.co.uk", "uol.com.br", "90min"])
def test_web_addresses_and_digit_names_are_labels_for_the_credit(label: str) -> None:
    # The rules read them as before (the decision model's features were trained so); the credit
    # a gossip item finally gets reads them, so the item credits the outlet it cites.
    assert parse_label(label) is None
    found = parse_label(label, addresses=True)
    assert found is not None and found.original == label
    item = f"Rovers want Town winger Sam Example, 22. ({label})"
    assert trailing_label(item, addresses=True) is not None
