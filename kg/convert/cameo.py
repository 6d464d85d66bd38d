"""Convert PETRARCH2's CAMEO verb dictionary into ``kg/resources/cameo_verbs.json``.

``python -m kg.convert.cameo SRC_DIR [-o OUT]`` reads ``SRC_DIR/CAMEO.2.0.txt`` (the
verb dictionary of PETRARCH2, MIT licence, format in its ``dictionaries.rst``) and its
``LICENSE``, and rewrites the committed, compact lexicon that kg loads beside its own
``patterns.yaml``. Re-running it on the same source reproduces the file byte for byte.

Only what belongs to a verb is kept (the dictionary is a quarry, not the plan):

- ``verbs``: a verb with a code of its **own** on its line (``RESCIND [160]``); the
  code of its synonym block is never inherited ("accord", listed in a block of
  granting, is no trigger of cooperation; "die" is no attack).
- ``roots``: the CAMEO roots of each verb's own sense, from its own code or else
  the codes of the blocks that list it (``"reassert": ["05"]``): kg takes the
  object patterns of a verb it lacks only where they have such a root.
- ``phrasal``: a phrasal verb listed in a block of conflict (CAMEO roots 10-20)
  without a code of its own takes the block's code with its particle
  (``+CORDON_OFF`` under ``EXCLUDE [170]``, ``+KICK_OUT`` under ``DEPORT [174]``): a
  verb and its particle are one deliberate entry, not a loose single-word synonym.
  The blocks of cooperation are left out (``+TALK_OVER`` under ``COMPROMISE
  [080]``, ``+WALK_OUT`` under ``GO_SOMEWHERE [040]``).
- ``objects``, ``preps``, ``particles``, ``pobjs``: the patterns ``- * NOUN
  [code]``, ``- * (PREP) [code]``, ``- * PARTICLE [code]`` and ``- * (PREP NOUN)
  [code]`` of the verb the pattern's comment names (``# CANCEL``), never of the
  whole block. A preposition with its object is one key, ``"for:talks"``, the key
  kg's ``prep`` tables give a prepositional object. Synonym sets (``&FOOD``) are
  expanded; a ``---`` code is kept as ``null`` (the combination is no event).
  Patterns with words before the verb, several phrases, or a noun phrase of
  several words are left out.

Codes stay CAMEO codes (``"0871"``); kg maps each to a relation when it loads the
lexicon (:mod:`kg.nlp.relations.lexicon`), so this file does not depend on kg's
vocabulary.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

#: The dictionary file inside the PETRARCH2 folder.
SOURCE = "CAMEO.2.0.txt"

#: The committed output (relative to the package).
OUTPUT = Path(__file__).resolve().parent.parent / "resources" / "cameo_verbs.json"

#: Particles of phrasal verbs ("call off", "cordon off").
PARTICLES = frozenset(
    ["off", "up", "down", "out", "back", "over", "away", "in", "on", "aside"]
    + ["apart", "through"]
)

#: Prepositions a ``(PREP)`` pattern may name.
PREPOSITIONS = frozenset(
    ["about", "against", "among", "at", "between", "by", "for", "from", "in"]
    + ["into", "of", "on", "over", "to", "toward", "towards", "upon", "with"]
    + ["within"]
)

#: The first CAMEO root of conflict (10 demand ... 20 mass violence): a phrasal
#: verb of a block of conflict takes the block's code ("+WIPE_OUT" under KILL
#: [190], "+CORDON_OFF" under EXCLUDE [170]); the blocks of cooperation gather
#: looser synonyms ("+HASH_OUT", "+TALK_OVER" under COMPROMISE [080], "+WALK_OUT"
#: under GO_SOMEWHERE [040]) and give none.
CONFLICT_ROOT = 10

_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
_CODE = re.compile(r"\[([^\]]*)\]")
_WORD = re.compile(r"^[A-Z][A-Z'-]*$")


@dataclass
class Lexicon:
    """What the converter keeps: verb -> code, and verb -> word -> code tables
    (``pobjs``: verb -> "prep:word" -> code; ``phrasal``: verb -> particle ->
    its block's code; ``roots``: verb -> roots of its own or its blocks' codes)."""

    verbs: dict[str, str | None] = field(default_factory=dict)
    objects: dict[str, dict[str, str | None]] = field(default_factory=dict)
    preps: dict[str, dict[str, str | None]] = field(default_factory=dict)
    particles: dict[str, dict[str, str | None]] = field(default_factory=dict)
    pobjs: dict[str, dict[str, str | None]] = field(default_factory=dict)
    phrasal: dict[str, dict[str, str | None]] = field(default_factory=dict)
    roots: dict[str, set[str]] = field(default_factory=dict)

    def add(self, table: str, verb: str, word: str, code: str | None) -> None:
        """Record ``verb`` + ``word`` -> ``code``; the first pattern of a pair wins."""
        getattr(self, table).setdefault(verb, {}).setdefault(word, code)


def _code(text: str) -> str | None:
    """The primary code of ``[code]`` or ``[code:code]``; None for ``---``.

    Examples:
        >>> _code("[042:043]"), _code("[---]"), _code("[175:145]")
        ('042', None, '175')
    """
    m = _CODE.search(text)
    if m is None:
        return None
    primary = m.group(1).split(":")[0].strip()
    return primary if primary.isdigit() else None


def _synsets(lines: list[str]) -> dict[str, list[str]]:
    """``&NAME`` -> its words (single words only, lower case; plurals added unless
    the label or the word ends with ``_``, or the word with "s" already)."""
    out: dict[str, list[str]] = {}
    name: str | None = None
    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        if line.startswith("&"):
            name = line.strip()
            out[name.rstrip("_")] = []
        elif line.startswith("+") and name is not None:
            word = line[1:].strip()
            plural = not (name.endswith("_") or word.endswith(("_", "S")))
            word = word.rstrip("_")
            if "_" in word or not _WORD.match(word):
                continue
            low = word.lower()
            out[name.rstrip("_")].append(low)
            if plural:
                out[name.rstrip("_")].append(_plural(low))
        elif not line.strip() or line.startswith("---"):
            name = None
    return out


def _plural(word: str) -> str:
    """PETRARCH's regular plural.

    Examples:
        >>> _plural("army"), _plural("pass"), _plural("tank")
        ('armies', 'passes', 'tanks')
    """
    if word.endswith("y"):
        return word[:-1] + "ies"
    if word.endswith("ss"):
        return word + "es"
    return word + "s"


def _verb_line(
    line: str, lex: Lexicon, block: list[str], block_code: str | None = None
) -> None:
    """A verb of a synonym block: kept with its own code only; a phrasal verb of a
    conflict block without one is kept in ``phrasal`` with the block's code."""
    body = line.split("#", 1)[0]
    word = re.sub(r"\{[^}]*\}", "", _CODE.sub("", body)).strip()
    if not word:
        return
    coded = _CODE.search(body) is not None  # a code of its own (None: "---")
    own = _code(body) if coded else None
    parts = word.lower().split("_")
    if parts[0].startswith("+") and len(parts) == 2 and parts[1] in PARTICLES:
        verb, prt = parts[0][1:], parts[1]  # "+CORDON_OFF": a phrasal verb
        block.append(verb)
        if coded:
            lex.add("particles", verb, prt, own)
        elif block_code is not None and int(block_code[:2]) >= CONFLICT_ROOT:
            lex.add("phrasal", verb, prt, block_code)
        return
    if len(parts) != 1 or not _WORD.match(word):
        return  # "WIRE_+TAP": a noun before the verb; not kept
    verb = parts[0]
    block.append(verb)
    code = own if coded else block_code
    if code is not None:
        lex.roots.setdefault(verb, set()).add(code[:2])
    if coded:
        lex.verbs.setdefault(verb, own)


def _phrase_words(phrase: str, synsets: dict[str, list[str]]) -> list[str]:
    """The words a one-word pattern phrase stands for (a synset is expanded)."""
    phrase = phrase.strip().strip("{}").strip()
    if phrase.startswith("&"):
        return synsets.get(phrase.rstrip("_"), [])
    if " " in phrase or "_" in phrase or not _WORD.match(phrase):
        return []
    return [phrase.lower()]


def _pattern_line(
    line: str, lex: Lexicon, block: list[str], synsets: dict[str, list[str]]
) -> None:
    """A ``- * ...`` pattern, kept for the verb its comment names."""
    body, _, comment = line[1:].partition("#")
    pre, star, post = body.partition("*")
    if not star or pre.strip() or "[" not in post:
        return
    code = _code(post)
    phrase = post[: post.index("[")].strip()
    named = {w.strip().lower() for w in comment.split(",")}
    verbs = [v for v in dict.fromkeys(block) if v in named]
    prep = re.fullmatch(r"\((\w+)\)", phrase)
    pobj = re.fullmatch(r"\((\w+)\s+(&?[\w'-]+)\)", phrase)
    for verb in verbs:
        if pobj is not None and pobj.group(1).lower() in PREPOSITIONS:
            for word in _phrase_words(pobj.group(2), synsets):
                lex.add("pobjs", verb, f"{pobj.group(1).lower()}:{word}", code)
        elif prep is not None and prep.group(1).lower() in PREPOSITIONS:
            lex.add("preps", verb, prep.group(1).lower(), code)
        elif phrase.lower() in PARTICLES:
            lex.add("particles", verb, phrase.lower(), code)
        elif phrase.lower() in PREPOSITIONS:  # "ADVANCE * INTO": a bare preposition
            lex.add("preps", verb, phrase.lower(), code)
        else:
            for word in _phrase_words(phrase, synsets):
                lex.add("objects", verb, word, code)


def parse(text: str) -> Lexicon:
    """Parse the text of ``CAMEO.2.0.txt`` into a :class:`Lexicon`.

    Examples:
        >>> lex = parse('''
        ... ---  REVOKE_   [---]  ---
        ... CANCEL
        ... RESCIND [160]
        ... - * VISIT                [160]   # CANCEL
        ... - * (ON)                 [020]   # CANCEL
        ... - * OFF                  [---]   # CANCEL
        ... ''')
        >>> lex.verbs, lex.objects
        ({'rescind': '160'}, {'cancel': {'visit': '160'}})
        >>> lex.preps, lex.particles
        ({'cancel': {'on': '020'}}, {'cancel': {'off': None}})
    """
    lines = text.splitlines()
    synsets = _synsets(lines)
    lex = Lexicon()
    block: list[str] = []
    block_code: str | None = None
    in_verbs = in_synset = False
    for raw in lines:
        line = raw.rstrip()
        if m := _BLOCK.match(line):
            block, in_verbs, in_synset = [], True, False
            block_code = _code(f"[{m.group(2)}]")
        elif not line.strip():
            in_synset = False
        elif line.startswith("&"):
            in_synset = True  # a synonym set between blocks (read by _synsets)
        elif not in_verbs or in_synset or line.lstrip().startswith(("#", "~")):
            continue
        elif line.startswith("-"):
            _pattern_line(line, lex, block, synsets)
        else:
            _verb_line(line, lex, block, block_code)
    return lex


def _sorted(table: dict) -> dict:
    return {k: dict(sorted(v.items())) for k, v in sorted(table.items())}


def render(lex: Lexicon, licence: str) -> str:
    """The JSON text of the lexicon: compact, one verb table per line, sorted."""
    head = {
        "source": f"PETRARCH2 {SOURCE} (openeventdata/petrarch2), converted by "
        "python -m kg.convert.cameo; codes are CAMEO event codes, null = no event",
        "licence": licence.strip(),
    }
    out = ["{"]
    for key, value in head.items():
        out.append(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},")
    tables = {
        "verbs": dict(sorted(lex.verbs.items())),
        "objects": _sorted(lex.objects),
        "preps": _sorted(lex.preps),
        "particles": _sorted(lex.particles),
        "pobjs": _sorted(lex.pobjs),
        "phrasal": _sorted(lex.phrasal),
        "roots": {v: sorted(r) for v, r in sorted(lex.roots.items())},
    }
    for n, (name, table) in enumerate(tables.items()):
        out.append(f"{json.dumps(name)}: {{")
        items = list(table.items())
        for i, (k, v) in enumerate(items):
            comma = "," if i < len(items) - 1 else ""
            value = json.dumps(v, separators=(",", ":"))
            out.append(f"{json.dumps(k)}: {value}{comma}")
        out.append("}" + ("," if n < len(tables) - 1 else ""))
    out.append("}")
    return "\n".join(out) + "\n"


def convert(src: Path, out: Path = OUTPUT) -> Lexicon:
    """Read ``src/CAMEO.2.0.txt`` and ``src/LICENSE``; write ``out`` atomically."""
    try:
        text = (src / SOURCE).read_text("utf-8", errors="replace")
        licence = (src / "LICENSE").read_text("utf-8")
    except OSError as exc:
        raise SystemExit(
            f"kg.convert.cameo: error: cannot read {exc.filename}"
        ) from None
    lex = parse(text)
    if not lex.verbs and not lex.objects:
        raise SystemExit(f"kg.convert.cameo: error: {src / SOURCE} has no verb entries")
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(render(lex, licence), "utf-8")
    tmp.replace(out)
    return lex


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m kg.convert.cameo SRC_DIR [-o OUT]``."""
    parser = argparse.ArgumentParser(
        prog="python -m kg.convert.cameo", description=__doc__.splitlines()[0]
    )
    parser.add_argument("src", type=Path, help="the PETRARCH2 dictionary folder")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    lex = convert(args.src, args.output)
    tables = (lex.objects, lex.preps, lex.particles, lex.pobjs)
    n_pat = sum(len(t) for x in tables for t in x.values())
    print(f"{args.output}: {len(lex.verbs)} verbs, {n_pat} patterns", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
