"""Reading article files: formats, sidecar metadata, and one clear line for bad input."""

import codecs
import json
from pathlib import Path

import pytest

from kb.ingest.read.files import iter_article_paths, read_path
from kb.ingest.types import IngestError

ARTICLE = "Iran and Iraq signed a border deal.\n\nThe United States said little.\n"

HTML_PAGE = """<!doctype html>
<html lang="en-GB"><head>
<title>Iran warns US over strike | Daily Planet</title>
<meta property="og:site_name" content="Daily Planet">
<meta property="og:title" content="Iran warns US over strike">
<meta property="article:published_time" content="2020-01-05T10:00:00Z">
<meta name="author" content="Jane Doe">
<link rel="canonical" href="https://planet.example/iran-warns">
<script>var tracking = "Iran";</script><style>p { color: red }</style>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<header><div class="logo">Daily Planet</div></header>
<article>
  <h1>Iran warns US over <em>strike</em></h1>
  <figure><img src="x.jpg" alt="Smoke"><figcaption>AP Photo/John Roe</figcaption></figure>
  <p>BAGHDAD (Reuters) - Iran <b>warned</b> the <a href="/us">United States</a> on Sunday.</p>
  <p>Officials said the strike<br>was unlawful.<br><br>A second paragraph followed.</p>
  <aside>Related: other news</aside>
  <form><input name="email"> Sign up</form>
  <ul><li>First point.</li><li>Second point.</li></ul>
</article>
<footer>Copyright 2020 Daily Planet</footer>
</body></html>
"""

MARKDOWN = """---
source: Gulf Notes
published: 2021-03-04
---
# Iran and Iraq sign a *border* deal

The deal was **signed** in [Baghdad](https://example.org/baghdad) on Monday,
officials said.

![A photo](photo.jpg)

- Iran pledged *calm*.
- Iraq pledged patrols.

> "We will keep the border quiet," an official said.
"""


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def error_of(path: Path, **kwargs) -> str:
    with pytest.raises(IngestError) as info:
        read_path(path, **kwargs)
    message = str(info.value)
    assert "\n" not in message
    return message


# --- formats ----------------------------------------------------------------------------


def test_reads_text_file(tmp_path):
    raw = read_path(write(tmp_path, "a.txt", ARTICLE))
    assert (raw.text, raw.format, raw.origin) == (ARTICLE, "text", "a.txt")


def test_reads_utf8_with_bom(tmp_path):
    raw = read_path(write(tmp_path, "a.txt", codecs.BOM_UTF8 + ARTICLE.encode()))
    assert raw.text == ARTICLE


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_reads_utf16_with_bom(tmp_path, encoding):
    data = ARTICLE.encode(encoding)
    if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        data = codecs.BOM_UTF16_BE + data
    assert read_path(write(tmp_path, "a.txt", data)).text == ARTICLE


def test_reads_html_in_declared_charset(tmp_path):
    page = '<html><head><meta charset="windows-1252"></head><body><p>Caf\xe9 talks in Baghdad.</p></body></html>'
    raw = read_path(write(tmp_path, "a.html", page.encode("cp1252")))
    assert raw.text == "Café talks in Baghdad."


def test_html_article_text_drops_page_furniture(tmp_path):
    raw = read_path(write(tmp_path, "a.html", HTML_PAGE))
    assert raw.format == "html"
    assert raw.text.split("\n\n") == [
        "Iran warns US over strike",
        "BAGHDAD (Reuters) - Iran warned the United States on Sunday.",
        "Officials said the strike was unlawful.",
        "A second paragraph followed.",
        "First point.",
        "Second point.",
    ]


def test_html_metadata_from_meta_tags(tmp_path):
    raw = read_path(write(tmp_path, "a.html", HTML_PAGE))
    assert raw.metadata == {
        "title": "Iran warns US over strike",
        "published": "2020-01-05T10:00:00Z",
        "author": "Jane Doe",
        "source": "Daily Planet",
        "url": "https://planet.example/iran-warns",
        "language": "en",
    }


def test_html_title_falls_back_to_title_tag_without_site_name(tmp_path):
    page = "<html><head><title>Iraq votes - Gulf Times</title></head><body><p>Polls opened.</p></body></html>"
    assert read_path(write(tmp_path, "a.htm", page)).metadata["title"] == "Iraq votes"


def test_markdown_becomes_plain_paragraphs(tmp_path):
    raw = read_path(write(tmp_path, "a.md", MARKDOWN))
    assert raw.format == "markdown"
    assert raw.text.split("\n\n") == [
        "Iran and Iraq sign a border deal",
        "The deal was signed in Baghdad on Monday, officials said.",
        "Iran pledged calm.",
        "Iraq pledged patrols.",
        '"We will keep the border quiet," an official said.',
    ]


def test_markdown_front_matter_and_heading_give_metadata(tmp_path):
    raw = read_path(write(tmp_path, "a.markdown", MARKDOWN))
    assert raw.metadata == {
        "source": "Gulf Notes",
        "published": "2021-03-04",
        "title": "Iran and Iraq sign a border deal",
    }


# --- sidecars ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["a.json", "a.meta.json", "a.txt.json"])
def test_reads_json_sidecar(tmp_path, name):
    article = write(tmp_path, "a.txt", ARTICLE)
    write(
        tmp_path,
        name,
        json.dumps({"title": "Border deal", "published": "2023-03", "author": "Jane Doe"}),
    )
    assert read_path(article).metadata == {
        "title": "Border deal",
        "published": "2023-03",
        "author": "Jane Doe",
    }


@pytest.mark.parametrize("name", ["a.yaml", "a.yml"])
def test_reads_yaml_sidecar(tmp_path, name):
    article = write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, name, "source: Reuters\npublished: 2019-02-12\nurl: https://x.example/a\n")
    assert read_path(article).metadata == {
        "source": "Reuters",
        "published": "2019-02-12",
        "url": "https://x.example/a",
    }


def test_sidecar_overrides_html_metadata(tmp_path):
    article = write(tmp_path, "a.html", HTML_PAGE)
    write(tmp_path, "a.json", json.dumps({"title": "Edited title"}))
    assert read_path(article).metadata["title"] == "Edited title"


def test_sidecar_accepts_free_date(tmp_path):
    article = write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "a.json", json.dumps({"published": "Feb. 5, 2019"}))
    assert read_path(article).metadata["published"] == "Feb. 5, 2019"


# --- bad input --------------------------------------------------------------------------


def test_empty_file_is_rejected(tmp_path):
    assert "empty file" in error_of(write(tmp_path, "a.txt", ""))


def test_whitespace_only_file_is_rejected(tmp_path):
    assert "empty file" in error_of(write(tmp_path, "a.txt", " \n\t\n"))


def test_binary_file_with_nul_bytes_is_rejected(tmp_path):
    assert "binary file" in error_of(
        write(tmp_path, "a.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    )


def test_mostly_control_characters_is_rejected(tmp_path):
    assert "binary file" in error_of(write(tmp_path, "a.txt", bytes(range(1, 9)) * 50))


def test_undecodable_text_is_rejected(tmp_path):
    message = error_of(write(tmp_path, "a.txt", "Caf\xe9 in Baghdad".encode("latin-1")))
    assert "not valid UTF-8" in message and "offset 3" in message


def test_html_with_unknown_declared_charset_is_rejected(tmp_path):
    page = b'<html><head><meta charset="klingon-8"></head><body><p>Caf\xe9</p></body></html>'
    assert "unknown charset" in error_of(write(tmp_path, "a.html", page))


def test_oversized_file_is_rejected(tmp_path):
    message = error_of(write(tmp_path, "a.txt", "Iran. " * 100), max_bytes=100)
    assert "too large" in message


def test_unreadable_file_is_rejected(tmp_path, monkeypatch):
    path = write(tmp_path, "a.txt", ARTICLE)

    def deny(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("kb.ingest.read.files.os.open", deny)
    assert "permission denied" in error_of(path)


def test_directory_is_rejected(tmp_path):
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    assert "is a directory" in error_of(folder)


def test_missing_file_is_rejected(tmp_path):
    assert "not found" in error_of(tmp_path / "missing.txt")


def test_unsupported_extension_is_rejected(tmp_path):
    assert "unsupported file type '.pdf'" in error_of(write(tmp_path, "a.pdf", ARTICLE))


def test_html_without_text_is_rejected(tmp_path):
    assert "no article text" in error_of(
        write(tmp_path, "a.html", "<html><script>x()</script></html>")
    )


def test_malformed_json_sidecar_is_rejected(tmp_path):
    article = write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "a.json", "{title: oops")
    assert "malformed sidecar a.json" in error_of(article)


def test_malformed_yaml_sidecar_is_rejected(tmp_path):
    article = write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "a.yaml", "title: [unclosed\n")
    assert "malformed sidecar a.yaml" in error_of(article)


def test_sidecar_that_is_not_a_mapping_is_rejected(tmp_path):
    article = write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "a.json", "[1, 2]")
    assert "expected a mapping" in error_of(article)


def test_sidecar_with_nested_value_is_rejected(tmp_path):
    article = write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "a.json", json.dumps({"author": ["A", "B"]}))
    assert "'author' must be a single value" in error_of(article)


def test_sidecar_with_unreadable_date_is_rejected(tmp_path):
    article = write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "a.json", json.dumps({"published": "sometime soon"}))
    assert "published date 'sometime soon' not understood" in error_of(article)


def test_malformed_markdown_front_matter_is_rejected(tmp_path):
    assert "front matter" in error_of(write(tmp_path, "a.md", "---\ntitle: [x\n---\nBody text.\n"))


# --- folders ----------------------------------------------------------------------------


def test_iter_article_paths_expands_folders_recursively_and_sorted(tmp_path):
    for name in [
        "b.txt",
        "a.md",
        "sub/c.html",
        "sub/d.htm",
        "a.json",
        "a.meta.json",
        "notes.yaml",
        "x.pdf",
    ]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    names = [p.relative_to(tmp_path).as_posix() for p in iter_article_paths([tmp_path])]
    assert names == ["a.md", "b.txt", "sub/c.html", "sub/d.htm"]


def test_iter_article_paths_skips_hidden_files_and_folders(tmp_path):
    for name in [".hidden.txt", ".git/x.txt", "ok.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in iter_article_paths([tmp_path])] == ["ok.txt"]


def test_iter_article_paths_keeps_files_as_given_without_duplicates(tmp_path):
    a = write(tmp_path, "a.txt", "x")
    other = write(tmp_path, "b.pdf", "x")
    assert iter_article_paths([a, other, a, tmp_path]) == [a, other]
