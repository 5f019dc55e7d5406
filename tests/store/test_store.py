"""The store keeps articles, mentions and claims with their provenance, idempotently."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from mercato.domain import (
    Alias,
    Article,
    Attribution,
    ContractClaim,
    Entity,
    EntityKind,
    Extraction,
    FactClaim,
    Fee,
    MatchClaim,
    Mention,
    Provenance,
    Quote,
    Span,
    Stage,
    Status,
    TransferClaim,
    Window,
)
from mercato.errors import NotFound, StoreError
from mercato.store import Store


def transfer_extraction(
    text: str,
    *,
    person: str,
    to_club: str | None,
    from_club: str | None = None,
    published: date | None = date(2024, 6, 1),
    outlet: str | None = "Harbour Gazette",
    stage: Stage = Stage.INTEREST,
    fee: Fee | None = None,
    source: str | None = None,
    is_loan: bool = False,
) -> Extraction:
    """An article with one transfer claim whose evidence is the article's first sentence."""
    article = Article.from_text(text, published=published, outlet=outlet)
    sentence = text.split(".")[0]
    provenance = Provenance(
        article_id=article.id,
        span=Span(0, len(sentence), sentence),
        outlet=outlet,
        published=published,
        extractor="transfer.test.v1",
    )
    start = text.index(person)
    mention = Mention(Span(start, start + len(person), person), EntityKind.PLAYER, None, person)
    claim = TransferClaim(
        person=person,
        to_club=to_club,
        from_club=from_club,
        status=_status(stage),
        stage=stage,
        provenance=provenance,
        fee=fee,
        is_loan=is_loan,
        attribution=Attribution(outlet=source) if source else None,
    )
    return Extraction(article=article, mentions=(mention,), claims=(claim,))


def _status(stage: Stage) -> Status:
    from mercato.domain import STAGE_STATUS

    return STAGE_STATUS[stage]


@pytest.fixture
def any_store(store_url: str) -> Iterator[Store]:
    """The same tests on SQLite and, where a server is configured, PostgreSQL."""
    with Store.open(store_url) as opened:
        yield opened


DEAL = "Rovers have agreed a £12m fee for Tomás Ferreira. The winger had a medical on Monday."
LOAN = "Ilya Marchetti joins Port Vale FC on loan. The keeper needs minutes."
GOSSIP = "Northfield are monitoring Tomas Ferreira of Riverside. (Evening Courier)"


def test_add_then_read_back_everything(any_store: Store) -> None:
    fee = Fee(12_000_000.0, "GBP", add_ons=2_000_000.0, is_approximate=True)
    extraction = transfer_extraction(
        DEAL, person="Tomás Ferreira", to_club="Rovers", from_club="Riverside",
        stage=Stage.MEDICAL, fee=fee, source="Pitchside Weekly",
    )  # fmt: skip
    result = any_store.add_extractions([extraction])
    assert (result.added, result.duplicates) == (1, 0)
    assert result.article_ids == (extraction.article.id,)

    article = any_store.get_article(extraction.article.id)
    assert article == extraction.article
    assert article.text == DEAL and article.published == date(2024, 6, 1)
    assert any_store.mentions_for_article(article.id) == list(extraction.mentions)

    [stored] = any_store.claims_for_article(article.id)
    assert stored.claim == extraction.claims[0]
    assert any_store.get_claim(stored.id) == stored


def test_provenance_survives_the_round_trip(any_store: Store) -> None:
    extraction = transfer_extraction(LOAN, person="Ilya Marchetti", to_club="Port Vale FC",
                                     is_loan=True, outlet="Valley Post")  # fmt: skip
    any_store.add_extractions([extraction])
    [stored] = any_store.transfer_claims()
    prov = stored.claim.provenance
    assert prov.article_id == extraction.article.id
    assert prov.span == Span(0, len("Ilya Marchetti joins Port Vale FC on loan"),
                             "Ilya Marchetti joins Port Vale FC on loan")  # fmt: skip
    assert (prov.outlet, prov.published, prov.extractor) == (
        "Valley Post", date(2024, 6, 1), "transfer.test.v1",
    )  # fmt: skip
    assert isinstance(stored.claim, TransferClaim) and stored.claim.is_loan


def test_second_add_changes_nothing(any_store: Store) -> None:
    batch = [
        transfer_extraction(DEAL, person="Tomás Ferreira", to_club="Rovers"),
        transfer_extraction(LOAN, person="Ilya Marchetti", to_club="Port Vale FC"),
    ]
    assert any_store.add_extractions(batch).added == 2
    again = any_store.add_extractions(batch)
    assert (again.added, again.duplicates, again.article_ids) == (0, 2, ())
    assert any_store.count_articles() == 2
    assert len(any_store.transfer_claims()) == 2
    assert any_store.existing_article_ids([batch[0].article.id, "nope"]) == {batch[0].article.id}
    assert any_store.has_article(batch[1].article.id) and not any_store.has_article("nope")


def test_same_text_twice_in_one_batch_is_stored_once(any_store: Store) -> None:
    first = transfer_extraction(DEAL, person="Tomás Ferreira", to_club="Rovers")
    whitespace_variant = transfer_extraction(
        DEAL.replace(". ", ".\n\n"), person="Tomás Ferreira", to_club="Rovers"
    )
    assert first.article.id == whitespace_variant.article.id
    result = any_store.add_extractions([first, whitespace_variant])
    assert (result.added, result.duplicates) == (1, 1)
    assert len(any_store.transfer_claims()) == 1


def test_as_of_keeps_only_what_was_published_by_then(any_store: Store) -> None:
    early = transfer_extraction(GOSSIP, person="Tomas Ferreira", to_club="Northfield",
                                published=date(2024, 5, 2))  # fmt: skip
    late = transfer_extraction(DEAL, person="Tomás Ferreira", to_club="Rovers",
                               published=date(2024, 7, 9), stage=Stage.MEDICAL)  # fmt: skip
    undated = transfer_extraction(LOAN, person="Ilya Marchetti", to_club="Port Vale FC",
                                  published=None)  # fmt: skip
    any_store.add_extractions([late, undated, early])

    def people(claims: list) -> list[tuple[str, str | None]]:
        return [(c.claim.person, c.claim.to_club) for c in claims]

    # Oldest first, undated ones first of all.
    assert people(any_store.transfer_claims()) == [
        ("Ilya Marchetti", "Port Vale FC"),
        ("Tomas Ferreira", "Northfield"),
        ("Tomás Ferreira", "Rovers"),
    ]
    assert people(any_store.transfer_claims(as_of=date(2024, 6, 30))) == [
        ("Tomas Ferreira", "Northfield")
    ]
    assert people(any_store.transfer_claims(as_of=date(2024, 7, 9)))[-1] == (
        "Tomás Ferreira", "Rovers",
    )  # fmt: skip
    assert people(any_store.transfer_claims(since=date(2024, 6, 1))) == [
        ("Tomás Ferreira", "Rovers")
    ]
    assert people(any_store.transfer_claims(until=date(2024, 5, 31))) == [
        ("Tomas Ferreira", "Northfield")
    ]


def test_filters_fold_case_and_accents(any_store: Store) -> None:
    any_store.add_extractions(
        [
            transfer_extraction(DEAL, person="Tomás Ferreira", to_club="Rovers",
                                from_club="Riverside", stage=Stage.MEDICAL,
                                source="Pitchside Weekly"),
            transfer_extraction(GOSSIP, person="Tomas Ferreira", to_club="Northfield",
                                outlet="Evening Courier"),
            transfer_extraction(LOAN, person="Ilya Marchetti", to_club="Port Vale FC"),
        ]
    )  # fmt: skip

    def targets(**filters: object) -> set[str | None]:
        return {c.claim.to_club for c in any_store.transfer_claims(**filters)}  # type: ignore[arg-type]

    assert targets(person="TOMAS") == {"Rovers", "Northfield"}
    assert targets(person="ferreíra") == {"Rovers", "Northfield"}
    assert targets(club="riverside") == {"Rovers"}  # matches the origin too
    assert targets(club="vale") == {"Port Vale FC"}
    assert targets(status="done") == {"Rovers"}
    assert targets(status="rumour") == {"Northfield", "Port Vale FC"}
    assert targets(source="pitchside") == {"Rovers"}  # the original attribution
    assert targets(source="courier") == {"Northfield"}  # the outlet
    assert targets(person="100%_") == set()  # LIKE wildcards are matched literally
    assert len(any_store.transfer_claims(limit=2)) == 2
    assert len(any_store.transfer_claims(limit=2, offset=2)) == 1


def test_every_claim_type_round_trips(any_store: Store) -> None:
    text = "Dana Okafor, 24, signed until 2027 at Rovers. Rovers beat Northfield 3-1."
    article = Article.from_text(text, published=date(2023, 1, 5), outlet="Valley Post",
                                title="Okafor stays", meta={"dataset": "hand"})  # fmt: skip
    prov = Provenance(article.id, Span(0, 10, text[:10]), "Valley Post", date(2023, 1, 5), "x.y.v1")
    claims = (
        TransferClaim("Dana Okafor", "Rovers", None, Status.RUMOUR, Stage.TALKS, prov,
                      fee=Fee(5.0e6, "EUR", kind="bid", upper=6.0e6),
                      window=Window(2023, "summer"), is_hedged=True, loan_option="option",
                      attribution=Attribution("Valley Post", "Sam Reed", ("Blog", "Valley Post"))),
        ContractClaim("Dana Okafor", "Rovers", "extension", prov, expires=2027),
        FactClaim("Dana Okafor", "age", "24", prov, as_of=date(2023, 1, 5)),
        Quote("Dana Okafor", "I am happy here", prov, about="Rovers", outlet="Valley Post"),
        MatchClaim("Rovers", "Northfield", 3, 1, prov, competition="League Cup"),
    )  # fmt: skip
    any_store.add_extractions([Extraction(article, (), claims)])
    stored = any_store.claims_for_article(article.id)
    assert [s.claim for s in stored] == list(claims)
    assert [s.claim.claim_type for s in any_store.claims(claim_type="fact")] == ["fact"]
    assert any_store.get_article(article.id).meta == {"dataset": "hand"}
    [transfer] = any_store.transfer_claims()
    assert isinstance(transfer.claim, TransferClaim)
    assert transfer.claim.attribution is not None
    assert transfer.claim.attribution.original == "Blog"
    assert any_store.transfer_claims(source="blog")  # the chain's first link is the source


def test_a_claim_of_another_article_is_refused_and_nothing_half_stored(any_store: Store) -> None:
    good = transfer_extraction(DEAL, person="Tomás Ferreira", to_club="Rovers")
    other = transfer_extraction(LOAN, person="Ilya Marchetti", to_club="Port Vale FC")
    broken = replace(other, claims=good.claims)
    with pytest.raises(StoreError):
        any_store.add_extractions([good, broken])
    assert any_store.count_articles() == 0
    assert any_store.transfer_claims() == []


def test_missing_things_raise_not_found(any_store: Store) -> None:
    with pytest.raises(NotFound):
        any_store.get_article("0" * 32)
    with pytest.raises(NotFound):
        any_store.get_claim(12345)
    with pytest.raises(NotFound):
        any_store.get_entity("club:nowhere")


def test_articles_listing_filters_and_pages(any_store: Store) -> None:
    any_store.add_extractions(
        [
            transfer_extraction(DEAL, person="Tomás Ferreira", to_club="Rovers",
                                published=date(2024, 7, 9), outlet="Valley Post"),
            transfer_extraction(GOSSIP, person="Tomas Ferreira", to_club="Northfield",
                                published=date(2024, 5, 2), outlet="Evening Courier"),
            transfer_extraction(LOAN, person="Ilya Marchetti", to_club="Port Vale FC",
                                published=None, outlet="Valley Post"),
        ]
    )  # fmt: skip
    listed = any_store.articles()
    assert [a.published for a in listed] == [date(2024, 7, 9), date(2024, 5, 2), None]
    assert [a.outlet for a in any_store.articles(outlet="valley post")] == ["Valley Post"] * 2
    assert [a.published for a in any_store.articles(since=date(2024, 6, 1))] == [date(2024, 7, 9)]
    assert [a.published for a in any_store.articles(until=date(2024, 6, 1))] == [date(2024, 5, 2)]
    assert len(any_store.articles(limit=1, offset=1)) == 1
    assert any_store.count_articles() == 3
    assert any_store.count_claims("transfer") == 3


def test_entities_and_aliases_are_added_once(any_store: Store) -> None:
    rovers = Entity("club:rovers", EntityKind.CLUB, "Rovers FC", country="ENG",
                    attributes={"founded": 1883})  # fmt: skip
    aliases = [Alias("club:rovers", "Rovers"), Alias("club:rovers", "the Hoops", "nickname")]
    assert any_store.add_entities([rovers], aliases) == 1
    assert any_store.add_entities([rovers], aliases) == 0
    assert any_store.get_entity("club:rovers") == rovers
    assert any_store.get_entity("club:rovers").attributes == {"founded": 1883}
    assert sorted(a.text for a in any_store.aliases_for("club:rovers")) == ["Rovers", "the Hoops"]


def test_reopening_a_file_keeps_what_was_stored(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'nested' / 'keep.db'}"
    with Store.open(url) as first:
        first.add_extractions(
            [transfer_extraction(DEAL, person="Tomás Ferreira", to_club="Rovers")]
        )
    with Store.open(url) as second:
        assert second.count_articles() == 1
        assert second.engine.dialect.name == "sqlite"
        with second.engine.connect() as conn:
            mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
        assert mode == "wal"


def test_in_memory_sqlite_is_one_database() -> None:
    with Store.open("sqlite:///:memory:") as memory:
        memory.add_extractions([transfer_extraction(LOAN, person="Ilya Marchetti", to_club="X")])
        assert memory.count_articles() == 1


def test_a_bad_url_is_a_store_error() -> None:
    with pytest.raises(StoreError):
        Store.open("not a url at all")


def test_the_samples_pipeline_on_each_backend(any_store: Store) -> None:
    from extraction_hooks import extract_or_fail
    from mercato.pipeline import ingest_paths
    from support import SAMPLES_DIR

    first = ingest_paths([SAMPLES_DIR], any_store, extract=extract_or_fail, batch_size=5)
    assert first.failed == 0 and first.ingested == any_store.count_articles() > 0
    again = ingest_paths([SAMPLES_DIR], any_store, extract=extract_or_fail, batch_size=5)
    assert (again.ingested, again.duplicates) == (0, first.ingested)
    assert len(any_store.transfer_claims(person="LINDQVIST", club="newcastle")) >= 4
