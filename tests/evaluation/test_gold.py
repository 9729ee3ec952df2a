"""Gold files: loading, validation errors that name the file and the problem, and the
repository's own gold files (every text found, every key in the catalog)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.evaluation.gold import GoldError, load_gold

EVAL = Path(__file__).resolve().parents[2] / "data" / "eval"
TEXT = "The Council designated Alpha Brigade on 5 March 2024. Gamma officials said it was late.\n"


def _write(tmp_path: Path, body: str) -> Path:
    (tmp_path / "texts").mkdir(exist_ok=True)
    (tmp_path / "texts" / "a.txt").write_text(TEXT, encoding="utf-8")
    path = tmp_path / "g.gold.yaml"
    path.write_text("folder: texts\nfiles:\n  a.txt:\n" + body, encoding="utf-8")
    return path


VALID = """
    kind_of_source: press_release
    published: "2024-03-06"
    boilerplate: []
    actors: [kataib-hezbollah, {new: "Gamma Officials", kind: government_body, aliases: [Gamma]}]
    not_actors: [FTO]
    claims:
      - {text: "Gamma officials said it was late", claimant: [{new: Gamma}, null], kind: statement}
    events:
      - text: "The Council designated Alpha Brigade"
        kind: [designation, other]
        date: "2024-03-05"
        perpetrators: [us-state-department]
        targets: [kataib-hezbollah]
        place: {new: "Council House"}
"""


def test_a_valid_gold_file_loads_with_its_fields(tmp_path: Path) -> None:
    gold = load_gold(_write(tmp_path, VALID))
    (a,) = gold.articles
    assert a.published == "2024-03-06"
    assert [r.label for r in a.actors] == ["kataib-hezbollah", "new:Gamma Officials"]
    (c,) = a.claims
    assert c.claimants[1] is None
    # the claimant {new: Gamma} is the actor listed as "Gamma Officials" (alias Gamma)
    assert c.claimants[0].new == "Gamma Officials"
    (e,) = a.events
    assert e.kinds == {"designation", "other"}
    assert e.place.new == "Council House"


def test_a_passage_not_in_the_text_is_an_error_naming_file_and_passage(tmp_path: Path) -> None:
    body = VALID.replace("Gamma officials said it was late", "Gamma officials said it was early")
    with pytest.raises(GoldError) as err:
        load_gold(_write(tmp_path, body))
    assert "a.txt" in str(err.value)
    assert "'Gamma officials said it was early'" in str(err.value)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("kataib-hezbollah]", "kataib-hizbollah]"), "actor key 'kataib-hizbollah' is not in"),
        (("kind: statement", "kind: claim"), "kind ['claim'] is not one of"),
        (("[designation, other]", "[designation, strike]"), "kind ['strike'] is not one of"),
        (('date: "2024-03-05"', 'date: "5 March 2024"'), "is not an EDTF date"),
        (("press_release", "blog"), "kind_of_source 'blog'"),
        (
            ("targets: [kataib-hezbollah]", "target: [kataib-hezbollah]"),
            "unknown field(s) ['target']",
        ),
        (
            ("perpetrators: [us-state-department]", "perpetrators: [kataib-hezbollah]"),
            "both perpetrator and target",
        ),
        (('place: {new: "Council House"}', "place: washington"), "place key 'washington'"),
    ],
)
def test_schema_errors_are_reported(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    with pytest.raises(GoldError) as err:
        load_gold(_write(tmp_path, VALID.replace(*change)))
    assert message in str(err.value)


def test_every_problem_is_listed_at_once(tmp_path: Path) -> None:
    body = VALID.replace("kind: statement", "kind: claim").replace("press_release", "blog")
    with pytest.raises(GoldError) as err:
        load_gold(_write(tmp_path, body))
    assert "2 problem(s)" in str(err.value)


def test_a_missing_text_file_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path, VALID)
    (tmp_path / "texts" / "a.txt").unlink()
    with pytest.raises(GoldError, match="a.txt: no such file"):
        load_gold(path)


@pytest.mark.parametrize("path", sorted(EVAL.glob("*.gold.yaml")), ids=lambda p: p.name)
def test_repository_gold_files_validate_and_cover_their_folder(path: Path) -> None:
    gold = load_gold(path)  # every passage found, every key in the catalog or {new:}
    texts = {
        p.name
        for p in gold.folder.iterdir()
        if p.suffix in {".txt", ".md", ".html"} and not p.name.startswith("README")
    }
    assert texts == {a.name for a in gold.articles}, "every text has gold and every gold a text"
