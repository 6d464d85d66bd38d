"""Unknown organisations: what NER calls ORG (or a plural NORP) that the registry
lacks becomes a minted actor ``ORG_<slug>``, coded by the country named in it.

Role phrases ("Defense Secretary William Perry"), titles and named things ("the
Abraham Accords") are not organisations; a city NER took for an ORG is a place, and
so is a name that modifies a place noun ("the Essequibo region").
:func:`join_of_place` joins "Movement for the ... of" + "Biafra" into one
organisation of the place's country.
"""

from __future__ import annotations

from spacy.tokens import Span

from kg.nlp.actors.context import PLACE, Candidate, DocContext, unknown_org
from kg.registry.lexicon import fold_text


def _is_organisation(ctx: DocContext, ent: Span, span: Span) -> bool:
    """Whether an entity without an actor id (``span``: without "the") is an
    organisation rather than a role, a title, a named thing or a modifier."""
    if not span.text or not any(ch.isupper() for ch in span.text):
        return False
    if tuple(fold_text(t.text) for t in span) in ctx.lex.roles:
        return False
    # "the Abraham Accords", "the Astana process": named things, not actors
    if fold_text(span[-1].text) in ctx.lex.things:
        return False
    # "Defense Secretary William Perry": a title, not an organisation
    title = ctx.title_at(span.start) or ctx.role_at(span.start)
    if title is not None and title[0] > span.end:
        return False
    # "the Essequibo region": the name of a place
    root = span.root
    if root.dep_ == "compound" and root.head.lemma_.lower() in ctx.words.place_nouns:
        return False
    if ent.label_ == "NORP":
        return root.tag_ in ("NNPS", "NNS") and root.dep_ not in ("amod", "compound")
    return not (len(span) == 1 and span[0].pos_ not in ("PROPN", "NOUN"))


def apply(ctx: DocContext, cands: list[Candidate]) -> list[Candidate]:
    """Add the organisations (and cities) NER found outside the candidates; mark
    them taken."""
    doc = ctx.doc
    covered = {i for c in cands for i in c.spans()}
    out = []
    for ent in doc.ents:
        if ent.ent_id_ or ent.label_ not in ("ORG", "NORP"):
            continue
        if any(i in covered for i in range(ent.start, ent.end)):
            continue
        span = doc[ent.start + 1 : ent.end] if ent[0].lower_ == "the" else ent
        if not _is_organisation(ctx, ent, span):
            continue
        if span.text in ctx.lex.cities:
            out.append(
                Candidate(span.start, span.end, ctx.lex.cities[span.text], PLACE)
            )
            continue
        country = ctx.country_inside(span.start, span.end)
        out.append(unknown_org(span.start, span.end, span.text, country))
        covered.update(range(span.start, span.end))
    ctx.take(out)
    return cands + out


def join_of_place(ctx: DocContext, cands: list[Candidate]) -> list[Candidate]:
    """'Movement for the ... State of' + 'Biafra': one organisation in NGA.

    Returns the candidates sorted by start.
    """
    out: list[Candidate] = []
    for c in sorted(cands, key=lambda c: c.start):
        prev = out[-1] if out else None
        country = ctx.state_of(c)
        if (
            prev is not None
            and not prev.known
            and prev.end == c.start
            and ctx.toks[prev.end - 1].lower_ in ("of", "for", "in")
            and country is not None
            and c.end - c.start <= 3
        ):
            text = ctx.text(prev.start, c.end)
            out[-1] = unknown_org(prev.start, c.end, text, country)
            continue
        out.append(c)
    return out
