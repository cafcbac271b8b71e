"""SARIF output: valid against the OASIS 2.1.0 schema, one result per written citation that
needs an editor, located at its line and (UTF-16) columns in the document."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePath
from typing import Any

import jsonschema
import pytest

from citecheck.model import Document, DocumentNote, Format, Location
from citecheck.report import (
    ChangeReport,
    Place,
    build_report,
    cited_places,
    document_places,
    to_sarif,
)
from tests.report import scenarios

HERE = Path(__file__).parent
SCHEMA = json.loads((HERE / "sarif" / "sarif-schema-2.1.0.json").read_text("utf-8"))
DOCUMENT = PurePath("references/report.md")
# The mixed scenario's URLs as a document writes them: note N on line N + 2 (two lines of
# heading above), note 10's URL twice (a second place), the invalid one not written at all.
TEXT = (
    "# A report\n\n"
    + "".join(
        f"[^{c.note}]: *{c.title}*, at <{c.url}> (last visited Oct. 5, 2018).\n"
        for c in scenarios.CASES
        if c.note != 8
    )
    + f"\nAs said at {scenarios.CASES[9].url}, twice.\n"
)


def _mixed() -> ChangeReport:
    sc = scenarios.mixed()
    return build_report(sc.parsed, sc.run, watches=sc.watches, title="Change report")


def _log(report: ChangeReport | None = None, text: str = TEXT) -> dict[str, Any]:
    sarif = to_sarif(report or _mixed(), document=DOCUMENT, places=cited_places(text))
    data: dict[str, Any] = json.loads(sarif)
    return data


def _validate(log: dict[str, Any]) -> None:
    jsonschema.Draft4Validator(SCHEMA).validate(log)


def test_valid_against_the_sarif_2_1_0_schema() -> None:
    log = _log()
    _validate(log)
    assert log["version"] == "2.1.0"
    assert log["$schema"] == SCHEMA["id"]


def test_the_schema_check_can_fail() -> None:
    log = _log()
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        _validate(log)
    del log["version"]
    with pytest.raises(jsonschema.ValidationError):
        _validate(log)


def test_one_result_per_written_citation_that_needs_an_editor() -> None:
    results = _log()["runs"][0]["results"]
    lines = {
        (r["properties"]["url"], r["locations"][0]["physicalLocation"].get("region", {}).get(
            "startLine")) for r in results
    }  # fmt: skip
    by_note = {c.note: c.url for c in scenarios.CASES}
    # 1 and 7 are alive: no result. 8 (invalid) is not written: one result on the file.
    assert lines == {
        (by_note[2], 4), (by_note[3], 5), (by_note[4], 6), (by_note[5], 7), (by_note[6], 8),
        (by_note[9], 10), (by_note[10], 11), (by_note[10], 13), (by_note[8], None),
    }  # fmt: skip
    rules = {r["properties"]["url"]: r["ruleId"] for r in results}
    assert rules[by_note[2]] == "source-gone" and rules[by_note[3]] == "source-moved"
    assert rules[by_note[4]] == "source-changed" and rules[by_note[5]] == "source-unverified"
    assert rules[by_note[8]] == "url-invalid"


def test_results_name_their_rule_by_index_and_the_file_from_the_repository_root() -> None:
    run = _log()["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location == {"uri": "references/report.md", "uriBaseId": "%SRCROOT%"}
        assert result["level"] == rules[result["ruleIndex"]]["defaultConfiguration"]["level"]


def test_message_says_what_where_and_the_fix() -> None:
    results = _log()["runs"][0]["results"]
    gone = next(r for r in results if r["ruleId"] == "source-gone" and "paper" in r["message"]
                ["text"])  # fmt: skip
    text = gone["message"]["text"]
    assert text.startswith("Gone: https://gone.example/paper.pdf — HTTP 404. Cited in note 2.")
    assert "archived at <https://web.archive.org/web/20181005000000/" in text
    assert "Fix: the source is gone: add the copy archived on" in text
    lost = next(r for r in results if "nocopy" in r["properties"]["url"])
    assert "Likely a citation error" in lost["message"]["text"]


def test_columns_count_utf16_code_units() -> None:
    url = scenarios.CASES[1].url
    text = f"[^2]: 😀 Ünïcode, at <{url}>.\n"
    (result,) = [r for r in _log(text=text)["runs"][0]["results"] if r["properties"]["url"] == url]
    region = result["locations"][0]["physicalLocation"]["region"]
    prefix = "[^2]: 😀 Ünïcode, at "  # the emoji is two UTF-16 code units
    assert region["startColumn"] == len(prefix) + 1 + 1
    assert region["endColumn"] == region["startColumn"] + len(url) + 2  # <…>
    assert region["startLine"] == region["endLine"] == 1


def test_fingerprints_survive_edits_elsewhere_in_the_document() -> None:
    def prints(text: str) -> set[str]:
        return {r["partialFingerprints"]["citecheck/v1"] for r in _log(text=text)["runs"][0]
                ["results"]}  # fmt: skip

    assert prints(TEXT) == prints("# New preface\n\nMore words.\n\n" + TEXT)
    assert len(prints(TEXT)) == len(_log()["runs"][0]["results"])


def test_inconclusive_run_has_no_results_and_says_why() -> None:
    report = _mixed()
    report = ChangeReport(report.title, report.run_date, True, report.entries)
    log = _log(report)
    _validate(log)
    run = log["runs"][0]
    (note,) = run["invocations"][0]["toolExecutionNotifications"]
    assert "inconclusive — network unreachable" in note["message"]["text"]


def test_an_absolute_document_path_is_a_file_uri() -> None:
    sarif = to_sarif(_mixed(), document=PurePath("/data/my report.md"))
    (location,) = {
        json.dumps(r["locations"][0]["physicalLocation"]["artifactLocation"])
        for r in json.loads(sarif)["runs"][0]["results"]
    }
    assert json.loads(location) == {"uri": "file:///data/my%20report.md"}


def test_golden() -> None:
    data = to_sarif(_mixed(), document=DOCUMENT, places=cited_places(TEXT)).encode("utf-8")
    path = HERE / "golden" / "mixed.sarif"
    if os.environ.get("CITECHECK_UPDATE_GOLDEN"):
        path.write_bytes(data)
    assert data == path.read_bytes()


def _document(fmt: Format, lines: dict[int, int | None], text: str | None = None) -> Document:
    notes = tuple(
        DocumentNote(number, "…", location=Location(line=line, page=None if line else 3))
        for number, line in lines.items()
    )
    return Document(name="report", format=fmt, notes=notes, text=text)


def test_a_document_without_text_is_located_by_its_notes_lines() -> None:
    report = _mixed()
    # An HTML-like document: no text to search, but each note knows its source line.
    located = document_places(_document(Format.HTML, {2: 40, 3: 41}), report)
    results = _log_with(report, located)
    gone = next(r for r in results if r["properties"]["url"] == scenarios.CASES[1].url)
    assert gone["locations"][0]["physicalLocation"]["region"] == {"startLine": 40}
    # A DOCX: no lines at all, so results sit on the document as a whole.
    located = document_places(_document(Format.DOCX, {2: None}), report)
    assert located == {}
    assert all("region" not in r["locations"][0]["physicalLocation"]
               for r in _log_with(report, located))  # fmt: skip


def test_a_text_document_is_located_where_each_url_is_written() -> None:
    located = document_places(_document(Format.MARKDOWN, {}, TEXT), _mixed())
    assert located == cited_places(TEXT)


def _log_with(report: ChangeReport, places: Mapping[str, Sequence[Place]]) -> list[Any]:
    log = json.loads(to_sarif(report, document=DOCUMENT, places=places))
    _validate(log)
    results: list[Any] = log["runs"][0]["results"]
    return results
