"""One report per report: a gossip item and the page that carries it are one report, the copy linked.

The acceptance test ingests, with the real pipeline, a gossip page of three items and two of its
items published on their own (text invented here), then reads the stories through the CLI, the
REST API and the story page.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from storykit import claim

from mercato.cli import build_cli
from mercato.settings import Settings
from mercato.stories.merge import merge_stories
from mercato.stories.reports import fold_reports
from mercato.web.app import create_app

ITEMS = {
    "verhoek": (
        "Arsenal are preparing a £40m bid for Brentford striker Tomas Verhoek, who has scored"
        " 19 league goals this season. (Sun)"
    ),
    "kettering": (
        "Chelsea have opened talks with Lyon over a move for midfielder Jonas Kettering, who has"
        " two years left on his contract. (Telegraph)"
    ),
    "marwijk": "Newcastle are monitoring Feyenoord defender Piet Marwijk ahead of the summer window. (Mirror)",
}
DAY = "2024-06-03"
LONG = "Arsenal are preparing a bid for Brentford striker Tomas Verhoek this summer"


def _record(record_id: str, title: str, text: str) -> str:
    return json.dumps({
        "id": record_id, "date": DAY, "url": f"https://example.org/gossip/{record_id}",
        "outlet": "BBC Sport", "title": title, "text": text,
    })


@pytest.mark.parametrize(
    ("first", "second", "reports"),
    [
        # the same sentence, same source, same day: a page and its item
        ({"text": LONG}, {"text": LONG}, 1),
        # the page's sentence runs on past the item's: containment, not equality
        ({"text": LONG}, {"text": LONG + ", with personal terms no obstacle"}, 1),
        # one copy lost its attribution: a long sentence still joins
        ({"text": LONG}, {"text": LONG, "source": None}, 1),
        # two sources printing the same words are two reports
        ({"text": LONG}, {"text": LONG, "source": "Telegraph"}, 2),
        # a short sentence without a source is too common to be a copy
        ({"text": "Arsenal want Verhoek"}, {"text": "Arsenal want Verhoek", "source": None}, 2),
        # the source saying it again a fortnight later is a new report
        ({"text": LONG}, {"text": LONG, "day": "2024-06-17"}, 2),
        # different sentences are different reports
        ({"text": LONG}, {"text": "Arsenal have made contact over Tomas Verhoek, says the Sun"}, 2),
    ],
)
def test_reports_fold_copies_of_one_sentence(first: dict, second: dict, reports: int) -> None:
    a = claim("Tomas Verhoek", "Arsenal", first.pop("day", DAY), source="Sun", **first)
    b = claim("Tomas Verhoek", "Arsenal", second.pop("day", DAY), **{"source": "Sun", **second})
    (story,) = merge_stories([a, b])
    assert len(story.claims) == reports
    if reports == 1:
        assert [c.claim_id for c in story.claims[0].copies] == [b[0]]


def test_two_claims_of_one_article_are_never_copies_of_each_other() -> None:
    cid, first = claim("Tomas Verhoek", "Arsenal", DAY, text=LONG)
    members = merge_stories([(cid, first), ("same-article#1", first)])[0].claims
    assert len(fold_reports(members)) == 2


@pytest.fixture(scope="module")
def gossip_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("gossip")
    records = folder / "gossip.jsonl"
    page = "\n\n".join(ITEMS.values())
    records.write_text(
        "\n".join([
            _record("page", "Monday's gossip", page),
            _record("item-verhoek", "Arsenal plan Verhoek bid", ITEMS["verhoek"]),
            _record("item-kettering", "Chelsea in Kettering talks", ITEMS["kettering"]),
        ]) + "\n",
        encoding="utf-8",
    )
    url = f"sqlite:///{folder / 'gossip.db'}"
    result = CliRunner().invoke(build_cli(), ["ingest", str(records), "--db", url])
    assert result.exit_code == 0, result.output
    return url


def test_a_gossip_page_and_its_items_give_one_report_per_item_with_the_copy_linked(
    gossip_store: str, tmp_path: Path
) -> None:
    result = CliRunner().invoke(build_cli(), ["rumours", "--db", gossip_store, "--json"])
    assert result.exit_code == 0, result.output
    rows = {row["person"]: row for row in json.loads(result.output)}
    assert {"Tomas Verhoek", "Jonas Kettering", "Piet Marwijk"} <= set(rows)
    client = TestClient(create_app(Settings(database_url=gossip_store, kb_dir=tmp_path)))
    for person in ("Tomas Verhoek", "Jonas Kettering"):
        row = rows[person]
        assert row["reports"] == 1, f"{person}: the page and the item are one report"
        story = client.get(f"/api/stories/{row['story_id']}").json()
        (step,) = story["timeline"]
        (copy,) = step["copies"]
        assert copy["article_id"] != step["article_id"], "the copy is the other article"
        page = client.get(f"/stories/{row['story_id']}").text
        assert f"/articles/{copy['article_id']}#claim-{copy['claim_id']}" in page
        assert story["independent_sources"] == 1
    # the item only the page carries is one report with no copy
    marwijk = client.get(f"/api/stories/{rows['Piet Marwijk']['story_id']}").json()
    assert [len(step["copies"]) for step in marwijk["timeline"]] == [0]
