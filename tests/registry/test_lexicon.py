"""Tests of kg.registry.lexicon: aliases and their variants, codes, copies."""

from __future__ import annotations

from kg.registry.lexicon import Alias, Lexicon, fold_text, slug, variants
from kg.types import Actor


def test_an_alias_matches_with_straight_and_curly_quotes_and_without_diacritics():
    lex = Lexicon()
    lex.add_alias("Côte d’Ivoire", Alias("CIV"))
    assert {"Côte d'Ivoire", "Cote d'Ivoire", "Cote d’Ivoire"} <= set(lex.aliases)


def test_al_prefixes_and_the_have_their_sentence_forms():
    forms = variants("al-Qaeda")
    assert {"al-Qaeda", "al Qaeda", "Al-Qaeda", "Al Qaeda"} <= forms
    assert "The Kremlin" in variants("the Kremlin")


def test_folded_aliases_are_lower_case():
    lex = Lexicon()
    lex.add_alias("Armed Forces", Alias("X"), fold=True)
    assert list(lex.folded) == ["armed forces"] and not lex.aliases
    assert fold_text("Hay’at") == "hay'at"


def test_code_of_a_state_mention_adds_the_sector():
    lex = Lexicon(actors={"SYR": Actor("SYR", "Syria", "State", "SYR", None, "SYR")})
    assert lex.code_for("SYR", "GOV") == "SYRGOV"
    assert lex.code_for("SYR", None) == "SYR"
    assert lex.code_for("NOPE", "GOV") is None


def test_a_copy_is_independent():
    lex = Lexicon()
    lex.add_alias("Daesh", Alias("ISIS"))
    copy = lex.copy()
    copy.add_alias("ISIL", Alias("ISIS"))
    copy.ignore.add("x")
    assert "ISIL" in copy.aliases and "ISIL" not in lex.aliases
    assert not lex.ignore


def test_slugs_are_iri_safe():
    assert slug("Front de Libération (FLN)!") == "front_de_liberation_fln"
    assert slug("...") == "x"
