"""Highlighted article text: spans nest correctly, text is always escaped."""

from html.parser import HTMLParser

from articles.highlight import CLAIM, EVENT, MENTION, Span, highlight


class _Checker(HTMLParser):
    """Fails on mis-nested tags and on a link inside a link."""

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            return
        assert not (tag == "a" and "a" in self.stack), "link inside a link"
        self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack}"
        self.stack.pop()

    def handle_data(self, data):
        self.text += data


def check(html: str) -> str:
    parser = _Checker()
    parser.feed(html)
    assert parser.stack == []
    return parser.text


def mention(start, end, anchor="m1"):
    return Span(start, end, MENTION, "/actors/x/", "X", anchor)


def test_mention_inside_claim_nests_and_links_to_the_actor():
    body = "Officials said Iran denied it."
    html = highlight(body, [Span(0, 29, CLAIM, "/claims/1/", "c", "c1"), mention(15, 19)])
    assert check(html) == body
    assert (
        '<mark class="claim" title="c"><a class="mention" href="/actors/x/" title="X" id="m1">Iran</a></mark>'
        in html
    )
    assert html.count('class="claim-link"') == 2  # the claim's other pieces link to the claim


def test_partly_overlapping_spans_stay_well_nested():
    body = "abcdefghij"
    spans = [
        Span(0, 6, CLAIM, "/c/1/", "c1", "c1"),
        Span(3, 9, CLAIM, "/c/2/", "c2", "c2"),
        mention(2, 5),
        Span(4, 10, EVENT, "/e/1/", "e", "e1"),
    ]
    html = highlight(body, spans)
    assert check(html) == body
    for anchor in ("c1", "c2", "m1", "e1"):
        assert html.count(f'id="{anchor}"') == 1


def test_span_across_a_paragraph_break():
    body = "First para ends.\n\nSecond para starts."
    html = highlight(body, [Span(6, 25, CLAIM, "/c/1/", "c", "c1")])
    assert html.count("<p>") == 2
    assert check(html) == "First para ends.Second para starts."


def test_text_and_labels_are_escaped():
    body = '<script>alert("x")</script> & Iran'
    html = highlight(body, [Span(len(body) - 4, len(body), MENTION, '/a/"x/', '<b>"', "m1")])
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp;" in html
    assert 'href="/a/&quot;x/"' in html and 'title="&lt;b&gt;&quot;"' in html
    check(html)


def test_out_of_range_and_empty_spans_are_ignored():
    body = "short text"
    html = highlight(body, [mention(5, 5), mention(50, 60), Span(8, 3, CLAIM, "/c/", "c", "c1")])
    assert html == "<p>short text</p>"


def test_offset_shifts_spans_for_an_excerpt():
    body = "0123456789 Iran"
    html = highlight(body[11:], [mention(11, 15)], offset=11)
    assert '<a class="mention"' in html and check(html) == "Iran"


def test_single_newlines_become_line_breaks():
    assert highlight("line one\nline two", []) == "<p>line one<br>line two</p>"
