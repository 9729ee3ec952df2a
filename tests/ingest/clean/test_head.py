"""Head lines and site furniture around the article, in text, HTML and Markdown; metadata."""

import pytest

from kb.core.edtf import PartialDate
from kb.ingest.clean.document import clean
from kb.ingest.read.files import read_path
from tests.ingest.clean.samples import BODY, WIRE, cleaned

# --- HTML and Markdown ------------------------------------------------------------------


def test_html_page_is_cleaned_with_its_metadata(tmp_path):
    page = (
        "<html><head><meta property='article:published_time' content='2020-01-05'></head><body>"
        "<article><h1>Iran warns US</h1><p>By Jane Doe</p><p>WASHINGTON — The Pentagon said on Sunday "
        "that it would send more troops to the region after the attack.</p>"
        "<p>Subscribe today</p></article></body></html>"
    )
    path = tmp_path / "a.html"
    path.write_text(page, encoding="utf-8")
    doc = clean(read_path(path))
    assert (doc.title, doc.author, doc.published, doc.dateline) == (
        "Iran warns US",
        "Jane Doe",
        PartialDate(2020, 1, 5),
        "WASHINGTON —",
    )
    assert doc.body.startswith("WASHINGTON — The Pentagon said") and "Subscribe" not in doc.body


def test_markdown_heading_becomes_the_title(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(
        "# Talks resume in *Vienna*\n\nDiplomats met on Monday to revive the talks.\n",
        encoding="utf-8",
    )
    doc = clean(read_path(path))
    assert (doc.title, doc.body) == (
        "Talks resume in Vienna",
        "Diplomats met on Monday to revive the talks.",
    )


# --- metadata ---------------------------------------------------------------------------


def test_sidecar_metadata_overrides_detected_values():
    doc = cleaned(
        WIRE,
        title="Edited",
        author="Desk",
        source="Wire",
        published="2023-03-04",
        url="https://x.example",
        language="ar",
    )
    assert (doc.title, doc.author, doc.source, doc.published, doc.url, doc.language) == (
        "Edited",
        "Desk",
        "Wire",
        PartialDate(2023, 3, 4),
        "https://x.example",
        "ar",
    )


def test_metadata_title_line_is_removed_from_the_body_even_with_a_full_stop():
    doc = cleaned(
        "Iran votes.\n\nPolls opened across the country on Friday morning.", title="Iran votes"
    )
    assert doc.body == "Polls opened across the country on Friday morning."


def test_html_title_comes_only_from_its_heading(tmp_path):
    page = (
        "<html><head><title>Iran votes</title></head><body><header><h1>Iran votes</h1></header>"
        "<p>A short standfirst line</p><p>Polls opened across the country on Friday morning.</p></body></html>"
    )
    path = tmp_path / "a.html"
    path.write_text(page, encoding="utf-8")
    doc = clean(read_path(path))
    assert doc.title == "Iran votes"
    assert doc.body.startswith("A short standfirst line")


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "Story continues below advertisement",
        "Listen to this article",
        "Click here to read the full report",
        "Read more: Iran's drone program",
        "Share on Facebook",
        "Subscribe today",
        "© 2024 Example Media. All rights reserved.",
    ],
)
def test_site_furniture_lines_are_dropped(line):
    doc = cleaned(
        f"Iraq Talks Resume\n\nIraqi and Iranian officials met in Baghdad on Monday to discuss the border.\n\n{line}\n\nThey agreed to meet again next month."
    )
    assert line in doc.removed and line not in doc.body
    assert doc.body.endswith("They agreed to meet again next month.")


@pytest.mark.parametrize(
    "sentence",
    [
        "Continued fighting killed ten.",
        "Copyright law in Iran is weak.",
        "More than 20 people died.",
    ],
)
def test_sentences_that_start_like_furniture_are_kept(sentence):
    doc = cleaned(
        f"Iraq Talks Resume\n\nIraqi and Iranian officials met in Baghdad on Monday to discuss the border.\n\n{sentence}"
    )
    assert doc.body.endswith(sentence)


def test_posted_date_and_author_line():
    doc = cleaned(f"Iraq Talks Resume\n\nPosted April 17, 2024 by Jane Doe\n\n{BODY}")
    assert (doc.published, doc.author) == (PartialDate(2024, 4, 17), "Jane Doe")
    assert doc.body == BODY


def test_bare_month_line_under_an_institute_line():
    doc = cleaned(
        f"Policy Note 7: Iraq after the Strike\n\nCenter for Border Studies\n\nMarch 2020\n\n{BODY}"
    )
    assert doc.published == PartialDate(2020, 3)
    assert doc.source == "Center for Border Studies"
    assert doc.body == BODY


def test_bare_month_line_at_the_top():
    doc = cleaned(f"March 2020\n\nIraq Talks Resume\n\n{BODY}")
    assert (doc.published, doc.title, doc.body) == (PartialDate(2020, 3), "Iraq Talks Resume", BODY)


@pytest.mark.parametrize(
    "line",
    ["_Published 12 July 2023_", "*An analysis by the Gulf Policy Forum, published 12 July 2023*"],
)
def test_markdown_published_line(tmp_path, line):
    path = tmp_path / "note.md"
    path.write_text(f"# Iraq Talks Resume\n\n{line}\n\n{BODY}\n", encoding="utf-8")
    doc = clean(read_path(path))
    assert doc.published == PartialDate(2023, 7, 12)
    assert doc.body == BODY


def test_markdown_analysis_by_line_names_the_author(tmp_path):
    path = tmp_path / "note.md"
    path.write_text(
        f"# Iraq Talks Resume\n\n*An analysis by the Gulf Policy Forum, published 12 July 2023*\n\n{BODY}\n",
        encoding="utf-8",
    )
    assert clean(read_path(path)).author == "Gulf Policy Forum"


def test_html_top_bar_of_links_is_dropped(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        '<html><body><div class="top"><a href="/">Gulf Brief</a> | <a href="/login">Log in</a>'
        ' | <a href="/news">Newsletter</a></div><div><a href="/m">Markets</a> <a href="/s">Security</a>'
        f"</div><h1>Iraq Talks Resume</h1><p>{BODY}</p></body></html>",
        encoding="utf-8",
    )
    doc = clean(read_path(path))
    assert (doc.title, doc.body) == ("Iraq Talks Resume", BODY)


def test_text_nav_bar_before_the_headline_is_dropped():
    doc = cleaned(f"Home | World | Log in | Newsletter\n\nIraq Talks Resume\n\n{BODY}")
    assert (doc.title, doc.body) == ("Iraq Talks Resume", BODY)


@pytest.mark.parametrize("line", ["4 min read", "5-minute read", "Reading time: 6 minutes"])
def test_reading_time_line_is_dropped(line):
    doc = cleaned(f"Iraq Talks Resume\n\n{line}\n\n{BODY}")
    assert doc.body == BODY and line in doc.removed


def test_date_line_with_reading_time():
    doc = cleaned(f"Iraq Talks Resume\n\nApril 28, 2023 · 4 min read\n\n{BODY}")
    assert (doc.published, doc.body) == (PartialDate(2023, 4, 28), BODY)


@pytest.mark.parametrize("line", ["Updated 3 hours ago", "Posted an hour ago", "Updated yesterday"])
def test_relative_update_line_is_dropped(line):
    doc = cleaned(f"Iraq Talks Resume\n\n{line}\n\n{BODY}")
    assert doc.body == BODY and doc.published is None


def test_staff_byline_with_date():
    doc = cleaned(f"Iraq Talks Resume\n\nBy Staff writer | September 29, 2022\n\n{BODY}")
    assert (doc.author, doc.published, doc.body) == ("Staff writer", PartialDate(2022, 9, 29), BODY)


def test_sentence_opening_with_by_is_not_a_byline():
    text = "By the end of the year, Iraq had reopened the crossings."
    doc = cleaned(f"Iraq Talks Resume\n\n{text}\n\n{BODY}")
    assert doc.body.startswith(text) and doc.author == ""
