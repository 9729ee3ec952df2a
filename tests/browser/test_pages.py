"""A researcher's path through the pages, in a real browser."""

import re

import pytest

pytestmark = pytest.mark.browser


def test_home_page_is_styled_and_shows_the_knowledge_base(live_server, page, shot, sample):
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text().startswith("Iran, Iraq and the United States")
    assert page.locator(".stats").inner_text().split() == [
        "8",
        "actors",
        "3",
        "articles",
        "5",
        "events",
        "3",
        "claims",
    ]
    # the stylesheet is served locally and applied
    header_bg = page.eval_on_selector(".site-header", "el => getComputedStyle(el).backgroundColor")
    assert header_bg == "rgb(31, 59, 87)"
    assert page.locator(".event-list li").first.inner_text().startswith("March 2023")
    shot(page, "01-home")


def test_follow_an_actor_from_a_highlighted_mention(live_server, page, shot, sample):
    page.goto(live_server.url + sample["tikrit"].get_absolute_url())
    mention = page.locator("a.mention", has_text="Qassem Suleiman")
    assert mention.count() == 1
    assert page.locator("mark.claim").count() >= 1
    shot(page, "02-article-reader")
    mention.click()
    page.wait_for_url(re.compile(r"/actors/qassem-soleimani/$"))
    assert page.locator("h1").inner_text() == "Qassem Soleimani"
    articles = page.locator("#articles li")
    assert articles.count() == 2
    assert "Qassem Suleiman" in page.locator("#articles").inner_text()
    assert "Qassim Soleimani" in page.locator("#articles").inner_text()
    assert page.locator("svg.graph-svg a.node").count() >= 1
    shot(page, "03-actor-profile")


def test_quds_force_profile_lists_both_articles(live_server, page, shot, sample):
    page.goto(live_server.url + "/actors/quds-force/")
    text = page.locator("#articles").inner_text()
    assert "Covert US support" in text and "going rogue" in text
    shot(page, "04-quds-force")


def test_filter_the_events_list(live_server, page, shot, sample):
    page.goto(live_server.url + "/events/")
    assert page.locator("table.events-table tbody tr").count() == 5
    page.select_option("#id_kind", "agreement")
    page.fill("#id_date_after", "2023")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(r"kind=agreement"))
    rows = page.locator("table.events-table tbody tr")
    assert rows.count() == 1  # the unknown-year agreement cannot be after 2023
    assert "Iran–Iraqi Kurdistan border agreement" in rows.first.inner_text()
    shot(page, "05-events-filtered")


def test_view_the_timeline(live_server, page, shot, sample):
    page.goto(live_server.url + "/events/timeline/")
    assert page.locator("svg.timeline-svg").count() == 4  # 2015, 2020, 2022, 2023
    assert page.locator("#y2022-m9").inner_text().startswith("September 2022")
    assert "Death of Mahsa Amini" in page.locator("#y2022-m9").inner_text()
    assert "Iran–Iraqi Kurdistan border agreement" in page.locator("#y2023-m3").inner_text()
    assert "Iran–Iraq security agreement" in page.locator("#year-unknown").inner_text()
    # the September 2022 event is drawn over the whole month
    bar = page.locator("#y2022 svg a rect.tl-month")
    assert bar.count() == 1
    shot(page, "06-timeline")
    page.locator("#y2022 svg a").first.click()
    page.wait_for_url(re.compile(r"/events/\d+/$"))
    assert page.locator("h1").inner_text() == "Death of Mahsa Amini"
    shot(page, "06b-event")


def test_run_a_search(live_server, page, shot, sample):
    page.goto(live_server.url + "/")
    page.fill("#home-q", "Hizballah")
    page.press("#home-q", "Enter")
    page.wait_for_url(re.compile(r"/search/\?q=Hizballah"))
    first = page.locator("#results-actors .hit-title").first
    assert first.inner_text() == "Kataib Hezbollah"
    shot(page, "07-search-actor")
    page.fill("#search-q", "agreement")
    page.press("#search-q", "Enter")
    page.wait_for_url(re.compile(r"q=agreement"))
    assert page.locator("#results-events .hit").count() == 2
    assert page.locator("#results-articles mark").count() >= 1
    shot(page, "08-search-text")


def test_phone_width_has_no_sideways_scroll(live_server, phone, shot, sample):
    for path, name in [
        ("/", "09-phone-home"),
        (sample["tikrit"].get_absolute_url(), "10-phone-article"),
        ("/events/", "11-phone-events"),
        ("/actors/quds-force/", "12-phone-actor"),
    ]:
        phone.goto(live_server.url + path)
        overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
        shot(phone, name)


def test_print_style_hides_navigation(live_server, page, shot, sample):
    page.goto(live_server.url + sample["rogue"].get_absolute_url())
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert page.locator(".body-text").is_visible()
    shot(page, "13-print-article")


def test_not_found_page(live_server, page, shot, transactional_db):
    response = page.goto(live_server.url + "/actors/no-such-actor/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    shot(page, "14-not-found")
