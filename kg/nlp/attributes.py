"""The model's attribute ruler, with the same output and without a Matcher per token.

spaCy's ``AttributeRuler`` runs a ``Matcher`` of all its patterns over every token
(179 in the English model; about 9% of the whole pipeline's CPU). Nearly all of its
patterns are single tokens (``{"TAG": "PRP", "LOWER": "she"}``), whose match
depends only on the token's values of the attributes the patterns name. So
:class:`CachedAttributeRuler` reads those values for all tokens at once
(``Doc.to_array``) and runs the single-token patterns once per distinct combination
of values (a cache; the spaCy ``Matcher`` itself decides the match, on that token
alone; a value that no pattern singles out is read as any other such value, so the
cache holds a few hundred entries), and the few longer patterns with a ``Matcher``
of their own; then it sets on each token the attributes of its matches merged in
the ruler's order (a later pattern wins, as in spaCy). When a pattern is of a kind
this reasoning does not cover (an ``OP``, an extension attribute, a lexeme
attribute to set), the ruler runs spaCy's own code.
:func:`use_cached_attribute_ruler` swaps it into a pipeline.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
from spacy.attrs import DEP, IDS, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

__all__ = ["CachedAttributeRuler", "use_cached_attribute_ruler"]

#: Token attributes a single-token pattern may test: attributes of the token alone
#: (no entity, sentence or extension attribute), each read by ``Doc.to_array``.
_TESTED = frozenset(
    {"ORTH", "TEXT", "LOWER", "NORM", "SHAPE", "TAG", "POS", "DEP", "LEMMA", "MORPH"}
    | {name for name in IDS if name.startswith(("IS_", "LIKE_"))}
) - {"IS_SENT_START", "IS_SENT_END"}

#: Attributes the ruler may set: token attributes only (a lexeme attribute set on
#: one token would change every token of that word, in the order of the matches).
_SET = frozenset({POS, TAG, LEMMA, MORPH, DEP})

#: The value a token attribute is read as when no pattern names it.
_ANY = np.uint64(2**64 - 1)

#: Distinct attribute-value combinations kept in the cache (bounded on a stream).
_MAX_CACHED = 200_000


class CachedAttributeRuler(AttributeRuler):
    """An ``AttributeRuler`` whose single-token patterns are matched once per
    combination of token values (see the module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._plan: tuple | None = None
        self._planned = -1

    def __call__(self, doc: Doc) -> Doc:
        plan = self._current_plan()
        if plan is None:
            return super().__call__(doc)
        attr_ids, normal, single, multi, cache, merged = plan
        targets = self._targets(multi, doc) if multi is not None else {}
        if targets is None:  # a pattern index outside its match:
            return super().__call__(doc)  # spaCy's own error
        if len(cache) > _MAX_CACHED:
            cache.clear()
        values = doc.to_array(attr_ids).reshape(len(doc), len(attr_ids))
        for col, relevant in normal:
            values[:, col] = relevant.normalise(values[:, col], self.vocab.strings)
        for i, key in enumerate(map(tuple, values.tolist())):
            rules = cache.get(key)
            if rules is None:
                found = single(doc[i : i + 1], allow_missing=True, as_spans=False)
                rules = cache[key] = self._rules(found)
            if i in targets:
                rules = tuple(sorted(set(rules).union(targets[i])))
            if rules:
                attrs = merged.get(rules)
                if attrs is None:
                    attrs = merged[rules] = self._merged(rules)
                set_token_attrs(doc[i], attrs)
        return doc

    def _rules(self, matches: list) -> tuple[int, ...]:
        """The rule numbers of ``(match_id, start, end)`` matches, in order."""
        return tuple(sorted({int(self.vocab.strings[m]) for m, _, _ in matches}))

    def _targets(self, multi: Matcher, doc: Doc) -> dict[int, list[int]] | None:
        """The rules of the longer patterns by the token they set (None when a
        pattern's index falls outside its match)."""
        targets: dict[int, list[int]] = {}
        for m_id, start, end in multi(doc, allow_missing=True, as_spans=False):
            rule = int(self.vocab.strings[m_id])
            index = self.indices[rule]
            at = start + index if index >= 0 else end + index
            if not start <= at < end:
                return None
            targets.setdefault(at, []).append(rule)
        return targets

    def _merged(self, rules: tuple[int, ...]) -> dict:
        """The attributes of ``rules`` applied in order (a later rule wins)."""
        out: dict = {}
        for rule in rules:
            out.update(self.attrs[rule])
        return out

    def _current_plan(self) -> tuple | None:
        """The matchers and caches for the current patterns (rebuilt when patterns
        were added), or None when a pattern needs spaCy's own code."""
        if self._planned != len(self.attrs):
            self._plan = self._make_plan()
            self._planned = len(self.attrs)
        return self._plan

    def _make_plan(self) -> tuple | None:
        single, multi = Matcher(self.vocab), Matcher(self.vocab)
        tested: set[str] = set()
        single_patterns: list[dict] = []
        has_multi = False
        for rule, attrs in enumerate(self.attrs):
            if not set(attrs) <= _SET:
                return None
            key = str(rule)
            for pattern in self.matcher.get(key)[1]:
                if any(set(tok) - _TESTED for tok in pattern):
                    return None  # OP, "_", entity or sentence attributes
                if len(pattern) == 1:
                    if self.indices[rule] not in (0, -1):
                        return None
                    tested.update("ORTH" if t == "TEXT" else t for t in pattern[0])
                    single.add(key, [pattern])
                    single_patterns.append(pattern[0])
                else:
                    has_multi = True
                    multi.add(key, [pattern])
        names = sorted(tested) or ["ORTH"]
        relevant = [(j, _relevant(single_patterns, n)) for j, n in enumerate(names)]
        normal = [(j, r) for j, r in relevant if r is not None]
        attr_ids = [IDS[name] for name in names]
        return attr_ids, normal, single, multi if has_multi else None, {}, {}


class _Relevant:
    """Which values of one tested attribute some single-token pattern singles out:
    those named by equality, ``IN`` or ``NOT_IN``, and those a ``REGEX`` finds.
    Every other value fails or passes each pattern exactly as any other such value
    does, so the cache key reads them all as one (``_ANY``)."""

    def __init__(self, named: set[int], regexes: list[re.Pattern[str]]) -> None:
        self.named = named
        self.regexes = regexes
        self.known: dict[int, bool] = {}

    def normalise(self, column: np.ndarray, strings: Any) -> np.ndarray:
        """``column`` with the values no pattern singles out replaced by ``_ANY``."""
        known = self.known
        if len(known) > _MAX_CACHED:
            known.clear()
        keep = []
        for v in np.unique(column).tolist():
            hit = known.get(v)
            if hit is None:
                hit = known[v] = v in self.named or any(
                    rx.search(strings[v]) for rx in self.regexes
                )
            if hit:
                keep.append(v)
        return np.where(np.isin(column, np.array(keep, dtype="uint64")), column, _ANY)


def _relevant(patterns: list[dict], name: str) -> _Relevant | None:
    """The :class:`_Relevant` of attribute ``name`` in single-token ``patterns``, or
    None when a pattern asks it anything else (its values then all stay apart)."""
    if name == "MORPH":
        return None
    named: set[int] = set()
    regexes: list[re.Pattern[str]] = []
    for tok in patterns:
        value = tok.get("TEXT", tok.get(name)) if name == "ORTH" else tok.get(name)
        if value is None:
            continue
        if isinstance(value, dict) and set(value) == {"REGEX"} and name != "ORTH":
            regexes.append(re.compile(value["REGEX"]))
            continue
        if isinstance(value, dict):
            if len(value) != 1 or not set(value) <= {"IN", "NOT_IN"}:
                return None
            value = next(iter(value.values()))
        for v in value if isinstance(value, list) else [value]:
            if isinstance(v, bool):
                named.add(int(v))
            elif isinstance(v, str):
                named.add(get_string_id(v))
            else:
                return None
    if int(_ANY) in named or (regexes and name.startswith(("IS_", "LIKE_"))):
        return None
    return _Relevant(named, regexes)


@Language.factory("kg_attribute_ruler", default_config={"validate": False})
def make_cached_attribute_ruler(
    nlp: Language, name: str, validate: bool
) -> CachedAttributeRuler:
    """spaCy factory of :class:`CachedAttributeRuler` (no patterns yet)."""
    return CachedAttributeRuler(nlp.vocab, name, validate=validate)


def use_cached_attribute_ruler(nlp: Language) -> None:
    """Replace the pipeline's ``attribute_ruler`` (spaCy's own class) by a
    :class:`CachedAttributeRuler` with the same patterns, in the same place."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    old = nlp.get_pipe("attribute_ruler")
    if type(old) is not AttributeRuler:
        return
    patterns = old.patterns
    new = nlp.replace_pipe("attribute_ruler", "kg_attribute_ruler")
    assert isinstance(new, CachedAttributeRuler)
    new.add_patterns(patterns)
