"""The Phoenix actor dictionary's leaders and officials as a kg resource file.

``python -m kg.convert.phoenix SRC_DIR [--output FILE]`` reads
``SRC_DIR/Phoenix.Countries.actors.txt`` (PETRARCH2's country dictionary, MIT
licence; format in ``dictionaries.rst``) and rewrites
``kg/resources/actors_phoenix.json``: every person or office record with a coded
sector (``[USAGOV >090120]``) becomes one row ``[id, label, [surface forms],
[[code, from, to], ...]]`` (id ``P_<SLUG>``), roles in the dictionary's order with
the undated default last. The registry reads the file as it is
(:mod:`kg.registry.phoenix`), so the expensive work is done here, once:

- phrases become the case of news text ("MUAMMAR_AL_QADDAFI" -> "Muammar
  al-Qaddafi", "JOHN_MCCAIN" -> "John McCain") with kg's quote, hyphen and
  diacritic variants (:func:`kg.registry.lexicon.variants`);
- a one-word phrase is kept only when it has six letters or more and is not an
  English word of the model's lemmatizer ("Qaddafi" yes, "Rice" or "King" no);
- a form shared by records of different countries is dropped from all of them;
- dates ``YYMMDD`` (years before 30 are 20xx) and ``YYYYMMDD`` become ISO dates;
  ``<d`` ends a role, ``>d`` starts it, ``d1-d2`` bounds it; the null code ``---``,
  malformed dates and ranges that end before they start are skipped.
  Country-only records (``AFGHANISTAN_ [AFG]``, cities) are not imported: kg's own
  country data is authoritative.

Running it again on the same dictionary writes the same bytes.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.registry.lexicon import slug, variants
from kg.resources import resource_path

#: The dictionary file read and the resource file written.
SOURCE = "Phoenix.Countries.actors.txt"
OUTPUT = "actors_phoenix.json"

#: One-word forms shorter than this are not imported (too many are words).
MIN_SINGLE = 6

#: Name particles written in lower case inside a name ("Muammar al-Qaddafi").
_PARTICLES = frozenset(
    {"al", "el", "ad", "ash", "as", "at", "az", "bin", "ibn", "bint", "de", "da",
     "del", "della", "der", "den", "van", "von", "la", "le", "di", "du", "dos", "das"}
)  # fmt: skip
#: Acronyms kept in capitals inside a name ("US President Barack Obama").
_ACRONYMS = frozenset({"US", "USA", "UK", "UN", "EU", "UAE", "NATO"})
#: Particles joined to the next word with a hyphen ("al-Qaddafi").
_HYPHENED = frozenset({"al", "el", "ad", "ash", "as", "at", "az"})

NOTICE = (
    "Leaders and officials with dated roles converted by kg.convert.phoenix from "
    "PETRARCH2's Phoenix.Countries.actors.txt (Open Event Data Alliance)."
)

_RESTRICTION = re.compile(r"\[\s*([A-Z0-9-]+)\s*(.*?)\s*\]")


@dataclass
class Record:
    """One dictionary record: its phrases, its default code and its restrictions."""

    phrases: list[str]
    default: str | None = None
    roles: list[tuple[str, str | None, str | None]] = field(default_factory=list)


def iso(raw: str) -> str | None:
    """An ISO date from ``YYMMDD`` or ``YYYYMMDD`` (None when malformed).

    Examples:
        >>> iso("090120"), iso("19060101"), iso("450120"), iso("1920030320")
        ('2009-01-20', '1906-01-01', '1945-01-20', None)
    """
    if re.fullmatch(r"\d{6}", raw):
        yy = int(raw[:2])
        raw = f"{2000 + yy if yy < 30 else 1900 + yy}{raw[2:]}"
    if not re.fullmatch(r"(1[89]|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])", raw):
        return None
    return f"{raw[:4]}-{raw[4:6]}-{raw[6:]}"


def restriction(text: str) -> tuple[str, str | None, str | None] | None:
    """``(code, from, to)`` of a date restriction such as ``[USAGOV >090120]``.

    Examples:
        >>> restriction("[USAGOV >090120]"), restriction("[USAELI 600101-000101]")
        (('USAGOV', '2009-01-20', None), ('USAELI', '1960-01-01', '2000-01-01'))
        >>> restriction("[GBRGOV <970502]"), restriction("[---]")
        (('GBRGOV', None, '1997-05-02'), None)
    """
    m = _RESTRICTION.search(text)
    if m is None or not re.fullmatch(r"[A-Z]{3}[A-Z0-9]*", m.group(1)):
        return None
    code, spec = m.group(1), m.group(2).replace(" ", "")
    if not spec:
        return code, None, None
    bounds = re.fullmatch(r"(\d+)-(\d+)", spec)
    if bounds:
        start, end = iso(bounds.group(1)), iso(bounds.group(2))
        return (code, start, end) if start and end and start <= end else None
    date = iso(spec.lstrip("<>")[:8])
    if date is None:
        return None
    return (code, None, date) if spec.startswith("<") else (code, date, None)


def _phrase(raw: str) -> str:
    """The words of a dictionary phrase ("JOE_BIDEN_" -> "JOE BIDEN")."""
    return " ".join(raw.replace("_", " ").split())


def records(lines: Iterator[str]) -> Iterator[Record]:
    """The records of an actor dictionary, in file order."""
    rec: Record | None = None
    for line in lines:
        body = line.split("#", 1)[0].rstrip()
        if not body.strip():
            continue
        if body[0] in " \t" and body.strip().startswith("["):
            found = restriction(body)
            if rec is not None and found is not None:
                rec.roles.append(found)
        elif body.startswith("+"):
            if rec is not None:
                rec.phrases.append(_phrase(body[1:].split("[", 1)[0]))
        else:
            if rec is not None:
                yield rec
            phrase, _, rest = body.partition("[")
            default = restriction("[" + rest) if rest else None
            rec = Record([_phrase(phrase)], default[0] if default else None)
    if rec is not None:
        yield rec


def _word_case(word: str, first: bool) -> str:
    """One word in the case of news text."""
    low = word.lower()
    if word in _ACRONYMS:
        return word
    if not first and low in _PARTICLES:
        return low
    if re.fullmatch(r"[IVX]+", word) and len(word) > 1:
        return word  # "II"
    out = "-".join(p[:1].upper() + p[1:] for p in low.split("-"))
    out = "'".join(p[:1].upper() + p[1:] for p in out.split("'"))
    return re.sub(r"^Mc([a-z])", lambda m: "Mc" + m.group(1).upper(), out)


def news_case(phrase: str) -> str:
    """A dictionary phrase in the case of news text.

    Examples:
        >>> news_case("MUAMMAR AL QADDAFI"), news_case("JOHN MCCAIN")
        ('Muammar al-Qaddafi', 'John McCain')
        >>> news_case("JEAN-BERTRAND ARISTIDE"), news_case("AL GORE")
        ('Jean-Bertrand Aristide', 'Al Gore')
    """
    words = [_word_case(w, i == 0) for i, w in enumerate(phrase.split())]
    out: list[str] = []
    for w in words:
        if out and out[-1] in _HYPHENED:
            out[-1] = f"{out[-1]}-{w}"
        else:
            out.append(w)
    return " ".join(out)


def _keep(form: str, english: frozenset[str]) -> bool:
    """Whether a one-word form is distinctive enough to name a person."""
    if " " in form:
        return True
    return len(form) >= MIN_SINGLE and form.lower() not in english


def _country(code: str) -> str:
    return code[:3]


def _people(recs: list[Record], english: frozenset[str]) -> list[list]:
    """The rows of the records with a coded sector; shared forms dropped."""
    rows: list[tuple[str, list[str], list[list[str | None]]]] = []
    owners: dict[str, set[str]] = {}
    for rec in recs:
        roles = [list(r) for r in rec.roles]
        if rec.default:
            roles.append([rec.default, None, None])
        if not roles or all(len(str(r[0])) <= 3 for r in roles):
            continue  # a country, a city or a null record
        forms: list[str] = []
        for p in rec.phrases:
            if p:
                forms += sorted(variants(news_case(p)))
        forms = [f for f in dict.fromkeys(forms) if _keep(f, english)]
        if not forms:
            continue
        countries = {_country(str(r[0])) for r in roles}
        for f in forms:
            owners.setdefault(f, set()).update(countries)
        rows.append((news_case(rec.phrases[0]), forms, roles))
    out = []
    seen: set[str] = set()
    for label, forms, roles in rows:
        kept = [f for f in forms if len(owners[f]) == 1]
        pid = "P_" + slug(label).upper()
        if kept and pid not in seen:  # namesakes of one country: the first
            seen.add(pid)
            out.append([pid, label, kept, roles])
    return out


def english_words() -> frozenset[str]:
    """The English words of the model's lemmatizer (one-word names are not them)."""
    import spacy

    from kg.nlp.actors.rules.misspellings import english_words as words
    from kg.nlp.model import DEFAULT_MODEL

    return words(spacy.load(DEFAULT_MODEL, exclude=["parser", "ner"]))


def convert(src: Path, english: frozenset[str]) -> str:
    """The text of the resource file made from the dictionary folder ``src``.

    Raises:
        OSError: when the dictionary or its licence cannot be read.
    """
    text = (src / SOURCE).read_text(encoding="utf-8", errors="replace")
    licence = (src / "LICENSE").read_text(encoding="utf-8").strip()
    rows = _people(list(records(iter(text.splitlines()))), english)
    head = {"notice": NOTICE, "licence": licence}

    def dump(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    # one person per line: diffs stay readable
    lines = ",\n".join(dump(row) for row in rows)
    return dump(head)[:-1] + ',"persons":[\n' + lines + "\n]}\n"


def main(argv: list[str] | None = None) -> int:
    """Convert the dictionary folder given on the command line."""
    parser = argparse.ArgumentParser(
        prog="python -m kg.convert.phoenix", description=__doc__.splitlines()[0]
    )
    parser.add_argument("src", type=Path, help="folder of PETRARCH2's dictionaries")
    parser.add_argument("--output", type=Path, default=None, help="file to write")
    args = parser.parse_args(argv)
    if not (args.src / SOURCE).is_file() or not (args.src / "LICENSE").is_file():
        print(f"kg: error: {args.src} has no {SOURCE} and LICENSE", file=sys.stderr)
        return 1
    out = args.output or resource_path(OUTPUT)
    tmp = out.with_suffix(".tmp")
    tmp.write_text(convert(args.src, english_words()), encoding="utf-8")
    tmp.replace(out)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
