"""Typed models for every dataset: the one place that says what a valid record is.

Field descriptions here are shown on the Data page and in the published JSON Schemas.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args, get_type_hints

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, model_validator

from build_scripts.data import dates


def _as_text(value: Any) -> Any:
    # YAML reads `2009` as a number; a year is still a date here.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _check_date(value: str) -> str:
    dates.parse(value)
    return value


DATE_SCHEMA = {  # what an editor's YAML plug-in checks while typing
    "anyOf": [{"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}, {"type": "integer", "minimum": 1000,
                                                                         "maximum": 9999}],
    "description": "A date as YYYY, YYYY-MM or YYYY-MM-DD, at the precision the source gives.",
}
PartialDate = Annotated[str, BeforeValidator(_as_text), AfterValidator(_check_date), WithJsonSchema(DATE_SCHEMA)]
Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Lower-case id: letters, digits, hyphens.")]

Section = Literal[
    "abstract",
    "introduction",
    "elite-discourse",
    "institutional-overlap",
    "discursive-space",
    "geopolitical-reality",
    "conclusions",
]
SECTION_TITLES: dict[str, str] = {
    "abstract": "Abstract",
    "introduction": "Introduction",
    "elite-discourse": "Elite Discourse",
    "institutional-overlap": "Institutional Overlap in ‘Eurasia’",
    "discursive-space": "The discursive space of Eurasia",
    "geopolitical-reality": "The geopolitical reality of Eurasia",
    "conclusions": "Conclusions",
}

# "frozen": a full member that has frozen its participation without leaving (Armenia in the CSTO
# from 2024); "suspended": membership suspended by the organisation or the member (Uzbekistan, CSTO, 2012).
Status = Literal[
    "member", "founding-member", "frozen", "associate", "observer", "dialogue-partner", "partner",
    "participant", "suspended", "candidate", "announced",
]
STATUSES: tuple[str, ...] = get_args(Status)
FULL_MEMBER_STATUSES = ("member", "founding-member", "frozen")
# Which full members memberships.yaml records for an organisation: every one over its life, some
# (members_note says which), or none. Text drawn from a partial list must say that it is partial.
Coverage = Literal["complete", "partial", "none"]
Domain = Literal["security", "economic", "political"]
Unit = Literal[
    "percent", "percent-of-gdp", "usd-billion", "usd-trillion", "million-people", "people",
    "count", "times", "year",
]


class Record(BaseModel):
    """Fields every record carries: where its facts come from."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    source: Id = Field(description="Id of the source in sources.yaml.")
    locator: str = Field(min_length=1, description="Where in the source: chapter section, or table/series and year.")
    note: str | None = Field(default=None, description="Anything a reader should know about this record.")


class Name(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    family: str | None = None
    given: str | None = None
    literal: str | None = Field(default=None, description="An organisation as author.")


class Source(BaseModel):
    """One bibliographic source, with CSL-JSON field names."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    id: Id
    type: Literal["chapter", "book", "article-journal", "article-newspaper", "report", "webpage",
                  "dataset", "legal_document", "treaty", "speech", "entry-encyclopedia"]
    title: str = Field(min_length=1)
    author: list[Name] = Field(default_factory=list)
    editor: list[Name] = Field(default_factory=list)
    container_title: str | None = Field(default=None, alias="container-title")
    collection_title: str | None = Field(default=None, alias="collection-title")
    publisher: str | None = None
    publisher_place: str | None = Field(default=None, alias="publisher-place")
    issued: PartialDate | None = Field(default=None, description="Publication date, at the precision known.")
    accessed: PartialDate | None = Field(default=None, description="When an online source was consulted.")
    URL: str | None = Field(default=None, pattern=r"^https?://")
    DOI: str | None = None
    number: str | None = None
    page: str | None = None
    license: str | None = Field(default=None, description="Licence or terms of the source.")
    consulted: str | None = Field(default=None, description="The passage, table or page consulted.")
    note: str | None = None


class Country(Record):
    id: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 3166-1 alpha-3 code.")
    name: str = Field(min_length=1)


class Organisation(Record):
    id: Id
    name: str = Field(min_length=1)
    abbr: str = Field(min_length=1, description="Abbreviation used in the essay.")
    founded: PartialDate
    dissolved: PartialDate | None = None
    domain: Domain
    predecessor: Id | None = None
    successor: Id | None = None
    in_chapter: bool = Field(description="Whether the chapter discusses this organisation.")
    full_members: Coverage = Field(description="Which full members memberships.yaml records: complete (every "
                                   "one), partial (members_note says which) or none.")
    members_note: str | None = Field(default=None, description="For a partial list: which members are "
                                     "recorded and why, as a phrase ('only the five BRICS countries, …').")

    @model_validator(mode="after")
    def partial_says_which(self) -> Organisation:
        if self.full_members == "partial" and not self.members_note:
            raise ValueError("a partial list of members needs members_note saying which members are recorded")
        return self


class Membership(Record):
    id: Id | None = Field(default=None, description="Optional id, for prose that cites this row's dates.")
    organisation: Id
    country: str = Field(pattern=r"^[A-Z]{3}$")
    status: Status
    from_: PartialDate = Field(alias="from")
    to: PartialDate | None = Field(default=None, description="Empty while the status still holds.")


class Event(Record):
    id: Id
    date: PartialDate
    title: str = Field(min_length=1)
    summary: str = Field(min_length=1)
    organisations: list[Id] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list)
    domain: Domain
    chapter_section: Section | None = Field(
        default=None, description="Section of the chapter that mentions it; empty if the chapter does not."
    )
    troops: int | None = Field(default=None, ge=0, description="Troops involved, where a source reports it.")


class Claim(Record):
    """A number the chapter states."""

    id: Id
    value: float
    value_high: float | None = Field(default=None, description="Upper end when the chapter gives a range.")
    unit: Unit
    approximate: bool = False
    year: PartialDate | None = None
    measures: str = Field(min_length=1)
    section: Section


class Observation(Record):
    """A value from a source outside the chapter (supplementary), or a chapter figure by entity."""

    id: Id
    series: Id
    entity: str = Field(min_length=1, description="Country code or organisation id.")
    year: PartialDate
    value: float
    unit: Unit
    measures: str = Field(min_length=1)
    supplementary: bool = Field(description="True when the value does not come from the chapter.")


class Theme(Record):
    id: Id
    order: int
    name: str
    summary: str
    section: Section
    key_phrase: str | None = None


class Role(Record):
    id: Id
    organisation: Id
    role: str = Field(min_length=1, description="The role Russia stresses there, in our words.")
    themes: list[Id] = Field(description="Identity themes the role draws on: stated by the chapter when the "
                             "basis is 'chapter', our reading otherwise.")
    themes_ours: list[Id] = Field(default_factory=list, description="Themes we link to a role that the chapter "
                                  "states, where the chapter itself does not make the link.")
    basis: Literal["chapter", "our-reading"] = Field(description="Stated by the chapter, or our reading of it.")
    section: Section
    key_phrase: str | None = None

    @model_validator(mode="after")
    def links_are_told_apart(self) -> Role:
        if self.themes_ours and self.basis != "chapter":
            raise ValueError("themes_ours is for a role the chapter states; with basis 'our-reading' every theme "
                             "in 'themes' is already ours")
        if set(self.themes) & set(self.themes_ours):
            raise ValueError("a theme is listed both as stated (themes) and as ours (themes_ours)")
        return self


class GlossaryEntry(Record):
    id: Id
    term: str = Field(min_length=1, description="The abbreviation or concept as it appears in the text.")
    kind: Literal["abbreviation", "concept"]
    expansion: str | None = Field(default=None, description="What an abbreviation stands for.")
    definition: str = Field(min_length=1, description="A short definition in our words.")
    treated_in: str | None = Field(default=None, pattern=r"^[a-z0-9-]+\.md(#[a-z0-9-]+)?$",
                                   description="Page (and anchor) where the essay treats it.")
    organisation: Id | None = Field(default=None, description="Organisation whose founding and members to show.")
    event: Id | None = Field(default=None, description="Event that created it, for a body that is not an "
                             "organisation of its own (its date is shown).")


class DatasetFile(BaseModel):
    """The shape of each data/*.yaml file: metadata, then records."""

    model_config = ConfigDict(extra="forbid")
    title: str
    description: str
    license: str
    records: list[dict[str, Any]]


# dataset name -> record model; the file is data/<name>.yaml
MODELS: dict[str, type[BaseModel]] = {
    "sources": Source,
    "countries": Country,
    "organisations": Organisation,
    "memberships": Membership,
    "events": Event,
    "claims": Claim,
    "observations": Observation,
    "themes": Theme,
    "roles": Role,
    "glossary": GlossaryEntry,
}


def date_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model typed PartialDate (attribute names: `from_`, not `from`)."""
    hints = get_type_hints(model, include_extras=True)
    return tuple(name for name in model.model_fields if PartialDate in (hints[name], *get_args(hints[name])))


# dataset name -> its date fields: the one list of which fields are dates, from the models themselves
DATE_FIELDS: dict[str, tuple[str, ...]] = {name: date_fields(model) for name, model in MODELS.items()}
