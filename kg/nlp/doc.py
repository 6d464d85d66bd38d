"""The Doc and Span extensions kg uses, registered once, here.

- ``doc._.kg_article_id`` / ``doc._.kg_article_date``: the article a Doc was made
  from (set by :func:`kg.nlp.extract.extract_articles`); leaders resolve by that
  date and relative dates are normalised against it.
- ``doc._.kg_mention_rows`` (set by ``kg_actors``) and ``span._.kg_mention``: the
  :class:`kg.types.Mention` of each actor span.
- ``doc._.kg_quotes`` (set by ``kg_actors``, read by ``kg_relations``): the
  attributed quotations, ``[start, end, speaker_start, speaker_end]`` token offsets
  per quotation (the tokens inside the marks and the mention that speaks for its
  speaker), so that quotations and speakers are found once per document.
- ``doc._.kg_assertions`` (set by ``kg_relations``): the :class:`kg.types.Assertion`
  records, kept in the Doc as plain rows (``kg_assertion_rows``) so that Docs cross
  process boundaries (spaCy serialises ``doc.user_data`` with msgpack).

It also finds what both extraction components need about a document's text: the
sentence of every token (:func:`sentence_index`), the quotations
(:func:`quotations`, with the marks of ``words.yaml``) and the speaker each is
attributed to (:func:`attributed_quotations`, with :func:`quote_speaker` and
:func:`continues_quote`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import fields
from typing import Protocol, TypeVar

from spacy.tokens import Doc, Span

from kg.nlp.words import shared_words
from kg.types import Assertion, Mention

#: The fields of a Mention, in order (a mention row is their values).
MENTION_FIELDS = tuple(f.name for f in fields(Mention))


def _span_mention(span: Span) -> Mention | None:
    """Getter of ``span._.kg_mention``: the Mention the resolver recorded."""
    rows = span.doc._.kg_mention_rows
    row = rows.get(f"{span.start_char}:{span.end_char}") if rows else None
    return Mention(*row) if row else None


def _pack(a: Assertion) -> list:
    """An assertion as plain lists (msgpack-safe, for ``nlp.pipe(n_process=2)``)."""
    row = [getattr(a, f.name) for f in fields(Assertion)]
    row[1] = [getattr(a.source, f) for f in MENTION_FIELDS]
    row[2] = [getattr(a.target, f) for f in MENTION_FIELDS]
    row[-1] = [list(kv) for kv in a.extra]
    return row


def _unpack(row: list) -> Assertion:
    args = list(row)
    args[1] = Mention(*args[1])
    args[2] = Mention(*args[2])
    args[-1] = tuple(tuple(kv) for kv in args[-1])
    return Assertion(*args)


def _get_assertions(doc: Doc) -> list[Assertion] | None:
    rows = doc._.kg_assertion_rows
    return None if rows is None else [_unpack(r) for r in rows]


def _set_assertions(doc: Doc, value: Iterable[Assertion] | None) -> None:
    doc._.kg_assertion_rows = None if value is None else [_pack(a) for a in value]


Doc.set_extension("kg_article_id", default="", force=True)
Doc.set_extension("kg_article_date", default=None, force=True)
Doc.set_extension("kg_mention_rows", default=None, force=True)
Doc.set_extension("kg_quotes", default=None, force=True)
Span.set_extension("kg_mention", getter=_span_mention, force=True)
Doc.set_extension("kg_assertion_rows", default=None, force=True)
Doc.set_extension(
    "kg_assertions", getter=_get_assertions, setter=_set_assertions, force=True
)


# ------------------------------------------------------------------ sentences, quotes
def sentence_index(doc: Doc) -> list[int]:
    """The sentence number of every token (all 0 without sentence boundaries).

    Examples:
        >>> import spacy
        >>> nlp = spacy.blank("en")
        >>> nlp.add_pipe("sentencizer")  # doctest: +ELLIPSIS
        <...>
        >>> sentence_index(nlp("Iran spoke. Iraq did."))
        [0, 0, 0, 1, 1, 1]
    """
    idx = [0] * len(doc)
    if not doc.has_annotation("SENT_START"):
        return idx
    for k, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            idx[i] = k
    return idx


#: Quotations longer than this (in tokens) are not looked for.
MAX_QUOTE_TOKENS = 400


def _closes(doc: Doc, j: int, close: str) -> bool:
    """Whether token j closes a quotation with ``close`` (a ’ that is not an
    apostrophe: followed by a space, punctuation or the end)."""
    return doc[j].text == close and (
        close != "’"
        or j + 1 >= len(doc)
        or bool(doc[j].whitespace_)
        or doc[j + 1].is_punct
    )


def quotations(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges inside quotation marks (without the marks), in text order.

    A single opening quote (‘) counts only after a space; a quotation has at least
    two tokens.

    Examples:
        >>> import spacy
        >>> doc = spacy.blank("en")("He said “we will not go back” and left.")
        >>> [doc[s:e].text for s, e in quotations(doc)]
        ['we will not go back']
    """
    marks = shared_words().quote_marks
    out = []
    i = 0
    n = len(doc)
    texts = [t.text for t in doc]
    while i < n:
        close = marks.get(texts[i])
        if close is not None and (texts[i] != "‘" or i == 0 or doc[i - 1].whitespace_):
            for j in range(i + 1, min(n, i + MAX_QUOTE_TOKENS)):
                if texts[j] == close and _closes(doc, j, close):
                    if j - i > 2:
                        out.append((i + 1, j))
                    i = j
                    break
        i += 1
    return out


class _Ranged(Protocol):
    """Anything with a token range: a Span, or a candidate mention."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


M = TypeVar("M", bound=_Ranged)

#: How far (in tokens) a speaker is looked for after and before a quotation.
SPEAKER_AFTER, SPEAKER_BEFORE = 8, 25


def _speaker_after(
    doc: Doc,
    end: int,
    mentions: Sequence[M],
    sent_of: Sequence[int],
    say: Collection[str],
) -> M | None:
    """”, said the former official  /  ” the official said: the first mention in
    the words after the closing mark, when they have a speech verb."""
    n = len(doc)
    k = end + 1
    while k < n and doc[k].is_punct:
        k += 1
    if not any(t.lemma_ in say for t in doc[k : min(n, k + SPEAKER_AFTER)]):
        return None
    for m in sorted(mentions, key=lambda m: m.start):
        if (
            k <= m.start < k + SPEAKER_AFTER
            and sent_of[m.start] == sent_of[min(k, n - 1)]
        ):
            return m
    return None


def _speaker_before(
    doc: Doc,
    start: int,
    mentions: Sequence[M],
    sent_of: Sequence[int],
    say: Collection[str],
) -> M | None:
    """X said: “...”  /  According to X, “...”: the last mention (in the order
    given) before the quotation in its sentence, when a speech verb or
    "according" precedes it."""
    lo = max(0, start - SPEAKER_BEFORE)
    before = [
        m
        for m in mentions
        if lo <= m.start
        and m.end <= start
        and sent_of[m.start] == sent_of[max(start - 1, 0)]
    ]
    words = doc[lo : max(start - 1, lo)]
    if before and any(t.lemma_ in say or t.lower_ == "according" for t in words):
        return before[-1]
    return None


def quote_speaker(
    doc: Doc,
    start: int,
    end: int,
    mentions: Sequence[M],
    *,
    sent_of: Sequence[int],
    say: Collection[str],
) -> M | None:
    """The mention a quotation (tokens ``[start, end)``) is attributed to, or None.

    Args:
        doc: The document.
        start: First token inside the quotation marks.
        end: The closing mark.
        mentions: Candidate speakers (anything with ``start``/``end`` token offsets).
        sent_of: The sentence number of every token (:func:`sentence_index`).
        say: Lemmas of the speech verbs ("say", "tell", ...).

    Returns:
        The first mention after the quotation when a speech verb follows it
        ("...”, said the official), else the last one before it in its sentence
        when a speech verb or "according" precedes it ("X said: “...”").

    Examples:
        >>> import spacy
        >>> doc = spacy.blank("en")("“We will win”, said Iran.")
        >>> doc[6].lemma_ = "say"
        >>> (s, e), = quotations(doc)
        >>> quote_speaker(doc, s, e, [doc[7:8]], sent_of=sentence_index(doc),
        ...               say={"say"}).text
        'Iran'
    """
    found = _speaker_after(doc, end, mentions, sent_of, say)
    if found is None:
        found = _speaker_before(doc, start, mentions, sent_of, say)
    return found


#: A quotation continues the previous one when at most this many tokens lie between.
MAX_CONTINUATION_GAP = 15


def continues_quote(
    doc: Doc, prev_end: int, start: int, *, say: Collection[str]
) -> bool:
    """Whether a quotation starting at ``start`` continues the one that ended at
    ``prev_end``: only a short attribution lies between ("...”, said X. “More...”).
    """
    if start - prev_end > MAX_CONTINUATION_GAP:
        return False
    return any(t.lemma_ in say for t in doc[prev_end:start])


def attributed_quotations(
    doc: Doc,
    mentions: Sequence[M],
    *,
    sent_of: Sequence[int],
    say: Collection[str],
    quotes: Sequence[tuple[int, int]] | None = None,
) -> Iterator[tuple[int, int, M, bool]]:
    """The quotations attributed to a speaker, with the speaker's mention.

    A quotation takes the speaker :func:`quote_speaker` finds, else, when it
    continues the previous attributed quotation (:func:`continues_quote`), that
    one's speaker.

    Args:
        doc: The document.
        mentions: Candidate speakers. The sequence is read anew at every quotation:
            mentions a caller appends while iterating are candidates for the
            quotations after.
        sent_of: The sentence number of every token (:func:`sentence_index`).
        say: Lemmas of the speech verbs (``speech_verbs`` of ``words.yaml``).
        quotes: The quotations of the document when the caller has them
            (:func:`quotations`; found here otherwise).

    Yields:
        ``(start, end, speaker, continued)``: the tokens inside the marks, the
        speaker's mention, and whether it came from the previous quotation.

    Examples:
        >>> import spacy
        >>> nlp = spacy.blank("en")
        >>> nlp.add_pipe("sentencizer")  # doctest: +ELLIPSIS
        <...>
        >>> doc = nlp("“We will win”, said Iran. Then: “We are ready.”")
        >>> doc[6].lemma_ = "say"
        >>> [(doc[s:e].text, m.text, c) for s, e, m, c in attributed_quotations(
        ...     doc, [doc[7:8]], sent_of=sentence_index(doc), say={"say"})]
        [('We will win', 'Iran', False), ('We are ready.', 'Iran', True)]
    """
    last: tuple[int, M] | None = None
    for start, end in quotations(doc) if quotes is None else quotes:
        speaker = quote_speaker(doc, start, end, mentions, sent_of=sent_of, say=say)
        continued = False
        if (
            speaker is None
            and last is not None
            and continues_quote(doc, last[0], start, say=say)
        ):
            speaker, continued = last[1], True
        if speaker is None:
            last = None
            continue
        last = (end, speaker)
        yield start, end, speaker, continued
