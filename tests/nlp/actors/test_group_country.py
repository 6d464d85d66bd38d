"""A bare group's country never comes from the other party of an act it does (issue 9,
§3).

"Activists condemned Norway" does not make the activists Norway's: a group takes the
country of its own phrase ("Norwegian activists", "activists in Norway"), of the
setting of its act ("after a rally in Norway", "protesters in Lima"), or none. A
group an act is done to is the doer's ("Sweden's police detained activists"), as
CAMEO codes domestic acts by where they happen. Invented sentences.
"""

from __future__ import annotations

import pytest
from actor_helpers import resolved

from tests.conftest import EVAL, requires_eval

#: (sentence, the group's surface, the country the group must not take)
TARGETS = [
    ("Activists of the opposition group condemned Norway.", "Activists", "NOR"),
    ("Activists condemned Norway's decision.", "Activists", "NOR"),
    ("Norway was condemned by activists.", "activists", "NOR"),
    ("Activists want to meet Norway.", "Activists", "NOR"),
    ("Protesters marched against Norway.", "Protesters", "NOR"),
]


@pytest.mark.parametrize("text, group, country", TARGETS)
def test_a_group_does_not_take_the_other_partys_country(nlp, text, group, country):
    found = resolved(nlp, text)
    assert country in {c[0] for c in found.values()}  # the other party is found
    assert group not in found  # the group has no country: no actor


#: (sentence, the group's surface, its code): the country from its own phrase or
#: from the setting of the act
HOMES = [
    ("Norwegian activists condemned Sweden.", "Norwegian activists", "NOROPP"),
    ("Sweden deported Norwegian migrants.", "Norwegian migrants", "NORREF"),
    ("Activists in Norway condemned Sweden.", "Activists", "NOROPP"),
    ("Activists condemned Sweden after a rally in Norway.", "Activists", "NOROPP"),
    ("Police fired on protesters in Lima.", "Police", "PERCOP"),
    ("Police fired on protesters in Lima.", "protesters in Lima", "PERCVL"),
    ("Protesters blocked Oslo's main bridge.", "Protesters", "NORCVL"),
    # done to the group: the doer's country (twins of the TARGETS above)
    ("Sweden condemned activists.", "activists", "SWEOPP"),
    ("Swedish police dispersed protesters.", "protesters", "SWECVL"),
    ("Sweden detained opposition activists.", "opposition activists", "SWEOPP"),
    ("Protesters were detained by Swedish police.", "Protesters", "SWECVL"),
]


@pytest.mark.parametrize("text, group, code", HOMES)
def test_a_group_takes_its_own_or_its_settings_country(nlp, text, group, code):
    assert resolved(nlp, text)[group][1] == code


#: (sentence, the group's surface, its code): a bare group of a sector that belongs
#: to no country is the unnamed groups of the sector ("NGO"), never the other
#: party's; "in X" after it gives its country
UNNAMED = [
    ("A rights group accused Norway of torturing detainees.", "rights group", "NGO"),
    ("Aid agencies urged Sweden to open the border.", "Aid agencies", "NGO"),
    ("A rights group in Norway criticised Sweden.", "rights group", "NORNGO"),
]


@pytest.mark.parametrize("text, group, code", UNNAMED)
def test_a_bare_group_of_no_country_is_the_unnamed_groups(nlp, text, group, code):
    found = resolved(nlp, text)
    assert found[group][1] == code


@pytest.fixture(scope="module")
def petr_nlp():
    """The pipeline with the PETRARCH validation agents ("activists" -> OPP), as
    benchmarks/quality.py loads it for petrarch_unit."""
    from kg.nlp.model import load_nlp

    return load_nlp(actors=[EVAL / "petr_validate_dictionaries.json"])


@requires_eval("petr_validate_dictionaries.json")
def test_with_the_petrarch_agents_the_target_is_not_the_groups_country(petr_nlp):
    found = resolved(petr_nlp, "Human rights activists condemned Norway.")
    assert "Human rights activists" not in found
    assert found["Norway"][1] == "NOR"
    # twin: "in Norway" is the group's own phrase
    found = resolved(petr_nlp, "Human rights activists in Norway condemned Sweden.")
    assert found["Human rights activists"][1] == "NOROPP"
