"""Cleaning whole articles: wire copy, blog posts, think-tank notes, paragraphs, the seeds."""

import pytest

from kb.core.edtf import PartialDate
from kb.ingest.clean.document import clean, split_paragraphs
from kb.ingest.types import RawDocument
from tests.ingest.clean.samples import BLOG, SEEDS, TEASER_TAIL, THINK_TANK, WIRE, cleaned, seed

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
