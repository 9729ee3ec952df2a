"""Site chrome on real pages: government banners, labels, player prompts, wiki markup."""

import pytest

from kb.core.edtf import PartialDate
from kb.ingest.clean.chrome import is_chrome, mark_breadcrumb, strip_citation_marks
from kb.ingest.clean.lines import date_line, dated_byline
from tests.ingest.clean.samples import cleaned

GOV_PAGE = """An official website of the United States government
Here's how you know
A .mil website belongs to an official U.S. Department of Defense organization in the United States.
A lock (lock ) or https:// means you’ve safely connected to the .mil website. Share sensitive information only on official, secure websites.

Press Release | Dec. 25, 2023

Army Engineers Finish a Bridge Near Mosul


Release Number 20231225-01

TAMPA, Fla. – Army engineers finished a bridge over the Tigris near Mosul on Monday, officials said.

The bridge carries two lanes of traffic and was paid for by the Iraqi government.

U.S. Department of State

The Lessons of 1989: Freedom and Our Future
"""

STATEMENT = """Camp Talks

Press Statement
Jane Roe
Department Spokesperson, Office of the Spokesperson
Washington, DC
February 16, 2012

The United States continues to pursue a peaceful solution at the camp, the statement said.
"""


@pytest.mark.parametrize(
    "line",
    [
        "An official website of the United States government",
        "Here's how you know",
        "Official websites use .gov",
        ".gov website belongs to an official government organization in the United States.",
        "Secure .gov websites use HTTPS",
        "A lock ( lock ) or https:// means you’ve safely connected to the .gov website.",
        "You have accessed part of a historical collection on defense.gov. Some of the "
        "information contained within may be outdated and links may not function.",
        "Immediate Release",
        "Press Statement",
        "Daily Press Briefing",
        "Release Number 20231225-01",
        "Viewing this video requires Adobe Flash Player 8 or higher. Download the free player.",
        "download .mp4 (159.8 MB) | read the transcript",
        "Accessibility links",
        "< Back to Current Version",
        "Jump to Main Text of Report",
        "Flag of the Popular Mobilization Forces",
        "Kata'ib Sayyid al-Shuhada flag and logo",
        "Kata'ib Sayyid al-Shuhada flag logo.jpeg",
        "See Structure",
        "WebsiteOfficial website",
        "See alsoEdit",
        "News › Defense News",
        # photo credits, image ids, share bars, comment prompts, wiki furniture
        "U.S. Army photo by Sgt. Jane Roe",
        "VIRIN: 240102-F-AB123-1001",
        "Soldiers unload supplies at Erbil air base, Iraq, Jan. 3, 2024. (U.S. Air Force photo "
        "by Staff Sgt. John Doe)",
        "Download Full Image (2.1 MB)",
        "Facebook Twitter LinkedIn Email",
        "Comments are closed.",
        "Be the first to comment",
        "From Wikipedia, the free encyclopedia",
        "Main article: Iraq War",
        "v t e",
        "BackgroundEdit",
        "From Wikinews, the free news source you can write!",
        "Have an opinion on this story? Share it!",
        # a caption in another language on an English page
        "Para karyawan perusahaan Apple mengadakan perayaan di luar toko Apple di 5th Avenue "
        "New York, sesaat sebelum peluncuran penjualan tablet yang baru.",
    ],
)
def test_chrome_lines(line):
    assert is_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        "The President met with Iraqi Prime Minister Nouri al-Maliki today.",
        "See the statement below for details of the strikes.",
        "Iraq's flag was raised over the base, officials said.",
        "Popular Mobilization Forces",
        "The photo by the agency showed the base burning.",
        "A photo by Reuters showed smoke over the base near Erbil.",
        "A lock of hair was kept by the family as a memento of the soldier.",
        # a title-case headline has no function words either
        "U.S. Drone Strike Hits Militia Depot Near Al-Qaim Despite Iraqi Protests",
    ],
)
def test_article_lines_are_not_chrome(line):
    assert not is_chrome(line)


def test_breadcrumb_spaced_out_is_marked_before_spaces_collapse():
    assert mark_breadcrumb("News   Defense News") == "News › Defense News"
    assert mark_breadcrumb("MR. MILLER:   Good afternoon, everyone, and welcome.") == (
        "MR. MILLER:   Good afternoon, everyone, and welcome."
    )


def test_wiki_citation_marks_glued_to_text_are_stripped():
    text = (
        "fought in nearly every battle against ISIL.[41] It was formed[2][permanent dead link][3]"
    )
    assert strip_citation_marks(text) == (
        "fought in nearly every battle against ISIL. It was formed"
    )
    # a reference entry that starts with its mark is a note, not a citation mark
    assert strip_citation_marks("[2] Doe, Jane, 2020") == "[2] Doe, Jane, 2020"


def test_labelled_date_line_and_date_first_byline():
    assert date_line("Press Release | Dec. 25, 2023")[0] == PartialDate(2023, 12, 25)
    assert date_line("Updated January 10, 2020 (R45633)")[0] == PartialDate(2020, 1, 10)
    assert dated_byline("Feb. 25, 2021 | BY Jim Garamone , DOD News") == (
        PartialDate(2021, 2, 25),
        "published",
        "Jim Garamone",
        "DOD News",
    )


def test_government_page_loses_its_banner_label_and_footer():
    doc = cleaned(GOV_PAGE)
    assert doc.published == PartialDate(2023, 12, 25)
    assert doc.title == "Army Engineers Finish a Bridge Near Mosul"
    assert doc.body.startswith("TAMPA, Fla. – Army engineers")
    assert doc.body.endswith("paid for by the Iraqi government.")
    for chrome in ("official website", "how you know", "lock", "Release Number", "Lessons"):
        assert chrome not in doc.body


def test_metadata_block_closed_by_a_date_line_gives_the_date_and_author():
    doc = cleaned(STATEMENT)
    assert (doc.published, doc.author) == (PartialDate(2012, 2, 16), "Jane Roe")
    assert doc.body.startswith("The United States continues")
