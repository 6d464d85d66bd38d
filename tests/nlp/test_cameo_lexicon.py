"""kg.nlp.relations.lexicon: the imported CAMEO verb lexicon under kg's patterns."""

from __future__ import annotations

import pytest

from kg.nlp.relations.lexicon import add_lexicon, protected_verbs, read_lexicon
from kg.nlp.relations.patterns import load_patterns, parse_patterns
from kg.types import KGError
from kg.vocab import load_vocabulary, relation_of_code
from tests.nlp.relation_cases import run

LEX = {
    "verbs": {"rescind": "160", "die": None, "hold": "040", "attack": "111"},
    "objects": {
        "lift": {"embargo": "085", "sanctions": "0871", "quota": "081"},
        "hold": {"talks": "046"},
        "grant": {"asylum": "075"},
        "reassert": {"friendship": "051", "claim": "110"},
    },
    "preps": {"come": {"to": "040"}},
    "particles": {},
    "pobjs": {"abstain": {"from:violence": "087"}, "lift": {"on:condition": "081"}},
    "phrasal": {"cordon": {"off": "170"}},
    "roots": {"reassert": ["05"], "grant": ["06"]},
}


def _base(policy: str = ""):
    data = {
        "verbs": {
            "lift": {
                "default": "easesRestrictionsOn",
                "obj": {"sanctions": "liftsSanctionsOn"},
            },
            "attack": "attacks",
        },
        "light_verbs": ["hold"],
    }
    if policy:
        data["cameo_lexicon"] = {
            "verbs": policy,
            "objects": policy,
            "preps": policy,
            "particles": policy,
            "pobjs": policy,
            "phrasal": policy,
        }
    return parse_patterns(data, load_vocabulary())


def test_imported_entries_only_add_and_keep_their_fine_code():
    p = add_lexicon(_base(), load_vocabulary(), LEX)
    # a verb with a code of its own is a new trigger; a null code is none
    assert p.verbs["rescind"].default == "reducesRelationsWith"
    assert p.verbs["rescind"].code("default") == "160"
    assert "die" not in p.verbs
    # kg's entries win: "attack" stays an attack, "lift sanctions" stays 085
    assert p.verbs["attack"].default == "attacks"
    assert p.verbs["lift"].obj["sanctions"] == "liftsSanctionsOn"
    assert p.verbs["lift"].code("obj.sanctions") is None
    # objects kg lacks sharpen a kg verb, each with its fine code
    assert p.verbs["lift"].obj["embargo"] == "liftsSanctionsOn"
    assert p.verbs["lift"].code("obj.embargo") == "085"
    # a verb kg lacks triggers only with its listed objects
    assert p.verbs["grant"].default is None
    assert p.verbs["grant"].obj == {"asylum": "grantsAsylumTo"}


def test_a_preposition_and_its_object_add_a_key_of_their_own():
    """ "abstain from violence": a verb kg lacks triggers with the prepositional
    object listed for it, not with the preposition alone; a kg verb is sharpened."""
    p = add_lexicon(_base(), load_vocabulary(), LEX)
    assert p.verbs["abstain"].default is None
    assert p.verbs["abstain"].prep == {"from:violence": "withdrawsFrom"}
    assert p.verbs["abstain"].code("prep.from:violence") == "087"
    assert p.verbs["lift"].prep == {"on:condition": "easesRestrictionsOn"}
    # an older lexicon without the table still loads
    older = {k: v for k, v in LEX.items() if k != "pobjs"}
    assert "abstain" not in add_lexicon(_base(), load_vocabulary(), older).verbs


def test_a_phrasal_verb_triggers_with_its_particle_only():
    p = add_lexicon(_base(), load_vocabulary(), LEX)
    assert p.verbs["cordon"].default is None
    assert p.verbs["cordon"].prt == {"off": "coerces"}
    assert p.verbs["cordon"].code("prt.off") == "170"


def test_a_verb_kg_lacks_takes_the_objects_of_its_own_sense():
    """ "reassert friendship" (051 in REASSERT [051]) is taken; "reassert a claim"
    (110) is another sense, and "grant asylum" (075 in GRANT [060]) another root."""
    p = add_lexicon(_base("own_sense"), load_vocabulary(), LEX)
    assert p.verbs["reassert"].obj == {"friendship": "praises"}
    assert p.verbs["reassert"].code("obj.friendship") == "051"
    assert "grant" not in p.verbs
    # kg's own verbs take all their objects, as with kg_verbs
    assert p.verbs["lift"].obj["embargo"] == "liftsSanctionsOn"


def test_light_verbs_keep_their_logic():
    """ "held talks" stays a meeting: nothing is imported for a light verb."""
    p = add_lexicon(_base(), load_vocabulary(), LEX)
    assert "hold" not in p.verbs
    assert "hold" in protected_verbs(p)
    assert "lift" not in protected_verbs(p)


def test_the_scope_of_each_table_is_data():
    kg_only = add_lexicon(_base("kg_verbs"), load_vocabulary(), LEX)
    assert "rescind" not in kg_only.verbs and "grant" not in kg_only.verbs
    assert "abstain" not in kg_only.verbs and "cordon" not in kg_only.verbs
    assert kg_only.verbs["lift"].obj["embargo"] == "liftsSanctionsOn"
    none = add_lexicon(_base("none"), load_vocabulary(), LEX)
    assert "embargo" not in none.verbs["lift"].obj
    with pytest.raises(KGError, match="cameo_lexicon"):
        parse_patterns({"cameo_lexicon": {"verbs": "some"}}, load_vocabulary())


def test_the_packaged_lexicon_is_loaded_under_kg_patterns():
    lex = read_lexicon()
    assert len(lex["objects"]) > 400 and "MIT" in lex["licence"]
    p = load_patterns()
    assert p.verbs["receive"].obj["weapons"] == "givesMilitaryAidTo"
    assert p.verbs["hold"].obj == {"hostage": "abducts", "hostages": "abducts"}
    for verb in ("accord", "die", "rule"):
        assert verb not in p.verbs or p.verbs[verb].default is None


def test_a_code_without_its_own_relation_takes_its_parents():
    assert relation_of_code("0871") == "withdrawsFrom"
    assert relation_of_code("072") == "givesMilitaryAidTo"
    assert relation_of_code("010") == "makesStatement"
    assert relation_of_code("215") is None


def test_events_keep_the_fine_cameo_code(nlp):
    doc = run(nlp, "Bolivian police confiscated the property of Chilean traders.")
    codes = {(a.relation, a.cameo) for a in doc._.kg_assertions}
    assert ("coerces", "1711") in codes
    # the twin: a relation with no imported entry keeps its own code
    doc = run(nlp, "Bolivia condemned Chile.")
    assert {(a.relation, a.cameo) for a in doc._.kg_assertions} == {("condemns", "111")}


def test_a_prepositional_object_sharpens_the_code_or_makes_the_event(nlp):
    doc = run(nlp, "Bolivia accused Chile of genocide.")
    assert {(a.relation, a.cameo) for a in doc._.kg_assertions} == {("accuses", "1124")}
    # twin: an object the dictionary does not list keeps the verb's code
    doc = run(nlp, "Bolivia accused Chile of lying.")
    assert {(a.relation, a.cameo) for a in doc._.kg_assertions} == {("accuses", "112")}
    doc = run(nlp, "Bolivia abstained from violence against Chile.")
    assert {
        (a.source.actor, a.relation, a.target.actor, a.cameo)
        for a in doc._.kg_assertions
    } == {("BOL", "withdrawsFrom", "CHL", "087")}
    # twin: the verb with another object is no event
    assert not run(nlp, "Bolivia abstained from the vote on Chile.")._.kg_assertions


def test_a_phrasal_verb_of_conflict_is_an_event_with_its_blocks_code(nlp):
    doc = run(nlp, "Bolivian troops cordoned off the Chilean consulate.")
    assert {
        (a.source.actor, a.relation, a.target.actor, a.cameo)
        for a in doc._.kg_assertions
    } == {("BOL", "coerces", "CHL", "170")}
    doc = run(nlp, "Bolivia kicked out the Chilean ambassador.")
    assert {(a.relation, a.cameo) for a in doc._.kg_assertions} == {("deports", "174")}
    # twins: the verb without its particle, and a phrasal verb of a cooperation
    # block ("talk over", COMPROMISE), are no event
    assert not run(
        nlp, "Bolivian troops cordoned the Chilean consulate."
    )._.kg_assertions
    assert not run(nlp, "Bolivia talked over the plan near Chile.")._.kg_assertions


def test_an_object_of_the_verbs_own_sense_makes_the_event(nlp):
    doc = run(nlp, "Bolivia reasserted its friendship with Chile.")
    assert {
        (a.source.actor, a.relation, a.target.actor, a.cameo)
        for a in doc._.kg_assertions
    } == {("BOL", "praises", "CHL", "051")}
    # twins: an object of no listed sense, and one of another root ("identify
    # hostages", 181, of a verb with no coded sense), are no event
    doc = run(nlp, "Bolivia reasserted its claim to the Chilean coast.")
    assert not doc._.kg_assertions
    assert not run(
        nlp, "Bolivian officials identified the Chilean hostages."
    )._.kg_assertions


def test_a_material_verb_never_becomes_talk():
    """The dictionary sharpens a material act but never makes it a statement or an
    intent; a verbal default may become material (receive weapons)."""
    p = load_patterns()
    assert "drones" not in p.verbs["supply"].obj  # the dictionary's 0332 intent
    assert p.verbs["receive"].obj["weapons"] == "givesMilitaryAidTo"


def test_a_hostile_verb_never_becomes_cooperation(nlp):
    """The dictionary's "protest detention" (053: support for the detainee) is not
    imported: kg's target is the detainer, whom the protest opposes."""
    p = load_patterns()
    assert "detention" not in p.verbs["protest"].obj
    doc = run(nlp, "Chile protested Peru's detention of a trader.")
    got = {(a.relation, a.target.actor) for a in doc._.kg_assertions}
    assert ("supports", "PER") not in got
    assert ("condemns", "PER") in got  # a state protesting complains (114)
    # twin: a hostile object of a hostile verb is still imported
    assert p.verbs["protest"].obj["decision"] == "opposes"  # 114 -> its root 11


def test_abandoning_ties_reduces_relations_and_imports_the_verbs_codes(nlp):
    doc = run(nlp, "Bolivia abandoned its diplomatic relations with Chile.")
    assert {(a.relation, a.cameo) for a in doc._.kg_assertions} == {
        ("reducesRelationsWith", "160")
    }
    # the dictionary's own patterns of the verb come with it ...
    doc = run(nlp, "Bolivia abandoned the ceasefire with Chile.")
    assert {(a.relation, a.cameo) for a in doc._.kg_assertions} == {
        ("violatesCeasefireWith", "196")
    }
    # ... and the verb alone is no event
    assert not run(nlp, "Bolivia abandoned its plan near Chile.")._.kg_assertions


def test_leaving_for_a_place_is_a_visit_with_the_dictionarys_code(nlp):
    doc = run(nlp, "The Bolivian foreign minister left for Chile on Monday.")
    assert {
        (a.source.actor, a.relation, a.target.actor, a.cameo)
        for a in doc._.kg_assertions
    } == {("BOL", "visits", "CHL", "042")}
    # leaving a place is no visit of it
    assert not run(nlp, "Bolivia left Chile for good.")._.kg_assertions


@pytest.mark.parametrize(
    ("text", "relation", "code"),
    [
        ("Bolivia postponed talks with Chile.", "reducesRelationsWith", "161"),
        ("Bolivia cancelled a visit to Chile.", "reducesRelationsWith", "160"),
        ("Bolivia delayed aid to Chile.", "cutsAidTo", "162"),
    ],
)
def test_putting_off_talks_visits_or_aid_takes_the_dictionarys_objects(
    nlp, text, relation, code
):
    doc = run(nlp, text)
    assert {
        (a.source.actor, a.relation, a.target.actor, a.cameo)
        for a in doc._.kg_assertions
    } == {("BOL", relation, "CHL", code)}


def test_putting_off_anything_else_is_no_event(nlp):
    assert not run(nlp, "Bolivia postponed its budget near Chile.")._.kg_assertions
