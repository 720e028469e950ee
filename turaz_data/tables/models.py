"""The table models: the single definition of every table.

Each table is one Pydantic model. Its fields carry their description, type and
constraints, plus a few keys in ``json_schema_extra`` that Table Schema needs and
Python types cannot say:

- ``fk``: ``"resource.field"``, a foreign key (for list fields: every item);
- ``edtf``: the string is an EDTF (level 0-1) date;
- ``example``: an example value, shown in the codebook.

``datapackage.json``, the Pandera schemas (:mod:`turaz_data.tables.schemas`) and the codebook
are generated from these models (:mod:`turaz_data.tables.fields`, :mod:`turaz_data.publish.descriptor`); nothing else lists fields.

Importing this module imports Pydantic; ``import turaz_data`` does not import it.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal, Optional

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from turaz_data.tables import rules, vocab

# --------------------------------------------------------------------------- rules
# Every rule is declared in turaz_data.tables.rules; the models only ask it, and raise the
# rule's code as the Pydantic error type (see rules.PYDANTIC_CODES for the built-in ones).

SLUG_PATTERN = rules.SLUG_PATTERN
FORMULA_START = rules.FORMULA_START
LIST_DELIMITER = rules.LIST_DELIMITER
text_problem = rules.text_problem


def _fail(rule: rules.Rule):
    return PydanticCustomError(rule.code, rule.message)


def _check_text(value: str) -> str:
    rule = rules.text_problem(value)
    if rule:
        raise _fail(rule)
    return value


def _check_edtf(value: str) -> str:
    rule = rules.edtf_rule(value)
    if rule:
        raise _fail(rule)
    return value


def _check_item(value: str) -> str:
    if LIST_DELIMITER in value:
        raise PydanticCustomError("list_items", "a list item must not contain the delimiter '|'")
    return value


Text = Annotated[str, AfterValidator(_check_text)]
#: Free text that is one item of a list cell.
ItemText = Annotated[Text, AfterValidator(_check_item)]
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=80)]
Edtf = Annotated[str, AfterValidator(_check_edtf)]
Url = Annotated[str, Field(pattern=rules.URL_PATTERN)]
Evidence = Annotated[ItemText, Field(max_length=rules.MAX_TOKEN_CHARS)]


def _lit(d: dict[str, str]):
    return Literal[tuple(d)]  # type: ignore[valid-type]


Support = _lit(vocab.SUPPORT)
Section = _lit(vocab.SECTIONS)
FootnoteKind = _lit(vocab.FOOTNOTE_KINDS)
WorkType = _lit(vocab.WORK_TYPES)
ActorType = _lit(vocab.ACTOR_TYPES)
EventCategory = _lit(vocab.EVENT_CATEGORIES)
AgreementKind = _lit(vocab.AGREEMENT_KINDS)
Provision = _lit(vocab.PROVISIONS)
ArmsCategory = _lit(vocab.ARMS_CATEGORIES)
DealType = _lit(vocab.DEAL_TYPES)
Qualifier = _lit(vocab.QUALIFIERS)
Measure = _lit(vocab.MEASURES)
Unit = _lit(vocab.UNITS)
CitationForm = _lit(vocab.CITATION_FORMS)
DateBasis = _lit(vocab.DATE_BASES)
ValueBasis = _lit(vocab.VALUE_BASES)
Attribution = _lit(vocab.ATTRIBUTIONS)
ClaimTable = _lit(vocab.CLAIM_TABLE_NAMES)

N_FOOTNOTES = rules.N_FOOTNOTES


def _x(**kw) -> dict:
    return {"json_schema_extra": kw}


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    #: The table's name in rules.ROW_RULES (set on each table model).
    _table: ClassVar[str] = ""

    @field_validator("*", mode="before")
    @classmethod
    def _gates(cls, value, info: ValidationInfo):
        """The gates of every text cell (control characters, white space at an end, formula
        start), before the column's own rules, as the file engine applies them."""
        if isinstance(value, str) and value and info.field_name not in _numeric_fields(cls):
            rule = rules.text_rule(value)
            if rule:
                raise _fail(rule)
        return value

    @model_validator(mode="after")
    def _row_rules(self):
        broken = rules.row_problems(self._table, self.__dict__)
        if broken:
            raise _fail(broken[0])
        return self


def _numeric_fields(model: type[_Row]) -> frozenset[str]:
    """The integer and number fields of a model (their text form is judged by its grammar)."""
    found = _NUMERIC.get(model)
    if found is None:
        numeric = (int, float, Optional[int], Optional[float])
        found = _NUMERIC[model] = frozenset(n for n, f in model.model_fields.items() if f.annotation in numeric)
    return found


_NUMERIC: dict[type, frozenset[str]] = {}


# --------------------------------------------------------------------------- reference tables


class Footnote(_Row):
    """One footnote of the article."""

    _table: ClassVar[str] = "footnotes"

    footnote: int = Field(
        ge=1, le=N_FOOTNOTES, description="The footnote number as printed, 1-59.", **_x(example=13)
    )
    section: Section = Field(
        description="The section of the article in which the footnote's marker stands.",
        **_x(example="2"),
    )
    kind: FootnoteKind = Field(
        description="What the footnote does: cites, repeats an earlier citation, or comments.",
        **_x(example="comment"),
    )
    url: Optional[Url] = Field(
        None,
        description="The first web address the footnote gives, with line-break and layout "
        "hyphens of the extraction removed.",
        **_x(example="https://www.nato.int/cps/en/natohq/topics_50349.htm"),
    )
    accessed: Optional[_dt.date] = Field(
        None, description="The access date the footnote gives ('erişim'), as an ISO date.",
        **_x(example="2023-07-21"),
    )
    summary: Optional[Text] = Field(
        None,
        description="For footnotes that comment: what they add, in our own English words. "
        "Required when kind is 'comment', empty otherwise.",
        **_x(example="Adds that the Ottoman Empire was the only country to help Azerbaijan train its army in 1918."),
    )
    note: Optional[Text] = Field(
        None, description="Curator's note: problems with the footnote (e.g. it does not support its claim).",
        **_x(example="The web address no longer resolves."),
    )


class Work(_Row):
    """A distinct work cited by the footnotes."""

    _table: ClassVar[str] = "works"

    work_id: Slug = Field(description="Stable slug: first author's family name and year, e.g. cornell-1998.", **_x(example="cornell-1998"))
    type: WorkType = Field(description="CSL item type of the work.", **_x(example="article-journal"))
    authors: list[ItemText] = Field(
        default_factory=list,
        description="Authors as 'Family, Given', in the order printed; an institution as one name. Empty when none is given.",
        **_x(example=["Cornell, Svante E."]),
    )
    title: Text = Field(description="Title as printed in the footnote.", **_x(example="Turkey and the Conflict in Nagorno Karabakh: A Delicate Balance"))
    container: Optional[Text] = Field(None, description="Journal, book, series or web site that contains the work.", **_x(example="Middle Eastern Studies"))
    editors: list[ItemText] = Field(default_factory=list, description="Editors of the containing book as 'Family, Given'.", **_x(example=["Veliyev, Cavid"]))
    publisher: Optional[Text] = Field(None, description="Publisher or issuing institution.", **_x(example="Berikan Yayınevi"))
    place: Optional[Text] = Field(None, description="Place of publication as printed.", **_x(example="Ankara"))
    year: Optional[int] = Field(None, ge=1900, le=2023, description="Year of publication.", **_x(example=1998))
    volume: Optional[Text] = Field(None, description="Volume as printed.", **_x(example="34"))
    issue: Optional[Text] = Field(None, description="Issue as printed.", **_x(example="1"))
    url: Optional[Url] = Field(None, description="Web address of the work, extraction hyphens removed.", **_x(example="https://www.bbc.com/turkce/haberler-dunya-54917938"))
    accessed: Optional[_dt.date] = Field(None, description="Latest access date the footnotes give for it.", **_x(example="2023-08-12"))
    note: Optional[Text] = Field(None, description="Curator's note on the reference (misprints, missing data).", **_x(example="The footnote gives no page numbers."))


class Citation(_Row):
    """One (footnote, work) pair: which footnote cites which work, where."""

    _table: ClassVar[str] = "citations"

    footnote: int = Field(ge=1, le=N_FOOTNOTES, description="The citing footnote.", **_x(fk="footnotes.footnote", example=21))
    work_id: Slug = Field(description="The cited work.", **_x(fk="works.work_id", example="cornell-1998"))
    form: CitationForm = Field(description="How the footnote cites the work.", **_x(example="ibid"))
    locator: Optional[Text] = Field(None, description="Pages as printed, without 's.', e.g. '33-35'.", **_x(example="62"))
    repeats: Optional[int] = Field(
        None, ge=1, le=N_FOOTNOTES,
        description="For short, ibid. ('Age') and op. cit. ('Agk.') forms: the earlier footnote whose citation it repeats.",
        **_x(fk="footnotes.footnote", example=20),
    )


class Actor(_Row):
    """A state, organisation, body, unit or company named in the data."""

    _table: ClassVar[str] = "actors"

    actor_id: Slug = Field(description="Stable id; states use their lower-case ISO 3166-1 alpha-3 code.", **_x(example="aze"))
    name_en: Text = Field(description="English name.", **_x(example="Azerbaijan"))
    name_tr: Text = Field(description="Turkish name, as the article prints it where it does.", **_x(example="Azerbaycan"))
    names_tr: list[ItemText] = Field(
        default_factory=list,
        description="Every form the article uses for the actor, bare (without case suffixes): names, short forms, "
        "capitals standing for governments, abbreviations. A row that gives the actor a role is checked against these "
        "forms. Empty when the article never names the actor (rows then list it in unnamed_actors).",
        **_x(example=["Azerbaycan", "Bakü", "Bakü yönetimi"]),
    )
    type: ActorType = Field(description="Kind of actor.", **_x(example="state"))
    iso3: Optional[Annotated[str, Field(pattern=r"^[A-Z]{3}$")]] = Field(
        None, description="ISO 3166-1 alpha-3 code, for states that have one.", **_x(example="AZE")
    )
    country: Optional[Slug] = Field(
        None, description="For bodies, units and companies: the state they belong to.", **_x(fk="actors.actor_id", example="tur")
    )
    note: Optional[Text] = Field(None, description="Curator's note.", **_x(example="The article also calls it AHC."))


# --------------------------------------------------------------------------- claim tables


class _Claim(_Row):

    id: Slug = Field(description="Stable, meaningful id of the row, unique across the four claim tables; "
                     "an id once withdrawn (see retractions) is never used again.",
                     **_x(example="1992-08-military-education-agreement"))
    footnote: int = Field(ge=1, le=N_FOOTNOTES, description="The footnote that backs the row.", **_x(fk="footnotes.footnote", example=18))
    support: Support = Field(description="Where the footnote backs it: its sentence, its paragraph, or its own text.", **_x(example="sentence"))
    evidence: Annotated[list[Evidence], Field(min_length=1, max_length=4)] = Field(
        description="1-4 verbatim tokens (at most 80 characters each) of the article, found in that scope.",
        **_x(example=["11 Ağustos 1992", "Askeri Eğitim İşbirliği Antlaşması"]),
    )
    note: Optional[Text] = Field(None, description="Curator's note: doubts, inconsistencies in the article, a footnote that does not support the claim; "
                                 "required to explain an inferred value and every unnamed actor.", **_x(example="The article gives another year in its conclusion."))
    date: Optional[Edtf] = Field(None, description="When, as an EDTF date or interval.", **_x(edtf=True, example="1992-08-11"))
    date_basis: Optional[DateBasis] = Field(
        None,
        description="Where the row's date comes from: printed in the cited scope (stated), taken from another row "
        "(context, see date_from), or inferred by the curator (the date then carries ~, ? or % and the note explains). "
        "Required when the row has a date, empty otherwise.",
        **_x(example="context"),
    )
    date_from: Optional[Slug] = Field(
        None,
        description="For a context date: the id of the claim row (of any claim table) the date is taken from; "
        "the row's date equals that row's date or lies within it. Empty for other bases.",
        **_x(claim_ref=True, example="2020-09-27-second-karabakh-war"),
    )
    attribution: Attribution = Field(
        description="Whether the article states the claim as fact (asserted), reports what someone says or what is "
        "known (reported), or relays someone's judgement (assessment).",
        **_x(example="reported"),
    )
    attributed_to: Optional[Text] = Field(
        None,
        description="Who says it, as the article names them (or 'the cited work' when it names no one); required "
        "for reported and assessment, empty for asserted.",
        **_x(example="Kasapoğlu"),
    )
    unnamed_actors: list[Slug] = Field(
        default_factory=list,
        description="Actor ids the row gives a role (in its actor columns) that the cited scope does not name; the "
        "note says why each is there. Every other actor of the row is named in the scope by one of its names_tr.",
        **_x(fk="actors.actor_id", example=["aze"]),
    )
    part_of: Optional[Slug] = Field(
        None,
        description="The id of a row of the same table that covers this one (an aggregate of which this row is a "
        "part). To count without double counting, sum either the aggregate or its parts, never both.",
        **_x(fk="self.id", example="2011-2020-rocket-artillery"),
    )
    overlaps: list[Slug] = Field(
        default_factory=list,
        description="Ids of rows of the same table that may describe the same thing, though the article does not "
        "say so for certain; the note explains.",
        **_x(fk="self.id", example=["2000-tcg-ab-34-boat-grant"]),
    )


class Event(_Claim):
    """A dated event: visit, exercise, war, deployment, founding, decision, statement."""

    _table: ClassVar[str] = "events"

    date: Edtf = Field(description="When, as an EDTF date or interval.", **_x(edtf=True, example="2020-09-27/2020-11-10"))
    category: EventCategory = Field(description="Kind of event.", **_x(example="exercise"))
    actors: Annotated[list[Slug], Field(min_length=1)] = Field(
        description="Participants: the actors who act in the event (who visit, exercise, fight, decide, found, say), by actor_id.",
        **_x(fk="actors.actor_id", example=["tur", "aze", "geo"]))
    targets: list[Slug] = Field(
        default_factory=list,
        description="Actors the event is directed at or against and who do not act in it: the state attacked, the "
        "host of a visit who is not a participant, the body a decision concerns; by actor_id. Never also in actors.",
        **_x(fk="actors.actor_id", example=["arm"]))
    place: Optional[Text] = Field(None, description="Where, in English.", **_x(example="Baku"))
    description: Text = Field(description="What happened, in our own English words.", **_x(example="Joint exercise of Turkish, Azerbaijani and Georgian forces."))
    agreement_id: Optional[Slug] = Field(None, description="The agreement the event belongs to, if any.", **_x(fk="agreements.id", example="2010-strategic-partnership-agreement"))


class Agreement(_Claim):
    """A treaty, agreement, protocol, memorandum or declaration."""

    _table: ClassVar[str] = "agreements"

    date: Edtf = Field(description="Date of signature as an EDTF date.", **_x(edtf=True, example="1992-08-11"))
    kind: AgreementKind = Field(description="Kind of instrument.", **_x(example="agreement"))
    title_tr: Optional[Text] = Field(None, description="Title as printed in the article (Turkish); empty when the article gives none.", **_x(example="Askeri Eğitim İşbirliği Antlaşması"))
    title_en: Text = Field(description="English title, in our own words.", **_x(example="Military Education Cooperation Agreement"))
    parties: Annotated[list[Slug], Field(min_length=1)] = Field(
        description="Signatories only, by actor_id (when the article says that the member states of a body signed, "
        "the member states, not the body).", **_x(fk="actors.actor_id", example=["tur", "aze"]))
    named: list[Slug] = Field(
        default_factory=list,
        description="Other bodies the article names about the agreement (what it covers, who brokered or hosts it), "
        "by actor_id; never signatories.", **_x(fk="actors.actor_id", example=["rus-air-force"]))
    provisions: list[Provision] = Field(default_factory=list, description="Provisions the article reports, as tags.", **_x(example=["training"]))
    articles: Optional[int] = Field(None, ge=1, description="Number of articles, where the article gives it.", **_x(example=11))
    place: Optional[Text] = Field(None, description="Place of signature, in English.", **_x(example="Baku"))
    description: Text = Field(description="What it provides, in our own English words.", **_x(example="Turkish retired officers train the Azerbaijani army; 200 cadets study in Türkiye."))


class ArmsTransfer(_Claim):
    """A transfer of weapons or military equipment, sold or given (SIPRI register style)."""

    _table: ClassVar[str] = "arms_transfers"

    date: Edtf = Field(description="Year(s) of order or delivery, as EDTF.", **_x(edtf=True, example="2011/2020"))
    supplier: Slug = Field(description="Supplier, by actor_id.", **_x(fk="actors.actor_id", example="tur"))
    recipient: Slug = Field(description="Recipient, by actor_id.", **_x(fk="actors.actor_id", example="aze"))
    designation: Optional[Text] = Field(None, description="Weapon designation as printed; empty when only a kind is named.", **_x(example="Bayraktar-TB2"))
    description: Text = Field(description="What was transferred, in our own English words.", **_x(example="Armed UAV with MAM-L guided bombs"))
    category: ArmsCategory = Field(description="Weapon category in the spirit of the SIPRI register.", **_x(example="aircraft"))
    number: Optional[int] = Field(None, ge=1, description="Number of items, where given.", **_x(example=5))
    number_qualifier: Optional[Qualifier] = Field(None, description="Qualifier of number; required when number is given.", **_x(example="at_least"))
    number_basis: Optional[ValueBasis] = Field(
        None, description="Whether the scope prints the number (stated) or the curator inferred it (inferred, with a "
        "note); required when number is given.", **_x(example="stated"))
    deal_type: DealType = Field(description="Sold or given.", **_x(example="sale"))
    agreement_id: Optional[Slug] = Field(None, description="The agreement it was made under, if any.", **_x(fk="agreements.id", example="2001-03-01-free-military-aid-agreement"))


class Quantity(_Claim):
    """Any other figure: personnel, money, shares, ratios, ranks, equipment destroyed."""

    _table: ClassVar[str] = "quantities"

    measure: Measure = Field(description="What kind of figure it is (rank only where the article gives a ranked list; "
                             "a superlative is not a rank).", **_x(example="share"))
    subject: Text = Field(description="What the figure counts, in our own English words.", **_x(example="Share of Azerbaijan's arms imports supplied by Israel"))
    actors: list[Slug] = Field(default_factory=list, description="Actors the figure is about, by actor_id.", **_x(fk="actors.actor_id", example=["aze", "isr"]))
    value: float = Field(ge=0, description="The figure, normalised (decimal point, full units).", **_x(example=69.0))
    unit: Unit = Field(description="Unit of value.", **_x(example="percent"))
    qualifier: Qualifier = Field(description="How exact the figure is: the hedge the article prints, no stronger "
                                 "and no weaker ('yarısı', half, is an exact fraction).", **_x(example="exact"))
    value_basis: ValueBasis = Field(
        description="Whether the scope prints the figure (stated) or the curator inferred it (inferred, with a note).",
        **_x(example="stated"))
    date: Optional[Edtf] = Field(None, description="Date or period the figure refers to, as EDTF.", **_x(edtf=True, example="2016/2020"))
    event_id: Optional[Slug] = Field(None, description="The event the figure belongs to, if any.", **_x(fk="events.id", example="2020-second-karabakh-war"))
    agreement_id: Optional[Slug] = Field(None, description="The agreement the figure belongs to, if any.", **_x(fk="agreements.id", example="2010-strategic-partnership-agreement"))
    transfer_id: Optional[Slug] = Field(None, description="The arms transfer the figure belongs to, if any.", **_x(fk="arms_transfers.id", example="2020-bayraktar-tb2-to-azerbaijan"))


class Retraction(_Row):
    """A claim row withdrawn from the data: its id is never used again."""

    id: Slug = Field(description="The id of the withdrawn row.", **_x(example="2020-israel-largest-supplier-rank"))
    table: ClaimTable = Field(description="The claim table the row stood in.", **_x(example="quantities"))
    version: Annotated[str, Field(pattern=r"^[0-9]+[.][0-9]+[.][0-9]+$")] = Field(
        description="The release in which the row was withdrawn.", **_x(example="0.2.0"))
    reason: Text = Field(description="Why it was withdrawn, in our own English words.",
                         **_x(example="A superlative in the article, not a rank in a list."))
    replaced_by: Optional[Slug] = Field(
        None, description="The id of the claim row that replaces it, if any.",
        **_x(claim_ref=True, example="2020-israel-largest-supplier"))


# --------------------------------------------------------------------------- registry


@dataclass(frozen=True)
class TableSpec:
    """A table: its name, model, key and description."""

    name: str
    model: type[_Row]
    title: str
    description: str
    primary_key: tuple[str, ...]
    claim: bool

    @property
    def path(self) -> str:
        return f"tables/{self.name}.csv"


TABLES: tuple[TableSpec, ...] = (
    TableSpec("footnotes", Footnote, "Footnotes", "All 59 footnotes of the article: section, kind, web address, access date, and an English summary of those that comment.", ("footnote",), False),
    TableSpec("works", Work, "Works cited", "Every distinct work the footnotes cite, once, with CSL-style bibliographic fields.", ("work_id",), False),
    TableSpec("citations", Citation, "Citations", "Which footnote cites which work, with the pages; repeats (Age, Agk., short forms) resolved to the earlier footnote.", ("footnote", "work_id"), False),
    TableSpec("actors", Actor, "Actors", "States, organisations, state bodies, military units and companies the data names.", ("actor_id",), False),
    TableSpec("events", Event, "Events", "Dated events backed by a footnote: visits, exercises, wars, deployments, foundings, decisions, statements.", ("id",), True),
    TableSpec("agreements", Agreement, "Agreements", "Treaties, agreements, protocols, memoranda and declarations backed by a footnote.", ("id",), True),
    TableSpec("arms_transfers", ArmsTransfer, "Arms transfers", "Weapons and military equipment sold or given, backed by a footnote, in the style of the SIPRI register.", ("id",), True),
    TableSpec("quantities", Quantity, "Quantities", "Every other figure backed by a footnote: personnel, money, shares, ratios, ranks, equipment destroyed.", ("id",), True),
    TableSpec("retractions", Retraction, "Retractions", "Claim rows withdrawn since the first release, with the reason; their ids are never used again.", ("id",), False),
)

TABLES_BY_NAME = {t.name: t for t in TABLES}
CLAIM_TABLES = tuple(t.name for t in TABLES if t.claim)

#: Which vocabulary each coded field draws from (for categories and the codebook).
VOCABULARIES: dict[str, dict[str, str]] = {
    "support": vocab.SUPPORT,
    "section": vocab.SECTIONS,
    "footnotes.kind": vocab.FOOTNOTE_KINDS,
    "works.type": vocab.WORK_TYPES,
    "actors.type": vocab.ACTOR_TYPES,
    "events.category": vocab.EVENT_CATEGORIES,
    "agreements.kind": vocab.AGREEMENT_KINDS,
    "provisions": vocab.PROVISIONS,
    "arms_transfers.category": vocab.ARMS_CATEGORIES,
    "deal_type": vocab.DEAL_TYPES,
    "number_qualifier": vocab.QUALIFIERS,
    "qualifier": vocab.QUALIFIERS,
    "measure": vocab.MEASURES,
    "unit": vocab.UNITS,
    "form": vocab.CITATION_FORMS,
    "date_basis": vocab.DATE_BASES,
    "number_basis": vocab.VALUE_BASES,
    "value_basis": vocab.VALUE_BASES,
    "attribution": vocab.ATTRIBUTIONS,
    "retractions.table": vocab.CLAIM_TABLE_NAMES,
}


def vocabulary(table: str, field: str) -> dict[str, str] | None:
    """The vocabulary of a coded field, or None."""
    return VOCABULARIES.get(f"{table}.{field}") or VOCABULARIES.get(field)


#: One coherent example row per table (taken from the shipped data): the template a
#: contributor starts from shows it, and tests check that it validates and verifies.
EXAMPLE_ROWS: dict[str, dict] = {
    "footnotes": {"footnote": 21, "section": "2", "kind": "repeat", "url": None, "accessed": None,
                  "summary": None, "note": "'Age' (ibid.): repeats footnote 20, Cornell 1998."},
    "works": {"work_id": "cornell-1998", "type": "article-journal", "authors": ["Cornell, Svante E."],
              "title": "Turkey and the Conflict in Nagorno Karabakh: A Delicate Balance",
              "container": "Middle Eastern Studies", "editors": [], "publisher": None, "place": None,
              "year": 1998, "volume": "34", "issue": "1", "url": None, "accessed": None, "note": None},
    "citations": {"footnote": 21, "work_id": "cornell-1998", "form": "ibid", "locator": "62", "repeats": 20},
    "actors": {"actor_id": "tur-naval-forces", "name_en": "Turkish Naval Forces", "name_tr": "Türk Deniz Kuvvetleri",
               "names_tr": ["Türk Deniz Kuvvetleri"], "type": "state_body", "iso3": None, "country": "tur", "note": None},
    "events": {"id": "2021-01-30-joint-monitoring-centre-opened", "footnote": 51, "support": "sentence",
               "evidence": ["30 Ocak 2021", "Ortak Gözlem Merkezi"],
               "note": "Not named in the cited scope: the sentence says '60 Türk' (60 Turkish soldiers), not Türkiye.",
               "date": "2021-01-30", "date_basis": "stated", "date_from": None, "attribution": "asserted",
               "attributed_to": None, "unnamed_actors": ["tur"], "part_of": None, "overlaps": [], "category": "institution", "actors": ["tur", "rus"], "targets": [], "place": None,
               "description": "The joint Turkish-Russian centre monitoring the ceasefire opens.",
               "agreement_id": "2020-11-10-trilateral-ceasefire-statement"},
    "agreements": {"id": "1992-08-11-military-education-agreement", "footnote": 18, "support": "sentence",
                   "evidence": ["11 Ağustos 1992", "Askeri Eğitim İşbirliği Antlaşması"], "note": None,
                   "date": "1992-08-11", "date_basis": "stated", "date_from": None, "attribution": "asserted", "attributed_to": None,
               "unnamed_actors": [], "part_of": None, "overlaps": [], "kind": "treaty",
                   "title_tr": "Askeri Eğitim İşbirliği Antlaşması",
                   "title_en": "Military Education Cooperation Agreement", "parties": ["tur", "aze"], "named": [],
                   "provisions": ["training"], "articles": None, "place": None,
                   "description": "Retired Turkish officers help train the Azerbaijani army and 200 Azerbaijani cadets study at Turkish military schools."},
    "arms_transfers": {"id": "2020-bayraktar-tb2-at-least-five", "footnote": 49, "support": "paragraph",
                       "evidence": ["en az beş", "Bayraktar-TB2", "2020 savaşından kısa bir süre önce"],
                       "note": "Date inferred: the scope says only '2020 savaşından kısa bir süre önce' (shortly before "
                               "the 2020 war). The article reports the purchase as known ('alındığı bilinmektedir').",
                       "date": "2020~", "date_basis": "inferred", "date_from": None, "attribution": "reported",
                       "attributed_to": "the cited work", "unnamed_actors": [], "part_of": "2011-2020-armed-uavs",
                       "overlaps": [], "supplier": "tur", "recipient": "aze", "designation": "Bayraktar-TB2",
                       "description": "Armed drones, delivered armed with MAM-L guided bombs (the bombs have their own row, part of this one).",
                       "category": "aircraft", "number": 5, "number_qualifier": "at_least",
                       "number_basis": "stated", "deal_type": "sale", "agreement_id": None},
    "quantities": {"id": "1999-2015-azerbaijani-personnel-pfp-courses", "footnote": 2, "support": "sentence",
                   "evidence": ["1999-2015", "762 askerî personel"], "note": None, "date": "1999/2015",
                   "date_basis": "stated", "date_from": None, "attribution": "asserted", "attributed_to": None,
               "unnamed_actors": [], "part_of": None, "overlaps": [], "measure": "personnel",
                   "subject": "Azerbaijani military personnel who attended NATO Partnership for Peace courses held in Türkiye",
                   "actors": ["aze", "tur"], "value": 762.0, "unit": "person", "qualifier": "exact",
                   "value_basis": "stated", "event_id": None, "agreement_id": None, "transfer_id": None},
    "retractions": {"id": "longstanding-israel-largest-arms-supplier-of-azerbaijan", "table": "quantities",
                    "version": "0.2.0",
                    "reason": "Coded a superlative ('the largest supplier') as rank 1, though no ranked list stands "
                              "behind it; the share row of footnote 7 keeps the figure the article gives.",
                    "replaced_by": "2016-2020-share-of-azerbaijani-arms-imports-from-israel"},
}
