"""Vocabulary by general rules (issue 9, section 4 and 5): the event noun of a light
verb names its target, passives of a light verb, event nouns, word sense by subject,
object and place, reciprocal exchanges, naming vs phoning, revocations.

Every negative case has a positive twin; the sentences are invented.
"""

from __future__ import annotations

import pytest

from tests.nlp.relation_cases import asserted, check, run

CASES = [
    # light verb + event noun: the noun's own preposition names the target
    ("Peru signed an accord with Chile.", {("PER", "signsAgreementWith", "CHL")}),
    ("Peru initialled an accord with Chile.", {("PER", "signsAgreementWith", "CHL")}),
    ("Peru approved the delivery of tanks to Bolivia.", {("PER", "aids", "BOL")}),
    # police and peacekeepers sent abroad protect (CAMEO 074), troops mobilise
    ("Peru sent police to Bolivia.", {("PER", "protects", "BOL")}),
    ("Peru deployed police to Bolivia.", {("PER", "protects", "BOL")}),
    ("Peru punished Bolivia.", {("PER", "coerces", "BOL")}),
    ("Peru and Chile signed an accord.", {("PER", "signsAgreementWith", "CHL")}),
    ("Egypt imposed a blockade on Qatar.", {("EGY", "blockades", "QAT")}),
    ("Putin held a phone call with Erdogan.", {("RUS", "phones", "TUR")}),
    # a passive with a light-verb noun
    (
        "A blockade was imposed on Qatar by Bahrain.",
        {("BHR", "blockades", "QAT")},
    ),
    (
        "Sanctions on Iran's central bank were lifted by Japan.",
        {("JPN", "liftsSanctionsOn", "IRN")},
    ),
    # an event noun as the event
    ("Uganda's incursion into Kenya alarmed diplomats.", {("UGA", "attacks", "KEN")}),
    (
        "Rwandan forces launched an incursion into Burundi.",
        {("RWA", "attacks", "BDI")},
    ),
    # word sense by the subject: weapons and forces use force, states criticise
    ("Russian artillery pounded Kharkiv.", {("RUS", "attacks", "UKR")}),
    ("Turkish jets blasted Kurdish positions in Iraq.", {("TUR", "bombs", "KURDS")}),
    ("France blasted Iran over its nuclear programme.", {("FRA", "condemns", "IRN")}),
    # live-fire drills near another party are a show of force, joint drills are not
    (
        "China held live-fire drills near the border with Vietnam.",
        {("CHN", "mobilisesAgainst", "VNM")},
    ),
    (
        "Egypt held joint drills with Sudan.",
        {("EGY", "cooperatesMilitarilyWith", "SDN")},
    ),
    # reciprocal exchanges: both ways
    (
        "Armenia and Azerbaijan exchanged fire on the border.",
        {("ARM", "fights", "AZE"), ("AZE", "fights", "ARM")},
    ),
    # a phone call is a phone call, not a meeting
    ("Macron spoke by telephone with Scholz.", {("FRA", "phones", "DEU")}),
    # calling a body a terrorist group designates it (tests/nlp/test_naming.py);
    # it is no phone call
    ("Turkey called the PKK a terrorist group.", {("TUR", "designates", "PKK")}),
    ("Turkey called the PKK on Monday.", {("TUR", "phones", "PKK")}),
    # the end of a designation or of sanctions
    (
        "Canada revoked the designation of Hamas as a terrorist organisation.",
        {("CAN", "revokesDesignationOf", "HAMAS")},
    ),
    ("Japan delisted the Taliban.", {("JPN", "revokesDesignationOf", "TALIBAN")}),
    # a verb that hands goods over: the goods decide the kind of aid
    ("Norway sent tanks to Latvia.", {("NOR", "givesMilitaryAidTo", "LVA")}),
    ("Norway sent two frigates to Latvia.", {("NOR", "givesMilitaryAidTo", "LVA")}),
    ("Norway sold a destroyer to Latvia.", {("NOR", "givesMilitaryAidTo", "LVA")}),
    (
        "Spain shipped air defence systems and ammunition to Ukraine.",
        {("ESP", "givesMilitaryAidTo", "UKR")},
    ),
    ("Jordan sent food and tents to Gaza.", {("JOR", "givesHumanitarianAidTo", "PSE")}),
    # ending a cooperative act or tie reduces relations, ending sanctions lifts them
    (
        "Peru cancelled a planned visit to Chile.",
        {("PER", "reducesRelationsWith", "CHL")},
    ),
    ("Chile called off talks with Bolivia.", {("CHL", "reducesRelationsWith", "BOL")}),
    (
        "Ghana put an end to its partnership with Togo.",
        {("GHA", "reducesRelationsWith", "TGO")},
    ),
    (
        "Benin terminated a mining agreement with Niger.",
        {("BEN", "reducesRelationsWith", "NER")},
    ),
    ("Japan scrapped its sanctions on Peru.", {("JPN", "liftsSanctionsOn", "PER")}),
    # taking a party to court sues it; taking part in talks is no suit
    ("Peru took Chile to court over the fishing rights.", {("PER", "sues", "CHL")}),
    ("Peru took part in talks with Chile.", {("PER", "meetsWith", "CHL")}),
    # revoking or pausing ends as well
    (
        "Benin revoked its defence pact with Niger.",
        {("BEN", "reducesRelationsWith", "NER")},
    ),
    ("Peru paused talks with Chile.", {("PER", "reducesRelationsWith", "CHL")}),
    # a pledge or warning of a hostile act is a threat of it
    (
        "Peru vowed retaliation against Chile.",
        {("PER", "threatensForceAgainst", "CHL")},
    ),
    (
        "Chile warned of reprisals against Bolivia.",
        {("CHL", "threatensForceAgainst", "BOL")},
    ),
    ("Peru retaliated against Chile.", {("PER", "attacks", "CHL")}),
    ("Norway stands with Ukraine.", {("NOR", "supports", "UKR")}),
    # declining or turning down a proposal rejects whoever made it
    ("Chile declined an invitation from Peru.", {("CHL", "rejects", "PER")}),
    ("Chile declined Peru's offer of talks.", {("CHL", "rejects", "PER")}),
    ("Brazil turned down Argentina's request.", {("BRA", "rejects", "ARG")}),
    # a summoned diplomat is an official complaint (CAMEO 114)
    ("Chile summoned Peru's ambassador.", {("CHL", "condemns", "PER")}),
    # projectiles fired toward or into a party attack it; ships that ram do too
    ("Peru fired rockets toward Chile.", {("PER", "attacks", "CHL")}),
    ("Peru fired rockets into Chile.", {("PER", "attacks", "CHL")}),
    (
        "Chilean coast guard ships rammed a Peruvian fishing boat.",
        {("CHL", "attacks", "PER")},
    ),
    # a claimed attack is the claimer's act ("claimed a strike on Y": a strike on a
    # party is an attack, not a labour strike)
    (
        "The Tuareg rebels claimed a strike on a Malian army base.",
        {("TUAREG", "claimsResponsibilityFor", "MLI"), ("TUAREG", "bombs", "MLI")},
    ),
    ("Hamas claimed the attack on Israeli soldiers.", {("HAMAS", "attacks", "ISR")}),
    # a passive with a retained object: the "by" phrase is the agent even where the
    # parser hangs it on the verb as a plain preposition
    ("Bolivia was given tanks by Brazil.", {("BRA", "givesMilitaryAidTo", "BOL")}),
    ("Bolivia was sent weapons by Peru.", {("PER", "givesMilitaryAidTo", "BOL")}),
    (
        "A Chilean dissident was granted asylum by Peru.",
        {("PER", "grantsAsylumTo", "CHL")},
    ),
    # agreeing with a party to cut production is an agreement with it
    ("Peru agreed with Chile to cut copper output.", {("PER", "agreesWith", "CHL")}),
    # a package is an event by what it holds; a quantity by what it measures
    (
        "Norway sent an arms package to Latvia.",
        {("NOR", "givesMilitaryAidTo", "LVA")},
    ),
    (
        "Norway sent hundreds of soldiers to Latvia.",
        {("NOR", "givesMilitaryAidTo", "LVA")},
    ),
    # forces that push into a party attack it; boarding its ship coerces it
    ("Peruvian forces pushed into Chile.", {("PER", "attacks", "CHL")}),
    ("Peru's navy boarded a Chilean fishing boat.", {("PER", "coerces", "CHL")}),
    # a sanctions programme is the sanctions: ending it lifts them
    (
        "Peru ended its sanctions programme on Chile.",
        {("PER", "liftsSanctionsOn", "CHL")},
    ),
    # idioms of a light verb: a modifier and its noun
    ("Peru gave the green light to Chile's bid.", {("PER", "agreesWith", "CHL")}),
    ("Peru launched a ground operation in Chile.", {("PER", "attacks", "CHL")}),
    # a deal brokered by a third party: it mediates between the parties
    (
        "Peru and Chile signed a truce brokered by Brazil.",
        {("BRA", "mediates", "PER"), ("BRA", "mediates", "CHL")},
    ),
    (
        "Peru and Chile agreed to restore ties in a deal mediated by Brazil.",
        {("BRA", "mediates", "PER"), ("BRA", "mediates", "CHL")},
    ),
    # expressions of displeasure are disapproval (CAMEO 110/111), their "with" or
    # "at" phrase the target
    ("Peru expressed dissatisfaction with Chile.", {("PER", "condemns", "CHL")}),
    ("Peru expressed displeasure with Chile.", {("PER", "opposes", "CHL")}),
    # an agentless passive whose phrase names the actor's seat
    (
        "Peru's ambassador was summoned to the foreign ministry in Santiago.",
        {("CHL", "condemns", "PER")},
    ),
    ("The Peruvian ambassador was expelled from Santiago.", {("CHL", "expels", "PER")}),
    # a noun's national modifier is the agent of its infinitive, as its possessor is
    (
        "The Peruvian decision to lift sanctions on Chile angered Bolivia.",
        {("PER", "liftsSanctionsOn", "CHL")},
    ),
    # "the Pope" is the Holy See, as a head of state names their state
    ("The Pope urged Peru to free the prisoners.", {("VAT", "urges", "PER")}),
    # forces that repel an attack fight its author
    ("Peruvian troops repelled a Chilean attack.", {("PER", "attacks", "CHL")}),
    # a visiting official welcomed is hosted
    (
        "Chile's army chief was welcomed by Peru's president in Lima.",
        {("PER", "hosts", "CHL")},
    ),
    # the beneficiary of nominal support or aid is its "for" phrase
    ("Peru's support for Chile worries Bolivia.", {("PER", "supports", "CHL")}),
    # nominal acts of coercion: seizure, kidnapping (the "by" agent the source)
    ("Peru's seizure of a Chilean tanker angered Lima.", {("PER", "coerces", "CHL")}),
    (
        "The kidnapping of Peruvian engineers by Chilean rebels shocked Lima.",
        {("CHL", "abducts", "PER")},
    ),
    # "handed a protest note to Y", "delivered a warning to Y": light verbs
    ("Peru handed a note of protest to Chile.", {("PER", "condemns", "CHL")}),
    ("Peru delivered a warning to Chile.", {("PER", "threatens", "CHL")}),
    # where forces go: deployed to a party, military aid; to its border, a show of
    # force (CAMEO 154), as sent near it is
    ("Peru deployed troops to Chile.", {("PER", "givesMilitaryAidTo", "CHL")}),
    ("Peru sent troops to the Chilean border.", {("PER", "mobilisesAgainst", "CHL")}),
    # wanting or seeking ties with a party is an intent to cooperate (CAMEO 030)
    (
        "Peru wants closer relations with Chile.",
        {("PER", "intendsToCooperateWith", "CHL")},
    ),
    # seized ground is occupied (CAMEO 192), a seized vessel confiscated (1711)
    ("Peru seized a Chilean town.", {("PER", "occupies", "CHL")}),
    ("Peru seized a Chilean tanker.", {("PER", "coerces", "CHL")}),
    ("Peruvian troops seized Arica.", {("PER", "occupies", "CHL")}),  # a named place
    # intercepted aircraft are fought, intercepted vessels seized (CAMEO 1711)
    ("Peru intercepted a Chilean drone.", {("PER", "attacks", "CHL")}),
    ("Peru intercepted a Chilean cargo ship.", {("PER", "coerces", "CHL")}),
    # "balked at Y's bid": a rejection whose "at" phrase is the target, not a place
    ("Peru balked at Chile's demands.", {("PER", "rejects", "CHL")}),
    # a price cap imposed on a party's goods is a sanction (CAMEO 163)
    ("Peru imposed a price cap on Chilean copper.", {("PER", "sanctions", "CHL")}),
    # access given to a party is allowing it in (CAMEO 086)
    ("Peru gave the IAEA access to its reactors.", {("PER", "allowsAccessTo", "IAEA")}),
    # the blocked aid of a passive whose subject the tagger read as a verb
    ("Aid to Chile was blocked by Peru.", {("PER", "coerces", "CHL")}),
    # forces that push another back or drive it out of a place fight it
    (
        "Peruvian troops pushed back Chilean forces near the border.",
        {("PER", "attacks", "CHL")},
    ),
    (
        "Peruvian troops drove Chilean forces out of the town.",
        {("PER", "attacks", "CHL")},
    ),
    # a proposal is an appeal (CAMEO 020), and what it proposes is content
    ("Peru proposed a ceasefire to Chile.", {("PER", "appealsTo", "CHL")}),
    ("Peru made a proposal to Chile for a truce.", {("PER", "appealsTo", "CHL")}),
    # a state that blocks another's bid or proposal rejects it
    ("Peru blocked Chile's bid to join the alliance.", {("PER", "rejects", "CHL")}),
    # "give": the goods decide the kind of aid
    (
        "Norway gave 20 million dollars to Sudan.",
        {("NOR", "givesEconomicAidTo", "SDN")},
    ),
    (
        "Norway gave howitzers and ammunition to Latvia.",
        {("NOR", "givesMilitaryAidTo", "LVA")},
    ),
    # a state that blocks a passage coerces its owner (CAMEO's BLOCK, 170); a crowd
    # that blocks a road protests (144)
    ("Peru blocked Chile's fishing fleet.", {("PER", "coerces", "CHL")}),
    ("Chile's grain route was blocked by Peru.", {("PER", "coerces", "CHL")}),
    (
        "Chilean protesters blocked the border crossing with Peru.",
        {("CHL", "protestsAgainst", "PER")},
    ),
    (
        "Thousands of Chileans blocked the border crossing with Peru.",
        {("CHL", "protestsAgainst", "PER")},
    ),
    # a civilian role of the registry is a crowd too
    (
        "Chilean women blocked the border crossing with Peru.",
        {("CHL", "protestsAgainst", "PER")},
    ),
    # a sunk vessel is attacked, a sunk deal rejected
    ("Peru sank a Chilean patrol boat.", {("PER", "attacks", "CHL")}),
    ("A Chilean frigate was sunk by Peruvian drones.", {("PER", "attacks", "CHL")}),
    ("Peru torpedoed Chile's peace plan.", {("PER", "rejects", "CHL")}),
    # an armed wing is its group
    (
        "The armed wing of Hezbollah attacked an Israeli patrol.",
        {("HEZBOLLAH", "attacks", "ISR")},
    ),
    # announced aid is still to come: an offer (CAMEO 033); aid sent is aid
    ("Peru announced new aid for Chile.", {("PER", "offersAidTo", "CHL")}),
    ("Peru sent aid to Chile.", {("PER", "aids", "CHL")}),
    # "work with Y" is cooperation; "ready to" makes it an intent
    ("Peru worked with Chile on border security.", {("PER", "cooperatesWith", "CHL")}),
    ("Peru is ready to work with Chile.", {("PER", "intendsToCooperateWith", "CHL")}),
    # blocking another's sanctions rejects their author
    ("Peru blocked OAS sanctions on Chile.", {("PER", "rejects", "OAS")}),
    # help sought from a party is an appeal to it (CAMEO 02)
    ("Peru sought a loan from Chile.", {("PER", "appealsTo", "CHL")}),
    ("Peru seeks closer ties with Chile.", {("PER", "intendsToCooperateWith", "CHL")}),
    # concern is a pessimistic comment (CAMEO 012), condolences empathy (018)
    (
        "Peru expressed concern over Chile's arms purchases.",
        {("PER", "commentsPessimisticallyOn", "CHL")},
    ),
    ("Peru offered condolences to Chile.", {("PER", "expressesSympathyWith", "CHL")}),
    # the parties of a document "of" something hang on its "of" object
    (
        "Peru signed a memorandum of understanding with Chile.",
        {("PER", "signsAgreementWith", "CHL")},
    ),
    # an act ordered is done by whoever orders it; a party ordered is demanded of
    ("Peru ordered the arrest of Chile's consul.", {("PER", "arrests", "CHL")}),
    ("Peru ordered Chile's diplomats to leave.", {("PER", "demands", "CHL")}),
    # a reduced passive relative: the noun it modifies undergoes the act
    (
        "Chilean prisoners freed by Peru returned home.",
        {("PER", "releases", "CHL")},
    ),
    (
        "A Chilean ship seized by Peru was towed to Callao.",
        {("PER", "coerces", "CHL")},
    ),
    # forces that arrive in a party are sent to it; a leader who arrives visits
    ("Peruvian troops arrived in Chile.", {("PER", "givesMilitaryAidTo", "CHL")}),
    ("Peru's president arrived in Chile.", {("PER", "visits", "CHL")}),
    # clashes are fighting; the "between" phrase of the noun or of the verb that
    # says it happened names both parties
    (
        "Clashes between Peruvian and Chilean troops erupted on the border.",
        {("PER", "fights", "CHL"), ("CHL", "fights", "PER")},
    ),
    (
        "Clashes erupted between Peru and Chile.",
        {("PER", "fights", "CHL"), ("CHL", "fights", "PER")},
    ),
    # brushing off, shrugging off or ignoring a call or measure rejects its author
    ("Peru brushed off Chilean criticism of its drills.", {("PER", "rejects", "CHL")}),
    ("Peru shrugged off the new Chilean sanctions.", {("PER", "rejects", "CHL")}),
    ("Peru ignored Chile's calls for talks.", {("PER", "rejects", "CHL")}),
    # lashing out at a party criticises it ("at" names the target, not a place)
    ("Peru lashed out at Chile over the fishing rights.", {("PER", "condemns", "CHL")}),
    # a request denied is refused
    ("Peru denied a Chilean request for access.", {("PER", "rejects", "CHL")}),
    # money handed over is economic aid, aid of no kind aid; arms sold or bought
    # are military aid from the seller
    ("Peru lent Chile 500 million dollars.", {("PER", "givesEconomicAidTo", "CHL")}),
    ("Peru airlifted aid to Chile.", {("PER", "aids", "CHL")}),
    ("Peru sold fighter jets to Chile.", {("PER", "givesMilitaryAidTo", "CHL")}),
    ("Peru bought tanks from Chile.", {("CHL", "givesMilitaryAidTo", "PER")}),
    # investment in a party is economic cooperation
    ("Peru invested 2 billion dollars in Chile.", {("PER", "tradesWith", "CHL")}),
    # a name the parser took for an adverb of a bare past verb is its subject
    (
        "Peru shared intelligence with Chile.",
        {("PER", "sharesIntelligenceWith", "CHL")},
    ),
    # travel to a party is a visit
    ("Peru's president flew to Santiago.", {("PER", "visits", "CHL")}),
    ("Peru's president travelled to Chile.", {("PER", "visits", "CHL")}),
    # common verbs of the CAMEO categories, one of a kind each
    ("Peru stood by Chile.", {("PER", "supports", "CHL")}),
    ("Peru reprimanded Chile.", {("PER", "condemns", "CHL")}),
    ("Peru ridiculed Chile.", {("PER", "condemns", "CHL")}),
    ("Peru objected to Chile's plan.", {("PER", "opposes", "CHL")}),
    ("Peru intimidated Chile.", {("PER", "threatens", "CHL")}),
    ("Peru lobbied Chile.", {("PER", "appealsTo", "CHL")}),
    ("Peru teamed up with Chile.", {("PER", "cooperatesWith", "CHL")}),
    ("Peru bailed out Chile.", {("PER", "givesEconomicAidTo", "CHL")}),
    ("Peru returned the artefacts to Chile.", {("PER", "releases", "CHL")}),
    ("Peru ceded territory to Chile.", {("PER", "concedesTo", "CHL")}),
    ("Peru harassed Chilean ships.", {("PER", "coerces", "CHL")}),
    ("Peru toppled Chile's president.", {("PER", "coerces", "CHL")}),
    # nouns of the same acts as their verbs; a hyphenated noun's head is read
    ("Peru's defence of Chile angered Bolivia.", {("PER", "defends", "CHL")}),
    (
        "Peru's arms sales to Chile began in May.",
        {("PER", "givesMilitaryAidTo", "CHL")},
    ),
    ("Peru's retreat from Chile began in May.", {("PER", "withdrawsFrom", "CHL")}),
    # pardoned prisoners are released
    ("Peru pardoned Chilean prisoners.", {("PER", "releases", "CHL")}),
    # an invitation is a consultation (CAMEO 040), never a demand
    ("Peru invited Chile's president to Lima.", {("PER", "meetsWith", "CHL")}),
    ("Peru invited Chile to join the talks.", {("PER", "meetsWith", "CHL")}),
    ("Chile's president was invited to Lima by Peru.", {("PER", "meetsWith", "CHL")}),
    # an agentless passive that happened through another's act of force: its author
    # is the source, ahead of the place
    (
        "A Chilean officer was killed in Quito in a Peruvian drone strike.",
        {("PER", "assaults", "CHL")},
    ),
    # the parser hangs the event noun's "at" on the light verb: still the noun's
    ("Peru voiced frustration at Chile.", {("PER", "opposes", "CHL")}),
    ("Peru voiced frustration at Chile's decision.", {("PER", "opposes", "CHL")}),
    # verbs of the dictionary's blocks that kg lists with their block's relation
    ("Peru faulted Chile for the delay.", {("PER", "accuses", "CHL")}),
    ("Peru skirmished with Chilean troops.", {("PER", "fights", "CHL")}),
    ("Peru bankrolled Chile's army.", {("PER", "givesEconomicAidTo", "CHL")}),
    ("Peru annexed Chile's northern provinces.", {("PER", "occupies", "CHL")}),
    ("Peruvian soldiers looted Chilean villages.", {("PER", "attacks", "CHL")}),
    ("Peru honoured Chile's president.", {("PER", "praises", "CHL")}),
    # a verb done again is the verb ("reimposed sanctions", "resupplied", "rearmed")
    ("Peru reimposed sanctions on Chile.", {("PER", "sanctions", "CHL")}),
    ("Peru resupplied Chile with weapons.", {("PER", "givesMilitaryAidTo", "CHL")}),
    # goods handed over in a "with" phrase decide as an object does
    ("Peru provided Chile with food aid.", {("PER", "givesHumanitarianAidTo", "CHL")}),
    ("Peru rearmed Chile's rebels.", {("PER", "givesMilitaryAidTo", "CHL")}),
    # patrols are exercises: joint, cooperation; alone near a party, a show of force
    (
        "Peru held joint patrols with Chile.",
        {("PER", "cooperatesMilitarilyWith", "CHL")},
    ),  # fmt: skip
    ("Peru conducted patrols near Chile.", {("PER", "mobilisesAgainst", "CHL")}),
    # a military operation or campaign is an attack (an operation alone is not)
    (
        "Peru launched a military operation against Chilean rebels.",
        {("PER", "attacks", "CHL")},
    ),  # fmt: skip
    # a person received is a visitor, whatever their title's words ("army")
    ("Peru's president received Chile's army chief.", {("PER", "hosts", "CHL")}),
    # goods received from the owner named on them: the owner gives
    ("Peru received Chilean jets.", {("CHL", "givesMilitaryAidTo", "PER")}),
    ("Peru received jets from Chile.", {("CHL", "givesMilitaryAidTo", "PER")}),
    # "it" after a sentence is its subject, not the possessor of its object
    (
        "Peru condemned Chile's raid. It urged Bolivia to intervene.",
        {("PER", "condemns", "CHL"), ("PER", "urges", "BOL")},
    ),
    (
        "Peru's army condemned Chile. It urged Bolivia to intervene.",
        {("PER", "condemns", "CHL"), ("PER", "urges", "BOL")},
    ),
    # an event noun whose occurrence is affirmed is the event
    (
        "The talks between Peru and Chile took place in Quito.",
        {("PER", "meetsWith", "CHL"), ("CHL", "meetsWith", "PER")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_vocabulary_rules(nlp, text, expected):
    check(nlp, text, expected)


NOT_THESE = [  # (sentence, relation it must not give, twin sentence that gives it)
    (  # an event noun whose occurrence is denied did not happen
        "The talks between Peru and Chile did not take place.",
        "meetsWith",
        "The talks between Peru and Chile took place in Quito.",
    ),
    (
        "The summit between Peru and Chile never happened.",
        "meetsWith",
        "The summit between Peru and Chile happened in Quito.",
    ),
    (  # an invitation is no demand; an urging is
        "Peru invited Chile to join the talks.",
        "demands",
        "Peru demanded that Chile join the talks.",
    ),
    (  # an act ordered is no demand; a party ordered to act is demanded of
        "Peru ordered the expulsion of the Chilean ambassador.",
        "demands",
        "Peru ordered the Chilean ambassador to leave.",
    ),
    (  # police officers (a force named by its compound) do not visit
        "Peruvian police officers arrived in Chile.",
        "visits",
        "Peruvian officials arrived in Chile.",
    ),
    (  # clashes that did not erupt are no fighting
        "Clashes did not erupt between Peru and Chile.",
        "fights",
        "Clashes erupted between Peru and Chile.",
    ),
    (  # "at" a place with no name after a light verb's noun is where, no target
        "Peru voiced frustration at the summit in Santiago.",
        "opposes",
        "Peru voiced frustration at Chile.",
    ),
    (  # an operation of no kind of force is no attack
        "Peru launched a rescue operation for Chilean miners.",
        "attacks",
        "Peru launched a military operation against Chilean rebels.",
    ),
    (  # no intention of a hostile act is no rejection; of a cooperative one it is
        "Peru had no intention of attacking Chile.",
        "rejects",
        "Peru has no intention of resuming talks with Chile.",
    ),
    (  # a plan called off is no intent ("dropped", "abandoned", "shelved plans")
        "Peru abandoned plans to send troops to Chile.",
        "offersAidTo",
        "Peru announced plans to send troops to Chile.",
    ),
    (
        "Peru dropped its plan to attack Chile.",
        "threatensForceAgainst",
        "Peru announced a plan to attack Chile.",
    ),
    (  # a person received is no military aid, whatever their title's words
        "Peru's president received Chile's army chief in Lima.",
        "givesMilitaryAidTo",
        "Peru received Chilean jets.",
    ),
    (  # criticism brushed off is no condemnation of its own; voiced, it is
        "Peru brushed off Chilean criticism of its drills.",
        "condemns",
        "Chile criticised Peru's drills.",
    ),
    (  # copper sold is trade, no aid; arms sold are
        "Peru sold copper to Chile.",
        "givesMilitaryAidTo",
        "Peru sold fighter jets to Chile.",
    ),
    (  # a standing presence hosted is no visit; a leader hosted is
        "Peru has long hosted Chile's trade office.",
        "hosts",
        "Peru hosted Chile's president.",
    ),
    (
        "Peru hosts thousands of Chilean refugees.",
        "hosts",
        "Peru hosted a Chilean delegation.",
    ),
    (  # a vehicle that arrives is no visitor; a delegation is
        "The Peruvian grain ship arrived in Valparaiso.",
        "visits",
        "The Peruvian delegation arrived in Valparaiso.",
    ),
    (  # a hyphenated adjective is no headline verb: "Chinese-built" builds no ties
        "The Peruvian-built railway links Chile with Bolivia.",
        "intendsToCooperateWith",
        "Peru built closer ties with Chile.",
    ),
    (  # a ship that heads somewhere is no visitor; a president is
        "The Peruvian grain ship headed to Valparaiso.",
        "visits",
        "Peru's president headed to Valparaiso.",
    ),
    (  # a sale of other goods is no military aid; of arms it is
        "Peru's copper sales to Chile began in May.",
        "givesMilitaryAidTo",
        "Peru's arms sales to Chile began in May.",
    ),
    (  # condolences offered are no promise; help offered is
        "Peru offered condolences to Chile.",
        "promisesTo",
        "Peru offered a deal to Chile.",
    ),
    (  # a sunk deal is no attack
        "Peru sank the trade deal with Chile.",
        "attacks",
        "Peru sank a Chilean patrol boat.",
    ),
    (  # a crowd's blockade is a protest, a state's is coercion
        "Chilean farmers blocked the highway to Peru.",
        "coerces",
        "Peru blocked Chile's fishing fleet.",
    ),
    (  # "for" names the beneficiary of support or aid only, not a sanction's target
        "Peru's sanctions for Chile's role angered Bolivia.",
        "sanctions",
        "Peru's sanctions on Chile angered Bolivia.",
    ),
    (  # a measure that "hit" a party is no use of force; airstrikes that hit it are
        "Peru's ban on fish exports hit Chile.",
        "attacks",
        "Peru's airstrikes hit Chilean towns.",
    ),
    (  # the destination of a deportation is not who deports
        "Chilean migrants were deported to Peru.",
        "deports",
        "Chilean migrants were deported from Peru.",
    ),
    (  # a natural hazard is no actor: the place under it says where, not who
        "Floods in Peru killed at least 200 people.",
        "assaults",
        "A bombing in Peru killed 12 people.",
    ),
    (  # a feeling with no party is no event
        "There was anger in Lima after the vote.",
        "condemns",
        "Peru expressed anger at Chile.",
    ),
    (  # a passive subject the tagger read as a bare verb ("Aid") is the blocked
        # object, not an act of aid
        "Aid to Chile was blocked by Peru.",
        "aids",
        "Aid was sent to Chile by Peru.",
    ),
    (
        "Turkey called the PKK a terrorist group.",
        "phones",
        "Turkey called the PKK on Monday.",
    ),
    (
        "Turkey vowed to fight Daesh, as Ankara calls the Islamic State.",
        "phones",
        "Turkey called the Islamic State on Monday.",
    ),
    (
        "Spain called the deal with Morocco a success.",
        "phones",
        "Spain phoned Morocco.",
    ),
    (
        "France blasted Iran over its nuclear programme.",
        "bombs",
        "French jets blasted Iranian positions in Syria.",
    ),
    (
        "Egypt held joint drills with Sudan.",
        "mobilisesAgainst",
        "Egypt held live-fire drills near the border with Sudan.",
    ),
    (
        "Peru and Chile held joint exercises.",
        "mobilisesAgainst",
        "Peru held naval exercises near the coast of Chile.",
    ),
    (  # "off the coast of": a place of the show of force, and its target
        "Peru and Chile held joint drills off the coast of Ecuador.",
        "mobilisesAgainst",
        "Peru held live-fire drills off the coast of Chile.",
    ),
    (  # a standing state is no event
        "Chile shares a long border with Peru.",
        "cooperatesWith",
        "Chile shared its expertise with Peru.",
    ),
    (  # goods that are neither arms nor relief give no aid
        "Norway sent a letter of protest to Latvia.",
        "givesMilitaryAidTo",
        "Norway sent howitzers to Latvia.",
    ),
    (  # what is given decides: a speech is no aid
        "Norway gave a speech to Latvia's parliament.",
        "givesEconomicAidTo",
        "Norway gave 5 million euros to Latvia.",
    ),
    (  # a strike by workers is a protest, a strike on a party an attack
        "Dock workers in Peru went on strike against the government.",
        "bombs",
        "Chile carried out a strike on Peru.",
    ),
    (  # a protest to a state is diplomatic, a protest against a government a
        # demonstration
        "Peruvian farmers protested against the government of Chile.",
        "condemns",
        "Peru protested to Chile over the arrest.",
    ),
    (  # a quantity of other goods is no military aid
        "Norway sent hundreds of letters to Latvia.",
        "givesMilitaryAidTo",
        "Norway sent hundreds of soldiers to Latvia.",
    ),
    (  # pushing for talks is a demand, pushing into a party an attack
        "Peru pushed for talks with Chile.",
        "attacks",
        "Peruvian forces pushed into Chile.",
    ),
    (  # a deal of the parties alone has no mediator
        "Peru and Chile signed a truce in Brasilia.",
        "mediates",
        "Peru and Chile signed a truce brokered by Brazil.",
    ),
    (  # what is cut decides: output or rates are no act toward anyone
        "Peru agreed with Chile to cut copper output.",
        "reducesRelationsWith",
        "Peru cut trade with Chile.",
    ),
    (  # blocking roads is a protest, blocking a bid a rejection
        "Chilean farmers blocked roads near the border with Peru.",
        "rejects",
        "Chile blocked a Peruvian proposal on fishing rights.",
    ),
    (  # fire at a party, not a party's own firing of an official
        "Peru fired its ambassador to Chile.",
        "attacks",
        "Peru fired missiles at Chile.",
    ),
    (  # ending a hostile act is no cut in relations
        "Peru ended its offensive against Chile.",
        "reducesRelationsWith",
        "Peru ended its cooperation with Chile.",
    ),
    (  # calling off a strike is not ending a tie
        "Bolivian unions called off their strike against the government of Peru.",
        "reducesRelationsWith",
        "Bolivia called off its meeting with Peru.",
    ),
    (  # a warning of another party's attack is information, not a threat
        "Peru warned Chile of an attack by Bolivia.",
        "threatensForceAgainst",
        "Peru warned Chile of retaliation.",
    ),
    (  # a pledge of help is no threat
        "Peru vowed support for Chile.",
        "threatensForceAgainst",
        "Peru vowed revenge against Chile.",
    ),
    (  # a quantity that declined is no refusal
        "Chile's exports to Peru declined last year.",
        "rejects",
        "Chile declined Peru's proposal.",
    ),
    (
        "Qatar hosts a large air base of the United States.",
        "hosts",
        "Qatar hosted the United States.",
    ),
]


@pytest.mark.parametrize(("text", "relation", "twin"), NOT_THESE)
def test_word_sense_keeps_the_other_sense_out(nlp, text, relation, twin):
    assert relation not in {r for _, r, _ in asserted(run(nlp, text))}
    assert relation in {r for _, r, _ in asserted(run(nlp, twin))}


def test_it_is_not_the_possessor_of_an_object(nlp):
    got = asserted(run(nlp, "Peru condemned Chile's raid. It urged Bolivia to act."))
    assert ("CHL", "urges", "BOL") not in got
    assert ("PER", "urges", "BOL") in got  # twin: the subject before
    got = asserted(run(nlp, "Chile's army raided Peru. It urged Bolivia to act."))
    assert ("CHL", "urges", "BOL") in got  # the possessor of a subject may be
    text = "It was the Peruvian president's second trip abroad. He visited Chile."
    assert ("PER", "visits", "CHL") in asserted(run(nlp, text))  # or of a predicate


def test_exchange_with_a_partner_is_coded_from_the_subject(nlp):
    got = asserted(run(nlp, "Armenian troops exchanged fire with Azerbaijan."))
    assert ("ARM", "fights", "AZE") in got


def test_no_phone_edge_without_a_call(nlp):
    """Naming ("called X a Y") never gives ``phones``; a real call does."""
    doc = run(
        nlp,
        "Iran called the sanctions illegal. Turkey called the YPG a terrorist "
        "organisation. Putin spoke by phone with Erdogan.",
    )
    phones = {(s, t) for s, r, t in asserted(doc) if r == "phones"}
    assert phones == {("RUS", "TUR")}


def test_a_recipient_verb_codes_the_giver_as_source(nlp):
    got = asserted(run(nlp, "Kurdish fighters received weapons from Germany."))
    assert ("DEU", "givesMilitaryAidTo", "KURDS") in got
    assert ("KURDS", "givesMilitaryAidTo", "DEU") not in got
    got = asserted(run(nlp, "Chad received aid from France."))
    assert ("FRA", "aids", "TCD") in got and ("TCD", "aids", "FRA") not in got
    # twins: a giving verb keeps its subject as the giver, and a received visit
    # is hosted by the receiver
    assert ("TCD", "aids", "FRA") in asserted(run(nlp, "Chad sent aid to France."))
    assert ("TCD", "hosts", "FRA") in asserted(
        run(nlp, "Chad received a delegation from France.")
    )


@pytest.mark.parametrize("verb", ["obtained", "secured", "acquired", "received"])
def test_every_recipient_verb_reads_goods_from_the_giver(nlp, verb):
    """Each verb of ``recipient_verbs`` reaches the goods rule (it is a trigger
    list), not only those the lexicon already knows ("received")."""
    got = asserted(run(nlp, f"Niger {verb} rockets from Algeria."))
    assert ("DZA", "givesMilitaryAidTo", "NER") in got
    # twin: the same verb with goods that are neither arms nor relief is no aid
    got = asserted(run(nlp, f"Niger {verb} a majority in the vote."))
    assert not {r for _, r, _ in got} & {"givesMilitaryAidTo", "aids"}


def test_the_author_of_an_act_of_force_goes_before_the_place(nlp):
    """The place of an agentless passive is its actor only when no act names one."""
    strike = "A Chilean officer was killed in Quito in a Peruvian drone strike."
    assert {s for s, _, _ in asserted(run(nlp, strike))} == {"PER"}
    assert {
        s for s, _, _ in asserted(run(nlp, "A Chilean officer was killed in Quito."))
    } == {"ECU"}


def test_a_ban_on_trade_is_an_embargo(nlp):
    assert ("PER", "sanctions", "CHL") in asserted(
        run(nlp, "Peru imposed an import ban on Chile.")
    )
    # twins: a ban on people coerces, and a lifted export ban eases
    assert ("PER", "coerces", "CHL") in asserted(
        run(nlp, "Peru imposed a ban on Chilean journalists.")
    )
    got = asserted(run(nlp, "Peru lifted its export ban on Chile."))
    assert got and not {r for _, r, _ in got} & {"sanctions", "coerces"}


def test_playing_host_is_hosting_but_playing_a_role_is_no_event(nlp):
    assert ("PER", "hosts", "CHL") in asserted(
        run(nlp, "Peru played host to Chilean negotiators.")
    )
    assert not asserted(run(nlp, "Peru played a role in the talks."))


def test_pressure_put_on_a_party_is_a_demand_of_it(nlp):
    assert ("PER", "demands", "CHL") in asserted(
        run(nlp, "Peru put pressure on Chile to reopen the border.")
    )
    assert ("PER", "demands", "CHL") in asserted(
        run(nlp, "Chile came under pressure from Peru.")
    )
    # the twin: pressure on no party is no event
    assert not asserted(run(nlp, "The pressure on hospitals in Lima grew."))


def test_a_place_of_ones_own_taken_from_a_party_acts_on_that_party(nlp):
    got = asserted(run(nlp, "Peru's army recaptured Lima from Chilean forces."))
    assert {(s, t) for s, _, t in got} == {("PER", "CHL")}
    # twins: with no party it was taken from, no event; a place of another
    # state stands for that state
    assert not asserted(run(nlp, "Peru's army recaptured Lima."))
    got = asserted(run(nlp, "Peru's army captured Santiago from rebels."))
    assert ("PER", "CHL") in {(s, t) for s, _, t in got}


def test_drills_on_a_border_are_a_show_of_force(nlp):
    got = asserted(run(nlp, "Peru staged military drills on the Chilean border."))
    assert ("PER", "mobilisesAgainst", "CHL") in got
    # the twin: drills with a partner on the same border are cooperation
    got = asserted(
        run(nlp, "Peru held joint drills with Bolivia on the Chilean border.")
    )
    assert ("PER", "cooperatesMilitarilyWith", "BOL") in got


def test_a_deposit_or_bailout_is_economic_aid_and_a_settlement_an_agreement(nlp):
    assert ("PER", "givesEconomicAidTo", "CHL") in asserted(
        run(nlp, "Peru extended a $2 billion deposit to Chile.")
    )
    assert ("PER", "signsAgreementWith", "CHL") in asserted(
        run(nlp, "Peru reached a settlement with Chile over the fishing dispute.")
    )
    # the twin: settlements built are no event
    assert not asserted(run(nlp, "Peru expanded settlements near Chile's border."))


def test_an_irregular_past_tagged_as_a_present_is_read_as_its_verb(nlp):
    # the model tags "retook" VBP with lemma "retook"; the lemmatiser's table of
    # irregular verbs gives "retake"
    got = asserted(run(nlp, "Bolivian troops retook Tarija from Peruvian forces."))
    assert ("BOL", "occupies", "PER") in got
    # the twin: the regular form was read as its verb all along
    got = asserted(run(nlp, "Bolivian troops recaptured Tarija from Peruvian forces."))
    assert ("BOL", "occupies", "PER") in got


def test_control_of_a_place_of_ones_own_taken_from_a_party_acts_on_it(nlp):
    got = asserted(run(nlp, "Bolivian troops took control of Tarija from Peru."))
    assert {(s, t) for s, _, t in got} == {("BOL", "PER")}
    got = asserted(run(nlp, "Bolivian troops regained control of Tarija from Peru."))
    assert {(s, t) for s, _, t in got} == {("BOL", "PER")}
    got = asserted(run(nlp, "Bolivian troops regained Tarija from Peruvian rebels."))
    assert {(s, t) for s, _, t in got} == {("BOL", "PER")}
    # the twins: regained momentum is no event; control taken of another
    # state's place acts on that state
    assert not asserted(run(nlp, "Bolivia regained its lead over Peru in exports."))
    got = asserted(run(nlp, "Bolivian troops took control of Arequipa."))
    assert {(s, t) for s, _, t in got} == {("BOL", "PER")}


def test_warships_sent_are_military_aid_and_fishing_boats_no_aid(nlp):
    assert ("NOR", "givesMilitaryAidTo", "LVA") in asserted(
        run(nlp, "Norway sent two corvettes to Latvia.")
    )
    # the twin: vessels of no military kind hand over nothing
    assert not asserted(run(nlp, "Norway sent two fishing vessels to Latvia."))


def test_an_act_drawn_from_a_party_is_that_partys_act(nlp):
    got = asserted(run(nlp, "Peru's decision drew criticism from Chile."))
    assert got == {("CHL", "condemns", "PER")}
    got = asserted(run(nlp, "Peru's troops drew fire from Chilean rebels."))
    assert {(s, r) for s, r, _ in got} == {("CHL", "attacks")}
    # the twin: a drawn-up plan is no act
    assert not asserted(run(nlp, "Peru drew up a plan with Chile."))


def test_the_side_of_a_border_where_an_act_happened_is_no_party(nlp):
    text = "Peruvian troops shelled rebel camps near the Chilean border."
    assert ("PER", "CHL") not in {(s, t) for s, _, t in asserted(run(nlp, text))}
    text = "Peruvian troops raided a rebel camp on the border with Chile."
    assert ("PER", "CHL") not in {(s, t) for s, _, t in asserted(run(nlp, text))}
    # the twins: a post of that state is its own, and troops massed on its
    # border are a show of force against it
    got = asserted(run(nlp, "Peruvian troops attacked a Chilean border post."))
    assert ("PER", "CHL") in {(s, t) for s, _, t in got}
    got = asserted(run(nlp, "Peru massed troops on the Chilean border."))
    assert ("PER", "CHL") in {(s, t) for s, _, t in got}


def test_units_that_arrive_in_a_state_are_deployed_not_visiting(nlp):
    got = asserted(run(nlp, "Peruvian peacekeepers arrived in Bolivia."))
    assert got == {("PER", "givesMilitaryAidTo", "BOL")}
    got = asserted(run(nlp, "A contingent of Peruvian police arrived in Bolivia."))
    assert {(s, t) for s, _, t in got} == {("PER", "BOL")}
    assert "visits" not in {r for _, r, _ in got}
    # the twin: an envoy who arrives visits
    got = asserted(run(nlp, "Peru's foreign minister arrived in Bolivia."))
    assert got == {("PER", "visits", "BOL")}


def test_force_of_a_state_on_its_own_protesters_is_repression(nlp):
    doc = run(nlp, "Peruvian police fired tear gas at protesters in Lima.")
    got = {(a.source.code, a.relation, a.target.code, a.cameo)
           for a in doc._.kg_assertions}  # fmt: skip
    assert got == {("PERCOP", "coerces", "PERCVL", "175")}
    # the twins: force on armed men, or on another state's protesters, is force
    got = asserted(run(nlp, "Peruvian police fired at Chilean gunmen in Lima."))
    assert {r for _, r, _ in got} == {"attacks"}
    got = asserted(run(nlp, "Peruvian troops fired at Chilean protesters."))
    assert {r for _, r, _ in got} == {"attacks"}


def test_an_amount_of_money_handed_over_is_economic_aid(nlp):
    got = asserted(run(nlp, "Peru transferred $300 million to Bolivia."))
    assert got == {("PER", "givesEconomicAidTo", "BOL")}
    # the twin: money paid for goods sold is trade, not aid
    assert not asserted(run(nlp, "Peru sold $5 billion worth of copper to China."))


def test_raising_a_measure_is_the_measure(nlp):
    assert asserted(run(nlp, "Peru raised tariffs on Chilean wine.")) == {
        ("PER", "sanctions", "CHL")
    }
    assert asserted(run(nlp, "Peru increased its aid to Bolivia.")) == {
        ("PER", "aids", "BOL")
    }
    # the twin: raising what is no event noun is no event
    assert not asserted(run(nlp, "Peru raised interest rates after talks in Chile."))


def test_a_noun_of_aid_names_its_giver_with_from(nlp):
    got = asserted(run(nlp, "Peru repaid its loans from Chile."))
    assert got == {("CHL", "givesEconomicAidTo", "PER")}
    # the twin: a noun of another act keeps its "from" party as the target
    got = asserted(run(nlp, "Peru completed its withdrawal from Bolivia."))
    assert ("PER", "BOL") in {(s, t) for s, _, t in got}
