"""Issue 13's ingest reproductions: nothing hangs, nothing is overwritten, nothing unsafe is
stored. (5: a long paragraph, in tests/ingest/text/test_long_sentences.py.)

6. ``ingest`` on a FIFO blocked forever; a folder ingest followed a link to outside it.
7. Sidecar values were not validated (javascript: URLs, 500-character languages, a YAML
   date that does not exist gave a traceback).
8. ``tree/a/index.txt`` and ``tree/b/index.txt`` were one article: a's text was lost.
"""

import os
import signal
import socket
from contextlib import contextmanager
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article

pytestmark = pytest.mark.django_db

ARTICLE = """Militias strike US base in Iraq

Kataib Hezbollah fighters attacked a base used by the United States in Iraq on Tuesday, \
the Pentagon said. Iran denied that it had ordered the attack.
"""
OTHER = """Iraq and Iran sign a deal

Iraq and Iran signed a border security agreement in Baghdad on Sunday, officials said.
"""


@contextmanager
def deadline(seconds: int):
    """Fail (instead of hanging the suite) when the block takes longer than ``seconds``."""

    def expired(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def ingest(*paths) -> tuple[str, bool]:
    """The report's lines and whether the command failed (some file refused)."""
    out = StringIO()
    failed = False
    with deadline(60):
        try:
            call_command("ingest", *map(str, paths), stdout=out, stderr=StringIO())
        except CommandError:
            failed = True
    return out.getvalue(), failed


def error_lines(report: str) -> list[str]:
    return [line for line in report.splitlines() if line.startswith("ERROR")]


# --- 6: special files and links -------------------------------------------------------------


def test_a_fifo_is_refused_with_one_line_and_does_not_block(tmp_path):
    fifo = tmp_path / "news.txt"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE)
    report, failed = ingest(fifo, good)
    errors = error_lines(report)
    assert failed and len(errors) == 1
    assert "news.txt: not a regular file (a named pipe (FIFO); refused)" in errors[0]
    assert Article.objects.count() == 1


def test_a_device_and_a_socket_are_refused(tmp_path):
    sock_path = tmp_path / "feed.txt"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock_path))
    try:
        report, failed = ingest(sock_path)
    finally:
        server.close()
    assert failed and "not a regular file (a socket" in error_lines(report)[0]
    device = tmp_path / "zero.txt"
    device.symlink_to("/dev/zero")
    report, failed = ingest(device)
    assert failed and "not a regular file (a character device" in error_lines(report)[0]
    assert not Article.objects.exists()


def test_a_sidecar_that_is_a_fifo_does_not_block(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    os.mkfifo(tmp_path / "a.json")
    report, failed = ingest(tmp_path / "a.txt")
    # a FIFO is no sidecar: the article ingests without one
    assert not failed and Article.objects.count() == 1


def test_a_folder_ingest_refuses_links_to_outside_it(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("The hostname of the server is kb-prod-1, said Iran.")
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "x.txt").symlink_to(outside)
    (folder / "sub" / "real.txt").write_text(ARTICLE)
    (folder / "inside.txt").symlink_to(folder / "sub" / "real.txt")
    report, failed = ingest(folder)
    errors = error_lines(report)
    assert failed and len(errors) == 1
    assert "x.txt: a link to outside the folder" in errors[0]
    assert not Article.objects.filter(body__contains="kb-prod-1").exists()
    # a link inside the folder is the same article as its target: stored once
    assert Article.objects.count() == 1


# --- 8: identity by path, not by file name --------------------------------------------------


def test_two_files_of_one_name_in_different_folders_are_two_articles(tmp_path):
    tree = tmp_path / "tree"
    (tree / "a").mkdir(parents=True)
    (tree / "b").mkdir()
    (tree / "a" / "index.txt").write_text(ARTICLE)
    (tree / "b" / "index.txt").write_text(OTHER)
    report, failed = ingest(tree)
    assert not failed and report.count("CREATED") == 2, report
    assert sorted(Article.objects.values_list("origin", flat=True)) == [
        "a/index.txt",
        "b/index.txt",
    ]
    bodies = " ".join(Article.objects.values_list("body", flat=True))
    assert "Kataib Hezbollah fighters" in bodies and "border security agreement" in bodies
    # changing one updates that one only
    (tree / "b" / "index.txt").write_text(OTHER + "\nThe deal takes effect in March.\n")
    report, _ = ingest(tree)
    assert "UPDATED" in report and Article.objects.count() == 2
    assert "Kataib Hezbollah fighters" in Article.objects.get(origin="a/index.txt").body


def test_two_files_of_one_name_given_on_their_own_are_two_articles(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "index.txt").write_text(ARTICLE)
    (tmp_path / "b" / "index.txt").write_text(OTHER)
    ingest(tmp_path / "a" / "index.txt")
    ingest(tmp_path / "b" / "index.txt")
    assert Article.objects.count() == 2


# --- 7: sidecar values ----------------------------------------------------------------------


def sidecar_case(tmp_path: Path, sidecar: str, text: str) -> tuple[str, bool]:
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / sidecar).write_text(text)
    return ingest(tmp_path / "a.txt")


@pytest.mark.parametrize(
    "sidecar, text, message",
    [
        ("a.json", '{"url": "javascript:alert(1)"}', "'url' must be an http or https URL"),
        ("a.yaml", "url: data:text/html,<script>x</script>", "'url' must be an http or https"),
        ("a.json", '{"language": "' + "x" * 500 + '"}', "'language' must be a language code"),
        ("a.json", '{"language": "en-aaaaaaaa-bbbbbbbb"}', "at most 10 characters"),
        ("a.yaml", "published: 2020-13-45", "published date '2020-13-45' not understood"),
        ("a.json", '{"published": "2020-02-30"}', "not understood"),
    ],
)
def test_bad_sidecar_values_get_one_line_and_nothing_is_stored(tmp_path, sidecar, text, message):
    report, failed = sidecar_case(tmp_path, sidecar, text)
    errors = error_lines(report)
    assert failed and len(errors) == 1 and message in errors[0], report
    assert "internal error" not in report and "Traceback" not in report
    assert not Article.objects.exists()


def test_good_sidecar_values_are_stored(tmp_path):
    report, failed = sidecar_case(
        tmp_path,
        "a.yaml",
        "url: https://news.example/a\nlanguage: en-GB\npublished: 2020-01-07\n",
    )
    assert not failed, report
    article = Article.objects.get()
    assert (article.url, article.language, article.published) == (
        "https://news.example/a",
        "en-GB",
        "2020-01-07",
    )


def test_an_html_page_link_that_is_not_http_is_dropped(tmp_path):
    page = tmp_path / "a.html"
    page.write_text(
        '<html lang="en"><head><title>Strike</title>'
        '<link rel="canonical" href="javascript:alert(1)"></head>'
        "<body><article><p>" + ARTICLE + "</p></article></body></html>"
    )
    report, failed = ingest(page)
    assert not failed, report
    assert Article.objects.get().url == ""
