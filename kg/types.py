"""Frozen records that flow through kg: Article, Actor, Mention, Assertion.

The data flow is ``text -> Article -> spaCy Doc -> Mention -> Assertion -> RDF``.
Every record is immutable and hashable so that extraction is reproducible and
records can be used as dictionary keys or set members.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Name of the thread a query runs in; the command line ends at once when one is
#: still inside the store at exit (:func:`kg.cli.console`).
QUERY_THREAD = "kg-query"


class KGError(Exception):
    """Base class of every error kg raises on bad input or a failed operation.

    The message is one line that names the bad value and, where it helps, the
    allowed values. The command line prints it and exits with status 1.
    """


@dataclass(frozen=True)
class Article:
    """One news article.

    Attributes:
        id: Stable identifier, unique within a corpus (used in IRIs).
        text: Full text: the title line (once), a blank line, then the body.
        title: Headline, if known.
        date: Publication date as ISO ``YYYY-MM-DD``; relative dates in the text
            ("on Tuesday", "last month") are normalised against it.
        url: Where the article was published.
        source: Publisher name ("Middle East Monitor").
        path: The file it was read from, if any.

    Examples:
        >>> Article(id="a1", text="Iran condemned Israel.").date is None
        True
    """

    id: str
    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None
    path: str | None = None


@dataclass(frozen=True)
class Actor:
    """A registry entry: one canonical political actor.

    Attributes:
        id: Short, stable canonical id (``US``, ``HTS``, ``ISIS``, ``SYR``).
        label: Preferred English name.
        cls: Ontology class local name (``State``, ``Government``, ``Military``,
            ``Agency``, ``ArmedGroup``, ``Party``, ``InternationalOrganisation``,
            ``Media``, ``Person``, ``Place``, ``Organisation``, ``Group``).
        country: ISO-3166 alpha-3 code of the country it belongs to, or None.
        sector: CAMEO-style sector (``GOV``, ``MIL``, ``REB``, ``OPP``, ``IGO``, ...).
        code: CAMEO-style actor code (``USAGOV``, ``SYRREB``, ``IMGMUSISI``).
        aliases: Surface forms that name the actor (matched case-sensitively).
        wikidata: Wikidata QID (``Q30``) or None.
        valid_from: ISO date from which the entry applies, or None.
        valid_to: ISO date until which the entry applies, or None.
        predecessor: Id of the actor this one succeeded (lineage), or None.
        parent: Id of the actor this one belongs to (a ministry's state), or None.
    """

    id: str
    label: str
    cls: str = "Organisation"
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    predecessor: str | None = None
    parent: str | None = None


@dataclass(frozen=True)
class Mention:
    """A span of an article that refers to an actor.

    Attributes:
        actor: Canonical actor id (``ent.ent_id_``).
        text: The surface text ("American intelligence officials").
        start: Character offset of the first character in the article text.
        end: Character offset one past the last character.
        sentence: Index of the sentence (0-based) in the article.
        label: Canonical label of the actor.
        cls: Ontology class local name of the actor.
        country: ISO-3166 alpha-3 country, or None.
        sector: CAMEO-style sector of this mention ("Syrian security forces" is
            ``MIL`` even though the actor is the state), or None.
        code: CAMEO-style actor code of this mention (``SYRMIL``).
        known: False for organisations found by NER but absent from the registry.
    """

    actor: str
    text: str
    start: int
    end: int
    sentence: int = 0
    label: str = ""
    cls: str = "Organisation"
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    known: bool = True


@dataclass(frozen=True)
class Assertion:
    """One relation event between two actors, as stated in one sentence.

    Attributes:
        article: Id of the article.
        source: The acting actor's mention.
        target: The actor acted upon.
        relation: Relation name from the vocabulary (``sharesIntelligenceWith``).
        sentence: Sentence index in the article (0-based).
        start: Character offset of the sentence start in the article text.
        end: Character offset of the sentence end.
        evidence: The sentence text.
        negated: True when the text denies or withholds the relation.
        modality: ``asserted``, ``reported``, ``intended``, ``planned`` or
            ``hypothetical``.
        attribution: Who the claim is attributed to ("the Washington Post"), or None.
        date: ISO date of the event, normalised against the article date, or None.
        confidence: Extractor confidence in ``[0, 1]``.
        trigger: The word(s) that triggered the pattern.
        cameo: CAMEO event code of the relation.
        plover: PLOVER category of the relation.
        quad_class: 1 verbal coop, 2 material coop, 3 verbal conflict,
            4 material conflict.
    """

    article: str
    source: Mention
    target: Mention
    relation: str
    sentence: int
    start: int
    end: int
    evidence: str
    negated: bool = False
    modality: str = "asserted"
    attribution: str | None = None
    date: str | None = None
    confidence: float = 1.0
    trigger: str = ""
    cameo: str = ""
    plover: str = ""
    quad_class: int = 0
    extra: tuple[tuple[str, str], ...] = field(default=())

    @property
    def asserted(self) -> bool:
        """True when the relation may become a direct triple.

        Only claims stated as fact (``asserted``) or attributed to a source
        (``reported``) and not negated become direct triples; intended, planned
        and hypothetical events live only as event nodes.
        """
        return not self.negated and self.modality in ("asserted", "reported")
