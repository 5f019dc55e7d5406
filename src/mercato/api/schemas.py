"""Response and request schemas of the REST API, kept apart from the store's tables."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a list, with the link to the next page when there is one."""

    items: list[T]
    page: int = Field(description="Page number, from 1.")
    per_page: int = Field(description="Items per page.")
    next: str | None = Field(default=None, description="URL of the next page, if any.")
    total: int | None = Field(
        default=None,
        description="How many items the whole list holds; null where counting them would read "
        "the whole table (articles, claims).",
    )


class ErrorOut(BaseModel):
    """Every error the API answers with."""

    error: str = Field(description="What went wrong, in one line.")
    detail: object | None = Field(default=None, description="Details, e.g. each bad parameter.")


class SpanOut(BaseModel):
    start: int
    end: int
    text: str


class FeeOut(BaseModel):
    amount: float
    currency: str
    kind: str
    add_ons: float | None = None
    upper: float | None = None
    is_approximate: bool = False


class AttributionOut(BaseModel):
    outlet: str | None = None
    journalist: str | None = None
    chain: list[str] = Field(default_factory=list)
    original: str | None = None


class ClaimOut(BaseModel):
    """A stored claim: its type, its fields, and where it was stated."""

    id: int
    claim_type: str = Field(description="transfer, contract, fact, quote or match.")
    article_id: str
    span: SpanOut
    outlet: str | None
    published: date | None
    extractor: str
    fields: dict[str, object] = Field(description="Every field of the claim, by name.")
    story_id: str | None = Field(default=None, description="The story of a transfer claim.")


class MentionOut(BaseModel):
    span: SpanOut
    kind: str
    entity_id: str | None
    label: str


class ArticleSummaryOut(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    published: date | None
    url: str | None
    kind: str


class ArticleOut(ArticleSummaryOut):
    """An article with its text, mentions and claims."""

    text: str
    language: str
    external_id: str | None
    mentions: list[MentionOut]
    claims: list[ClaimOut]


class CopyOut(BaseModel):
    claim_id: int
    article_id: str
    published: date


class StoryStepOut(BaseModel):
    claim_id: int
    article_id: str
    published: date | None
    stage: str
    status: str
    source: str | None
    outlet: str | None
    fee: FeeOut | None
    evidence: str
    copies: list[CopyOut] = Field(
        default_factory=list,
        description="The same report carried by other articles (a gossip page around its item, a syndicated copy), counted once.",
    )


class StorySummaryOut(BaseModel):
    """A possible move (person, destination, window) with where it stands."""

    id: str
    person: str
    person_id: str | None
    to_club: str | None
    to_club_id: str | None
    from_club: str | None
    stage: str
    status: str
    fee: FeeOut | None
    window: str | None
    first_reported: date | None
    last_reported: date | None
    first_reporter: str | None
    sources: list[str] = Field(description="Distinct original sources, earliest first.")
    claims: int = Field(description="Number of claims behind the story.")
    probability: float | None = Field(
        description="Probability it happens; null once its outcome is known."
    )
    independent_sources: int | None = Field(
        description="Independent sources (copies counted once)."
    )
    outcome: str | None = Field(default=None, description='"open", "happened" or "did not happen".')


class StoryOut(StorySummaryOut):
    """A story with its timeline."""

    timeline: list[StoryStepOut]


class FactOut(BaseModel):
    fact: str
    value: str
    as_of: date | None
    club: str | None
    article_id: str
    claim_id: int


class PersonOut(BaseModel):
    """A person as the claims describe them."""

    key: str
    name: str
    person_id: str | None
    current_club: str | None = Field(
        description="Destination of the latest completed move, if any."
    )
    facts: list[FactOut] = Field(description="One page of the facts, oldest first.")
    facts_total: int = Field(description="How many facts there are in all.")
    stories: list[StorySummaryOut] = Field(description="One page of the stories, latest first.")
    stories_total: int = Field(description="How many stories there are in all.")
    page: int = Field(description="Page number of every list, from 1.")
    per_page: int = Field(description="Items per page of each list.")
    next: str | None = Field(
        default=None, description="URL of the next page, while any list goes on."
    )


class ClubOut(BaseModel):
    """A club with the stories in and out of it."""

    key: str
    name: str
    club_id: str | None
    stories_in: list[StorySummaryOut] = Field(
        description="One page of the moves into the club, latest first."
    )
    stories_in_total: int = Field(description="How many moves into the club there are.")
    stories_out: list[StorySummaryOut] = Field(
        description="One page of the moves out of the club, latest first."
    )
    stories_out_total: int = Field(description="How many moves out of the club there are.")
    page: int = Field(description="Page number of both lists, from 1.")
    per_page: int = Field(description="Items per page of each list.")
    next: str | None = Field(
        default=None, description="URL of the next page, while either list goes on."
    )


class NamedOut(BaseModel):
    """A person or club the store knows, with how many claims name it."""

    key: str
    name: str
    claims: int


class SourceOut(BaseModel):
    """An outlet or journalist with its track record."""

    name: str
    kind: str = Field(description="outlet or journalist (as far as the claims tell).")
    stories: int
    happened: int
    did_not_happen: int
    pending: int
    reliability: float | None
    # A list of two, not a tuple: a tuple's `prefixItems` schema is not valid OpenAPI 3.0.
    interval: Annotated[list[float], Field(min_length=2, max_length=2)] | None
    first_reports: int = Field(description="Stories it reported first.")
    scored_by: str = Field(description="How the estimate is made.")


class SearchOut(BaseModel):
    query: str
    people: list[NamedOut]
    clubs: list[NamedOut]
    stories: list[StorySummaryOut]
    articles: list[ArticleSummaryOut]


class ArticleIn(BaseModel):
    """An article to ingest through the API."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=200_000)
    title: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(default=None, max_length=2000)
    outlet: str | None = Field(default=None, max_length=200)
    published: date | None = None
    language: str = Field(default="en", max_length=16)
    external_id: str | None = Field(default=None, max_length=200)
    kind: str = Field(default="article", pattern="^(article|gossip_item|tweet|snippet)$")


class IngestFailure(BaseModel):
    """An article that could not be extracted (the rest of the batch was stored)."""

    article_id: str
    error: str


class IngestOut(BaseModel):
    """What an ingest request stored."""

    added: int = Field(description="Articles stored by this request.")
    duplicates: int = Field(description="Articles that were already stored (or repeated).")
    article_ids: list[str] = Field(description="Ids of the articles posted, in order.")
    failed: list[IngestFailure] = Field(default_factory=list)
