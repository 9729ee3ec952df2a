"""Cleaning: title, date, byline, dateline, photo credits, boilerplate, notes, paragraphs."""

from pathlib import Path

import pytest

from kb.core.edtf import PartialDate
from kb.ingest.clean import clean, split_paragraphs
from kb.ingest.lines import byline, date_line, parse_date, wire_dateline
from kb.ingest.read import read_path
from kb.ingest.types import RawDocument

SEEDS = Path(__file__).resolve().parents[2] / "data" / "seeds"

WIRE = """Iraq says Iran-backed militia fired rockets at airport

By Jane Doe and Omar Khalil | Reuters

Published March 3, 2023

BAGHDAD (Reuters) - Iraq's military said on Friday that an Iran-backed militia fired three rockets at Baghdad airport, the second attack this week.

"We will not allow outlaws to threaten our security," a spokesman said.

Share this article

Reporting by Omar Khalil; Editing by Jane Doe.
"""

BLOG = """Feb. 5, 2019

Why the Militias Will Not Stand Down

Ali Hassan

A lot of attention is on Syria, but there is still plenty of trouble in Iraq, where militia units keep attacking bases.

Related: Rockets hit Erbil again

Their leaders recently ordered them to maintain calm, but they did not listen.

Join the conversation as a VIP Member

Sign up for our newsletter

Follow us on Twitter

12 comments

Trending on Example Videos

Iran Sends Drones To Iraq

  Tehran delivered a batch of drones to allied groups in...
"""

TEASER_TAIL = """Kurdish Parties Split Over Border Deal

Kurdish parties disagreed on Tuesday over the border agreement with Iran, which requires armed groups to disarm.

Several leaders said they would wait for the federal government to act before moving any fighters.

No comments:

Pro-Iran Groups Target Bases Again

  Militias attacked two bases that host foreign troops over the weekend. The Is...

Baghdad Budget Talks Stall

  Lawmakers failed again to pass the budget, with Kurdish...
"""

THINK_TANK = """Iran's Leverage in Iraq After the Withdrawal

Updated: April 2, 2020

Tehran has used its allies in parliament to shape the government's response to the strikes (1), according to several officials. The pattern is not new. [2]

Notes

1. Smith, John, “How Tehran Votes in Baghdad,” Gulf Review, 3/4/20

[2] https://example.org/report
"""


def cleaned(text: str, **metadata: str):
    return clean(RawDocument(text=text, origin="t.txt", format="text", metadata=metadata))


def seed(name: str):
    return cleaned((SEEDS / name).read_text(encoding="utf-8"))


# --- wire copy --------------------------------------------------------------------------


def test_wire_copy_title():
    assert cleaned(WIRE).title == "Iraq says Iran-backed militia fired rockets at airport"


def test_wire_copy_byline_gives_authors_and_source():
    doc = cleaned(WIRE)
    assert (doc.author, doc.source) == ("Jane Doe, Omar Khalil", "Reuters")


def test_wire_copy_published_date():
    doc = cleaned(WIRE)
    assert (doc.published, doc.published_text) == (
        PartialDate(2023, 3, 3),
        "Published March 3, 2023",
    )


def test_wire_dateline_is_found_and_stays_in_the_body():
    doc = cleaned(WIRE)
    assert doc.dateline == "BAGHDAD (Reuters) -"
    assert doc.body.startswith("BAGHDAD (Reuters) - Iraq's military said")


def test_share_prompt_is_dropped():
    doc = cleaned(WIRE)
    assert "Share this article" not in doc.body
    assert "Share this article" in doc.removed


def test_wire_copy_keeps_every_article_sentence():
    body = cleaned(WIRE).body
    assert "a spokesman said." in body and "outlaws to threaten" in body


# --- blog post --------------------------------------------------------------------------


def test_blog_date_line_before_the_title():
    doc = cleaned(BLOG)
    assert (doc.published, doc.title) == (
        PartialDate(2019, 2, 5),
        "Why the Militias Will Not Stand Down",
    )


def test_lone_name_after_title_is_a_photo_credit():
    doc = cleaned(BLOG)
    assert "Ali Hassan" in doc.removed and "Ali Hassan" not in doc.body
    assert doc.author == ""


def test_related_teaser_line_is_dropped():
    assert "Rockets hit Erbil" not in cleaned(BLOG).body


@pytest.mark.parametrize(
    "line",
    ["Join the conversation as a VIP Member", "Sign up for our newsletter", "Follow us on Twitter"],
)
def test_membership_subscription_and_follow_prompts_are_dropped(line):
    doc = cleaned(BLOG)
    assert line not in doc.body and line in doc.removed


def test_comment_count_ends_the_article():
    doc = cleaned(BLOG)
    assert doc.body.endswith("but they did not listen.")
    assert "12 comments" in doc.removed


def test_trending_block_and_later_teasers_are_dropped():
    doc = cleaned(BLOG)
    assert "Trending on Example Videos" in doc.removed
    assert "Drones" not in doc.body


def test_no_comments_line_and_teasers_after_it_are_dropped():
    doc = cleaned(TEASER_TAIL)
    assert doc.body.endswith("before moving any fighters.")
    assert "No comments:" in doc.removed
    assert "Pro-Iran Groups Target Bases Again" in doc.removed


def test_trailing_teasers_without_a_marker_are_dropped():
    text = TEASER_TAIL.replace("No comments:\n", "")
    doc = cleaned(text)
    assert doc.body.endswith("before moving any fighters.")
    assert "Baghdad Budget Talks Stall" in doc.removed


def test_boilerplate_like_sentences_are_kept():
    text = "Sanctions Bite\n\nShare prices fell sharply in Tehran after the announcement.\n\nSubscribers to the plan were few.\n"
    assert cleaned(text).body == (
        "Share prices fell sharply in Tehran after the announcement.\n\nSubscribers to the plan were few."
    )


# --- think-tank note --------------------------------------------------------------------


def test_footnotes_stay_in_body_and_are_recorded_as_notes():
    doc = cleaned(THINK_TANK)
    assert len(doc.notes) == 1
    start, end = doc.notes[0]
    assert doc.body[start:end].startswith("Notes\n\n1. Smith, John")
    assert doc.body[start:end].endswith("https://example.org/report")


def test_markdown_footnote_definitions_are_notes():
    text = (
        "# A note on the militias\n\n"
        "Real power has shifted toward the largest factions.[^1]\n\n"
        '[^1]: See Crisis Group, "Iraq\'s Paramilitary Groups," July 2018.\n'
    )
    doc = clean(RawDocument(text=text, origin="note.md", format="markdown"))
    assert len(doc.notes) == 1
    start, end = doc.notes[0]
    assert "Crisis Group" in doc.body[start:end]
    assert "shifted toward" not in doc.body[start:end]


def test_footnote_markers_in_the_text_are_left_as_they_are():
    assert "response to the strikes (1), according" in cleaned(THINK_TANK).body


def test_updated_line_gives_the_date_when_there_is_no_published_line():
    doc = cleaned(THINK_TANK)
    assert doc.published == PartialDate(2020, 4, 2)
    assert doc.title == "Iran's Leverage in Iraq After the Withdrawal"


def test_numbered_article_points_are_not_notes():
    text = "Three Lessons\n\nThe war taught three lessons to the region's leaders, and all of them matter now.\n\n1. Iran must not be ignored.\n\n2. Iraq needs allies."
    assert cleaned(text).notes == []


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


# --- paragraphs -------------------------------------------------------------------------


def test_paragraph_offsets_point_into_the_body():
    doc = cleaned(WIRE)
    assert [doc.body[s:e] for s, e in doc.paragraphs] == doc.body.split("\n\n")


def test_whitespace_inside_paragraphs_is_normalised():
    assert split_paragraphs("Iran  and\u00a0Iraq\tagreed.") == ["Iran and Iraq agreed."]


def test_each_line_of_a_block_is_a_paragraph():
    assert split_paragraphs("First point stands alone.\nSecond point too.") == [
        "First point stands alone.",
        "Second point too.",
    ]


def test_hard_wrapped_lines_are_joined():
    text = (
        "The agreement was signed in Baghdad by the national security advisers\n"
        "of both countries, who said that it would strengthen the patrols along\n"
        "the shared border and stop armed groups from crossing it at night.\n"
    )
    assert len(split_paragraphs(text)) == 1


def test_lowercase_continuation_line_is_joined():
    assert split_paragraphs(
        "The militias fired rockets at the base in\nwestern Iraq on Tuesday."
    ) == ["The militias fired rockets at the base in western Iraq on Tuesday."]


def test_body_without_head_lines_is_unchanged():
    text = (
        "The relationship between the two countries is complex, marked by cooperation and tension."
    )
    doc = cleaned(text)
    assert (doc.title, doc.body, doc.removed) == ("", text, [])


# --- line classifiers -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Tuesday, February 12, 2019", PartialDate(2019, 2, 12)),
        ("Feb. 5, 2019", PartialDate(2019, 2, 5)),
        ("2019-02-12", PartialDate(2019, 2, 12)),
        ("Published March 3, 2023", PartialDate(2023, 3, 3)),
        ("Updated: Feb 5, 2019 at 10:32 a.m. EST", PartialDate(2019, 2, 5)),
        ("12 February 2019", PartialDate(2019, 2, 12)),
        ("March 2023", PartialDate(2023, 3)),
    ],
)
def test_date_lines(line, expected):
    assert date_line(line)[0] == expected


def test_sentence_with_a_date_is_not_a_date_line():
    assert date_line("The deal was signed on March 3, 2023.") is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By Jane Doe", ("Jane Doe", "", None)),
        ("Jane Doe | Reuters", ("Jane Doe", "Reuters", None)),
        ("By Ali al-Sadr, Feb. 5, 2019", ("Ali al-Sadr", "", PartialDate(2019, 2, 5))),
    ],
)
def test_bylines(line, expected):
    assert byline(line) == expected


def test_sentence_starting_with_by_is_not_a_byline():
    assert byline("By then, Iran had agreed.") is None


@pytest.mark.parametrize(
    ("paragraph", "dateline"),
    [
        ("BAGHDAD (Reuters) - Iraq said...", "BAGHDAD (Reuters) -"),
        ("WASHINGTON — The Pentagon said...", "WASHINGTON —"),
        ("TEHRAN, Iran (AP) — Officials said...", "TEHRAN, Iran (AP) —"),
    ],
)
def test_wire_datelines(paragraph, dateline):
    assert wire_dateline(paragraph)[0] == dateline


def test_label_is_not_a_wire_dateline():
    assert wire_dateline("UPDATE - Officials said more.") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-02", PartialDate(2019, 2)),
        ("XXXX-08-11", PartialDate(None, 8, 11)),
        ("August 11", PartialDate(None, 8, 11)),
        ("soon", None),
    ],
)
def test_parse_date_keeps_precision(text, expected):
    assert parse_date(text) == expected


# --- seeds ------------------------------------------------------------------------------


def test_seed_with_date_line_title_and_footnotes():
    doc = seed("003_b95a166e55a045a9.txt")
    assert (doc.published, doc.title) == (
        PartialDate(2019, 2, 12),
        "U.S. Already Tracking Iran’s Activities In Iraq",
    )
    assert doc.body.startswith("President Trump caused")
    assert doc.body[doc.notes[0][0] :].startswith("1. Linzer, Dafna")
    assert "No comments:" not in doc.body and "November 2023" not in doc.body


def test_seed_with_photo_credit_after_title():
    doc = seed("004_66be381d1d8600b7.txt")
    assert doc.title == "Iranian militias in Iraq going rogue?"
    assert "Vahid Salemi" in doc.removed
    assert doc.body.startswith("A lot of attention")


def test_seed_with_membership_prompt_and_trending_block():
    doc = seed("002_56e8d8d0fbbedbd6.txt")
    assert doc.title == "Covert US support for Iranian operations in Iraq to become overt"
    assert doc.body.endswith("self-evidently destabilizing.")
    assert {"Join the conversation as a VIP Member", "Trending on HotAir Videos"} <= set(
        doc.removed
    )


@pytest.mark.parametrize("name", ["000_a5428125b5f79fcb.txt", "001_e8d782a32625502a.txt"])
def test_seed_without_head_keeps_its_first_paragraph(name):
    text = (SEEDS / name).read_text(encoding="utf-8")
    doc = seed(name)
    assert doc.title == "" and doc.removed == []
    assert doc.body.split("\n\n")[0] == text.splitlines()[0]


@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_seed_body_keeps_every_article_sentence(name):
    doc = seed(name)
    kept = " ".join(doc.body.split())
    removed = set(doc.removed)
    for paragraph in split_paragraphs((SEEDS / name).read_text(encoding="utf-8")):
        assert paragraph in removed or paragraph in kept


def test_wire_credit_line_is_dropped():
    doc = cleaned(WIRE)
    assert "Reporting by Omar Khalil; Editing by Jane Doe." in doc.removed
    assert doc.body.endswith("a spokesman said.")


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


BODY = "Iraqi and Iranian officials met in Baghdad on Monday to discuss the border crossings."


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
