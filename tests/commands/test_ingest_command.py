"""The ingest commands end to end: idempotency, bad files, dry runs, reviewed work kept."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from actors.models import Actor
from articles.models import Article, Claim, Mention
from events.models import Event, EventSource
from kb.core.choices import Origin, ReviewStatus
from kb.ingest import pipeline
from kb.ingest.store import proposals

pytestmark = pytest.mark.django_db

ARTICLE = """Militias strike US base in Iraq

Kataib Hezbollah fighters attacked a base used by the United States in Iraq on Tuesday, \
the Pentagon said. Iran denied that it had ordered the attack.

Iraqi officials said the Popular Mobilization Forces would investigate.
"""


def run(*args, **kwargs) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO(), **kwargs)
    return out.getvalue()


@pytest.fixture
def catalog():
    run("load_reference")


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "strike.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def kb_counts() -> dict[str, int]:
    return {
        "articles": Article.objects.count(),
        "mentions": Mention.objects.count(),
        "claims": Claim.objects.count(),
        "events": Event.objects.count(),
        "actors": Actor.objects.count(),
    }


def test_ingest_creates_article_with_mentions(catalog, article_file):
    out = run("ingest", str(article_file))
    article = Article.objects.get()
    assert "CREATED" in out
    assert article.origin == article_file.as_posix()  # a file on its own: its path as given
    assert "Kataib Hezbollah fighters attacked" in article.body
    for mention in article.mentions.all():
        assert article.body[mention.start : mention.end] == mention.text
    assert article.mentions.filter(actor__slug="kataib-hezbollah").exists()


def test_reingesting_same_file_changes_nothing(catalog, article_file):
    run("ingest", str(article_file))
    before = kb_counts()
    out = run("ingest", str(article_file))
    assert kb_counts() == before
    assert "UNCHANGED" in out


def test_json_report_is_machine_readable(catalog, article_file):
    report = json.loads(run("ingest", str(article_file), format="json"))
    assert report[0]["status"] == "created"
    assert report[0]["article_id"] == Article.objects.get().pk
    assert report[0]["counts"]["mentions"] > 0


def test_dry_run_saves_nothing(catalog, article_file):
    before = kb_counts()
    out = run("ingest", str(article_file), dry_run=True)
    assert kb_counts() == before
    assert "dry run" in out


def _bad_files(folder: Path) -> dict[str, Path]:
    files = {
        "empty": folder / "empty.txt",
        "binary": folder / "binary.txt",
        "undecodable": folder / "latin1.txt",
        "oversized": folder / "huge.txt",
        "unsupported": folder / "scan.pdf",
    }
    files["empty"].write_text("")
    files["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    files["undecodable"].write_bytes("Le président a déclaré à Téhéran".encode("latin-1"))
    files["oversized"].write_text("Iran and Iraq. " * 2000)
    files["unsupported"].write_bytes(b"%PDF-1.4")
    return files


@pytest.mark.parametrize("case", ["empty", "binary", "undecodable", "oversized", "unsupported"])
def test_bad_file_gets_one_error_line_and_good_files_still_ingest(
    catalog, tmp_path, settings, case
):
    settings.INGEST_MAX_BYTES = 10_000
    bad = _bad_files(tmp_path)[case]
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE)
    out = StringIO()
    with pytest.raises(CommandError, match="1 of 2 file"):
        call_command("ingest", str(bad), str(good), stdout=out, stderr=StringIO())
    error_lines = [line for line in out.getvalue().splitlines() if line.startswith("ERROR")]
    assert len(error_lines) == 1 and bad.name in error_lines[0]
    assert list(Article.objects.values_list("origin", flat=True)) == [good.as_posix()]


def test_missing_path_is_an_error(catalog, tmp_path):
    with pytest.raises(CommandError):
        run("ingest", str(tmp_path / "nope.txt"))
    assert not Article.objects.exists()


def test_failure_while_storing_leaves_no_half_article(catalog, article_file, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(proposals, "store_events", boom)
    with pytest.raises(CommandError):
        run("ingest", str(article_file))
    assert kb_counts()["articles"] == 0
    assert not Mention.objects.exists() and not Claim.objects.exists()


def test_failing_extraction_step_is_one_error_and_saves_nothing(
    catalog, article_file, tmp_path, monkeypatch
):
    def boom(*args, **kwargs):
        raise RuntimeError("claims bug")

    monkeypatch.setattr(pipeline, "extract_claims", boom)
    out = StringIO()
    with pytest.raises(CommandError, match="1 of 1 file"):
        call_command("ingest", str(article_file), stdout=out, stderr=StringIO())
    error_lines = [line for line in out.getvalue().splitlines() if line.startswith("ERROR")]
    assert len(error_lines) == 1
    assert "strike.txt" in error_lines[0] and "RuntimeError: claims bug" in error_lines[0]
    assert kb_counts()["articles"] == 0
    assert not Mention.objects.exists() and not Claim.objects.exists()


def test_changed_file_updates_article_and_keeps_verified_work(catalog, article_file):
    run("ingest", str(article_file))
    article = Article.objects.get()
    verified = article.mentions.get(actor__slug="kataib-hezbollah")
    Mention.objects.filter(pk=verified.pk).update(status=ReviewStatus.VERIFIED)
    analyst_claim = Claim.objects.create(
        article=article,
        text="x",
        quote="Kataib Hezbollah fighters attacked",
        start=verified.start,
        end=verified.start + len("Kataib Hezbollah fighters attacked"),
        sentence_start=0,
        sentence_end=10,
        origin=Origin.ANALYST,
        status=ReviewStatus.VERIFIED,
    )
    article_file.write_text("A new first paragraph was added by the editors.\n\n" + ARTICLE)

    out = run("ingest", str(article_file))

    article.refresh_from_db()
    assert "UPDATED" in out
    assert Article.objects.count() == 1
    assert article.body.startswith("A new first paragraph")
    verified.refresh_from_db()
    analyst_claim.refresh_from_db()
    assert verified.status == ReviewStatus.VERIFIED
    assert article.body[verified.start : verified.end] == verified.text
    assert article.body[analyst_claim.start : analyst_claim.end] == analyst_claim.quote
    # The machine proposal for the same span was not duplicated.
    assert (
        article.mentions.filter(
            start=verified.start, end=verified.end, actor=verified.actor
        ).count()
        == 1
    )


def test_reprocess_replaces_only_unreviewed_proposals(catalog, article_file):
    run("ingest", str(article_file))
    article = Article.objects.get()
    claims = list(article.claims.all())
    assert claims, "the pipeline should find at least one attributed claim"
    keep = claims[0]
    Claim.objects.filter(pk=keep.pk).update(status=ReviewStatus.VERIFIED, credibility=2)

    out = run("ingest", str(article_file), reprocess=True)

    assert "REPROCESSED" in out
    keep.refresh_from_db()
    assert keep.status == ReviewStatus.VERIFIED and keep.credibility == 2
    assert article.claims.filter(start=keep.start, end=keep.end).count() == 1
    assert Article.objects.count() == 1


def test_two_articles_reporting_one_event_share_it(catalog, tmp_path):
    first = tmp_path / "a.txt"
    second = tmp_path / "b.txt"
    first.write_text("Iran and Iraq signed a security agreement in Baghdad on March 19, 2023.\n")
    second.write_text(
        "Officials said Iraq and Iran signed a border security agreement on March 19, 2023, in Baghdad.\n"
    )
    run("ingest", str(first), str(second))
    agreements = Event.objects.filter(kind="agreement")
    assert agreements.count() == 1
    assert (
        EventSource.objects.filter(event=agreements.get()).values("article").distinct().count() == 2
    )


def test_ingest_keeps_stored_actor_counts_current(catalog, article_file):
    run("ingest", str(article_file))
    actor = Actor.objects.get(slug="kataib-hezbollah")
    assert actor.mention_count == Mention.objects.filter(actor=actor).count() > 0
    assert actor.article_count == 1

    article_file.write_text("An unrelated update about the weather in Basra.\n")
    run("ingest", str(article_file))
    actor.refresh_from_db()
    assert actor.mention_count == Mention.objects.filter(actor=actor).count() == 0
