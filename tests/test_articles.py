"""Reading articles: .txt/.md front matter and titles, .html, .jsonl, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT

from kg.articles import article_files, load_articles
from kg.dates import normalise_date
from kg.types import Article, KGError

ARTICLES = ROOT / "data" / "articles"


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def one(path: Path, **kw) -> Article:
    (article,) = list(load_articles([path], **kw))
    return article


# ------------------------------------------------------------------ the sample data
def test_sample_folder_has_seed_and_twelve_articles():
    articles = list(load_articles([ARTICLES]))
    assert len(articles) == 13  # README.md in the folder is documentation
    ids = [a.id for a in articles]
    assert ids[0] == "seed"
    assert ids[1:] == [f"syria-{i:02d}" for i in range(1, 13)]
    assert len(set(ids)) == 13
    assert all(a.date and len(a.date) == 10 for a in articles)
    assert all(a.text.startswith(a.title + "\n\n") for a in articles)


def test_seed_article_metadata_and_single_title():
    seed = one(ARTICLES / "seed.txt")
    title = (
        "US shared intelligence with new Syria government to counter Daesh, "
        "officials reveal"
    )
    assert seed.id == "seed"
    assert seed.title == title
    assert seed.date == "2025-01-25"
    assert seed.source == "Middle East Monitor"
    assert seed.url == "https://www.middleeastmonitor.com/"
    assert seed.text.startswith(title + "\n\nThe United States has been sharing")
    assert seed.text.count(title) == 1
    assert seed.path == str(ARTICLES / "seed.txt")


def test_jsonl_sample_text_kept_exactly():
    raw = [json.loads(line) for line in (ARTICLES / "syria_2025.jsonl").open()]
    articles = list(load_articles([ARTICLES / "syria_2025.jsonl"]))
    assert [a.text for a in articles] == [r["text"] for r in raw]
    assert [a.title for a in articles] == [r["title"] for r in raw]
    assert articles[0].date == "2024-12-08"
    assert articles[0].source == "kg sample corpus"


# ------------------------------------------------------------------------- .txt .md
def test_txt_without_front_matter_uses_stem_and_first_line(tmp_path):
    a = one(write(tmp_path / "iran-news.txt", "\n\nIran condemns strike\nBody one.\n"))
    assert (a.id, a.title, a.date) == ("iran-news", "Iran condemns strike", None)
    assert a.text == "Iran condemns strike\n\nBody one."


def test_txt_repeated_title_line_dropped_once(tmp_path):
    text = "T\n\nT\n\nT is the first word of the body.\n"
    a = one(write(tmp_path / "a.txt", text))
    assert a.text == "T\n\nT is the first word of the body."
    # the third identical line is body text, not a repeat
    a = one(write(tmp_path / "b.txt", "Title\nTitle\nTitle\n"))
    assert a.text == "Title\n\nTitle"


def test_front_matter_title_differs_from_first_line(tmp_path):
    text = "---\ntitle: Headline\nid: x1\n---\nFirst paragraph.\n\nSecond.\n"
    a = one(write(tmp_path / "a.txt", text))
    assert a.id == "x1"
    assert a.title == "Headline"
    assert a.text == "Headline\n\nFirst paragraph.\n\nSecond."


def test_front_matter_title_matches_first_line_whitespace_insensitive(tmp_path):
    text = "---\ntitle: 'Iran  condemns Israel'\n---\nIran condemns Israel\n\nBody.\n"
    a = one(write(tmp_path / "a.txt", text))
    assert a.title == "Iran  condemns Israel"
    assert a.text.count("condemns") == 1


@pytest.mark.parametrize(
    "value, iso",
    [
        ("2025-01-25", "2025-01-25"),
        ("25 January 2025", "2025-01-25"),
        ("January 25, 2025", "2025-01-25"),
        ("20250125", "2025-01-25"),
        (20250125, "2025-01-25"),
        ("19950101", "1995-01-01"),
        ("2025-01-25T23:10:00Z", "2025-01-25"),
        ("Sat, 25 Jan 2025 10:00:00 GMT", "2025-01-25"),
        ("", None),
        (None, None),
    ],
)
def test_normalise_date(value, iso):
    assert normalise_date(value) == iso


@pytest.mark.parametrize(
    "value", ["January 2025", "2025", "yesterday-ish", "20251399", "2025-02-30", True]
)
def test_normalise_date_refuses_incomplete_or_bad(value):
    with pytest.raises(KGError, match="date"):
        normalise_date(value)


@pytest.mark.parametrize("date", ["2025-01-25", "25 January 2025", "20250125"])
def test_front_matter_dates(tmp_path, date):
    # YAML reads an unquoted 2025-01-25 as a date object, 20250125 as an integer
    a = one(write(tmp_path / "a.txt", f"---\ndate: {date}\n---\nTitle\n\nBody.\n"))
    assert a.date == "2025-01-25"


def test_markdown_heading_title(tmp_path):
    text = "---\nsource: Example Wire\n---\n# Iran condemns Israel #\n\nBody *here*.\n"
    a = one(write(tmp_path / "story.md", text))
    assert a.title == "Iran condemns Israel"
    assert a.text == "Iran condemns Israel\n\nBody *here*."
    assert a.source == "Example Wire"


def test_markdown_setext_heading(tmp_path):
    a = one(write(tmp_path / "s.md", "Iran condemns Israel\n=====\n\nBody.\n"))
    assert a.title == "Iran condemns Israel"
    assert a.text == "Iran condemns Israel\n\nBody."


def test_crlf_and_bom(tmp_path):
    data = "\ufeff---\r\nid: w1\r\n---\r\nTitle\r\n\r\nBody.\r\n".encode()
    a = one(write(tmp_path / "w.txt", data))
    assert (a.id, a.title, a.text) == ("w1", "Title", "Title\n\nBody.")


def test_other_encoding(tmp_path):
    a = one(
        write(tmp_path / "l.txt", "Café talks\n\nBody.".encode("latin-1")),
        encoding="latin-1",
    )
    assert a.title == "Café talks"


def test_stem_ids_made_unique(tmp_path):
    write(tmp_path / "a" / "news.txt", "One\n\nBody.")
    write(tmp_path / "b" / "news.txt", "Two\n\nBody.")
    write(tmp_path / "c" / "news.md", "Three\n\nBody.")
    assert [a.id for a in load_articles([tmp_path])] == ["news", "news-2", "news-3"]


# ---------------------------------------------------------------------------- .html
HTML = """<!DOCTYPE html><html><head>
<title>Iran condemns Israel | Example News</title>
<meta property="article:published_time" content="2025-01-25T08:00:00+00:00">
<meta property="og:url" content="https://example.org/iran">
<meta property="og:site_name" content="Example News">
<script>var p = "<p>not text</p>";</script><style>p {color: red}</style>
</head><body>
<nav><p>Home | World</p></nav>
<header><h1>Iran condemns Israel</h1></header>
<article><p>Iran condemned   Israel on <b>Friday</b>,&nbsp;officials said.</p>
<p>Tehran&#8217;s envoy<br>spoke.</p><p>   </p></article>
<footer><p>Copyright</p></footer>
</body></html>"""


def test_html_article(tmp_path):
    a = one(write(tmp_path / "page.html", HTML))
    assert a.id == "page"
    assert a.title == "Iran condemns Israel"
    assert a.text == (
        "Iran condemns Israel\n\nIran condemned Israel on Friday, officials said."
        "\n\nTehran\u2019s envoy spoke."
    )
    assert (a.date, a.url, a.source) == (
        "2025-01-25",
        "https://example.org/iran",
        "Example News",
    )


def test_html_title_falls_back_to_title_tag(tmp_path):
    html = "<html><head><title>Talks resume</title></head><body><p>Text.</p></body>"
    a = one(write(tmp_path / "p.htm", html))
    assert (a.title, a.text) == ("Talks resume", "Talks resume\n\nText.")


def test_html_without_paragraphs_is_an_error(tmp_path):
    with pytest.raises(KGError, match=r"p\.html: no <p> paragraphs"):
        one(write(tmp_path / "p.html", "<html><body><div>menu</div></body></html>"))


# --------------------------------------------------------------------------- .jsonl
def test_jsonl_title_prepended_only_when_missing(tmp_path):
    lines = [
        {"id": 1, "text": "Iran condemns Israel.\n\nMore.", "title": "Iran condemns"},
        {"id": "b", "text": "Body only.", "title": "Headline", "date": "19950101"},
        {"id": "c", "text": "No title here."},
    ]
    path = write(tmp_path / "x.jsonl", "\n".join(json.dumps(r) for r in lines) + "\n\n")
    a, b, c = load_articles([path])
    assert (a.id, a.text) == ("1", "Iran condemns Israel.\n\nMore.")
    assert (b.text, b.title) == ("Headline\n\nBody only.", "Headline")
    assert b.date == "1995-01-01"
    assert (c.text, c.title) == ("No title here.", None)


def test_jsonl_is_streamed(tmp_path):
    path = write(tmp_path / "x.jsonl", '{"id": "a", "text": "A."}\nnot json\n')
    it = load_articles([path])
    assert next(it).id == "a"  # yielded before the bad line is read
    with pytest.raises(KGError, match=r"x\.jsonl:2: bad JSON"):
        next(it)


# ------------------------------------------------------------------------ bad input
@pytest.mark.parametrize(
    "name, content, message",
    [
        ("e.txt", "", r"e\.txt: empty file"),
        ("e.txt", " \n\n ", r"e\.txt: empty file"),
        ("e.jsonl", "\n\n", r"e\.jsonl: empty file \(no JSON records\)"),
        ("b.txt", b"Title\n\x00\x01", r"b\.txt: binary file \(NUL byte at offset 6\)"),
        (
            "u.txt",
            b"Title\n\nCaf\xe9",
            r"u\.txt: not utf-8 text \(byte 0xe9 at offset 10\)",
        ),
        (
            "u.jsonl",
            b'{"id": "a", "text": "A"}\n{"id": "\xff"}\n',
            r"u\.jsonl:2: not utf-8 text \(byte 0xff at offset 33\)",
        ),
        (
            "j.jsonl",
            '{"id": "a", "text": "A"}\n\n{"id": "b", "text": }\n',
            r"j\.jsonl:3: bad JSON",
        ),
        ("j.jsonl", '["a", "b"]\n', r"j\.jsonl:1: expected a JSON object"),
        ("j.jsonl", '{"text": "A"}\n', r"j\.jsonl:1: missing 'id'"),
        ("j.jsonl", '{"id": " ", "text": "A"}\n', r"j\.jsonl:1: empty 'id'"),
        ("j.jsonl", '{"id": "a"}\n', r"j\.jsonl:1: missing 'text' .* for id 'a'"),
        ("j.jsonl", '{"id": "a", "text": "  "}\n', r"j\.jsonl:1: missing 'text'"),
        (
            "j.jsonl",
            '{"id": "a", "text": "A", "date": "soon"}\n',
            r"j\.jsonl:1: bad date 'soon'",
        ),
        (
            "j.jsonl",
            '{"id": "a", "text": "A"}\n{"id": "a", "text": "B"}\n',
            r"j\.jsonl:2: duplicate article id 'a' \(first seen in .*:1\)",
        ),
        ("f.txt", "---\nid: a\nTitle\n", r"f\.txt: front matter .* not closed"),
        (
            "f.txt",
            "---\n- a\n- b\n---\nTitle\n",
            r"f\.txt: front matter must be a mapping",
        ),
        ("f.txt", "---\nid: [a\n---\nTitle\n", r"f\.txt(:\d+)?: bad YAML front matter"),
        ("f.txt", "---\nid: a\n---\n\n\n", r"f\.txt: no article text"),
        ("f.txt", "---\ndate: next week\n---\nT\n", r"f\.txt: bad date 'next week'"),
        ("notes.docx", "x", r"unknown article file type '\.docx'.*expected one of"),
        ("notes", "x", r"unknown article file type '\(none\)'"),
    ],
)
def test_bad_input_one_line_errors(tmp_path, name, content, message):
    path = write(tmp_path / name, content)
    with pytest.raises(KGError, match=message) as info:
        list(load_articles([path]))
    assert "\n" not in str(info.value)


def test_missing_path(tmp_path):
    with pytest.raises(KGError, match=r"no such file or folder: '.*nope\.txt'"):
        list(load_articles([tmp_path / "nope.txt"]))


def test_duplicate_front_matter_ids_across_files(tmp_path):
    write(tmp_path / "a.txt", "---\nid: same\n---\nA\n")
    write(tmp_path / "b.jsonl", '{"id": "same", "text": "B"}\n')
    with pytest.raises(KGError, match=r"b\.jsonl:1: duplicate article id 'same'"):
        list(load_articles([tmp_path]))


def test_unknown_encoding(tmp_path):
    with pytest.raises(KGError, match="unknown encoding 'klingon'"):
        list(load_articles([write(tmp_path / "a.txt", "T")], encoding="klingon"))


# --------------------------------------------------------------------------- folders
def test_folder_walk_sorted_recursive_and_filtered(tmp_path):
    write(tmp_path / "b.txt", "B\n\nb")
    write(tmp_path / "a" / "z.md", "# Z\n\nz")
    write(tmp_path / "a" / "notes.docx", "ignored")
    write(tmp_path / "README.md", "# About this folder")
    write(tmp_path / ".hidden.txt", "H")
    write(tmp_path / ".git" / "x.txt", "X")
    write(tmp_path / "c.jsonl", '{"id": "c1", "text": "C"}\n{"id": "c2", "text": "."}')
    write(tmp_path / "d.HTML", "<p>d</p>")
    files = [p.relative_to(tmp_path).as_posix() for p in article_files([tmp_path])]
    assert files == ["a/z.md", "b.txt", "c.jsonl", "d.HTML"]
    assert [a.id for a in load_articles([tmp_path])] == ["z", "b", "c1", "c2", "d"]


def test_folder_without_articles(tmp_path):
    write(tmp_path / "x.csv", "a,b")
    with pytest.raises(KGError, match="no article files in folder"):
        list(load_articles([tmp_path]))


def test_single_path_string_is_not_iterated_by_character():
    assert [a.id for a in load_articles(str(ARTICLES / "seed.txt"))] == ["seed"]
