"""Tests of kg.registry.countries: one State per ISO country, capitals, cities."""

from __future__ import annotations

from kg.registry import lexicon, load_registry


def test_registry_covers_every_iso_country():
    import pycountry

    reg = load_registry()
    codes = {a.country for a in reg.values() if a.cls == "State"}
    assert {c.alpha_3 for c in pycountry.countries} <= codes
    assert reg["US"].code == "USA" and reg["US"].country == "USA"
    assert "USA" not in reg  # the United States has the id US
    assert reg["XKX"].label == "Kosovo"
    assert reg["PSE"].label == "Palestine"
    assert {"Washington", "America", "American"} <= set(reg["US"].aliases)


def test_capitals_and_metonyms_stand_for_the_government():
    lex = lexicon()
    # a seat of government that is not the capital (La Paz, not Sucre) too
    for text in ("Damascus", "Kremlin", "the Kremlin", "White House", "La Paz"):
        assert lex.aliases[text].kind == "CAPITAL" and lex.aliases[text].sector == "GOV"
    assert lex.aliases["Syrians"].kind == "DEMONYM"  # a generated plural


def test_cities_resolve_to_their_country_and_are_not_ruler_aliases():
    lex = lexicon()
    assert lex.actors[lex.cities["Mosul"]].country == "IRQ"
    assert lex.actors[lex.cities["Hamburg"]].country == "DEU"
    assert "Mosul" not in lex.aliases
    # places of the data file are aliases (matched by the ruler)
    assert lex.aliases["Samarra"].kind == "PLACE" and "Samarra" not in lex.cities
    assert all(c not in lex.drop for c in lex.cities)


def test_dropped_names_are_not_aliases():
    lex = lexicon()
    assert lex.drop
    assert not any(d in lex.cities for d in lex.drop)
