"""Tests of kg.registry: load_registry, the packaged entries and leaders, the cache."""

from __future__ import annotations

import time

from kg.registry import CLASSES, lexicon, load_registry


def test_registry_has_the_curated_actors_and_their_lineage():
    reg = load_registry()
    assert reg["ISIS"].code == "IMGMUSISI"
    assert reg["HTS"].code == "SYRREB" and reg["HTS"].predecessor == "JFS"
    assert reg["JFS"].predecessor == "NUSRA"
    assert reg["NUSRA"].valid_to == "2016-07-28"
    for aid in (
        "UN",
        "EU",
        "NATO",
        "AU",
        "ARABLEAGUE",
        "OPEC",
        "IAEA",
        "ICC",
        "WB",
        "IMF",
        "ASEAN",
        "OSCE",
        "ECOWAS",
        "ICRC",
        "AMNESTY",
        "HRW",
        "HEZBOLLAH",
        "HAMAS",
        "HOUTHIS",
        "SDF",
        "YPG",
        "PKK",
        "TALIBAN",
        "SHABAAB",
        "BOKOHARAM",
        "WAGNER",
        "AQ",
    ):
        assert aid in reg, aid


def test_registry_entries_are_well_formed():
    reg = load_registry()
    for aid, actor in reg.items():
        assert actor.id == aid
        assert actor.cls in CLASSES, aid
        assert actor.label, aid
        if actor.country is not None:
            assert len(actor.country) == 3 and actor.country.isupper(), aid
    leaders = [a for a in reg.values() if a.cls == "Person"]
    assert len(leaders) > 300
    for p in leaders:
        assert p.parent in reg, p.id
        assert p.valid_from is None or p.valid_from[:4].isdigit()
        assert p.valid_to is None or p.valid_from is None or p.valid_from <= p.valid_to


def test_leaders_keep_every_dated_role():
    lex = lexicon()
    pid = next(p for p, roles in lex.person_roles.items() if len(roles) > 1)
    roles = lex.person_roles[pid]
    assert all(r.actor in lex.actors for r in roles)
    assert lex.aliases[lex.actors[pid].label].actor == pid


def test_institutions_speak_for_their_state():
    alias = lexicon().aliases["Pentagon"]
    assert (alias.actor, alias.kind, alias.sector) == ("US", "INSTITUTION", "MIL")


def test_registry_is_cached():
    load_registry()
    t0 = time.perf_counter()
    assert lexicon() is lexicon()
    load_registry()
    assert time.perf_counter() - t0 < 1


def test_load_registry_returns_a_copy():
    reg = load_registry()
    reg.pop("US")
    assert "US" in load_registry()


def test_the_registry_imports_no_spacy_and_rdflib_only_for_turtle():
    import subprocess
    import sys

    code = (
        "import sys, kg.registry as r; r.load_registry(); "
        "print(sorted(m for m in ('spacy', 'rdflib') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
