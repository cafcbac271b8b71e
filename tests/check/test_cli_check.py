"""``citecheck check``: exit codes 0/1/2/3, the JSON contract on stdout, the summary table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from citecheck.cli import app
from tests.support.simweb import Reply, SimWeb, html

runner = CliRunner()
PAGE = html("<h1>Study</h1>" + "a real page about the cited study " * 30, title="Study")


def _report(tmp_path: Path, *urls: str) -> Path:
    notes = "".join(f"Claim {n}.[^{n}] " for n in range(1, len(urls) + 1))
    defs = "\n".join(
        f"[^{n}]: Jane Doe, *Study Number {n}* (2017), {url} (last visited Jan. 5, 2018)."
        for n, url in enumerate(urls, 1)
    )
    path = tmp_path / "report.md"
    path.write_text(f"{notes}\n\n{defs}\n", encoding="utf-8")
    return path


@pytest.fixture
def local(simweb: SimWeb) -> SimWeb:
    simweb.route("127.0.0.1", "/ok", PAGE)
    simweb.route("127.0.0.1", "/gone", Reply(404))
    simweb.route("127.0.0.1", "/moved", Reply(301, (("Location", "/elsewhere/now"),)))
    simweb.route("127.0.0.1", "/elsewhere/now", PAGE)
    return simweb


def _base(web: SimWeb) -> str:
    return f"http://127.0.0.1:{web.http_port}"


def _check(tmp_path: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["check", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_exit_0_when_every_link_is_alive(tmp_path: Path, local: SimWeb) -> None:
    report = _report(tmp_path, f"{_base(local)}/ok")
    code, out, err = _check(tmp_path, str(report), "--allow-private", "--timeout", "2")
    assert code == 0
    assert out == ""  # no link to look at
    assert err.splitlines()[-2:] == ["checked 1 link: 1 alive", "0 need an editor"]


def test_exit_1_when_a_link_is_gone(tmp_path: Path, local: SimWeb) -> None:
    report = _report(tmp_path, f"{_base(local)}/ok", f"{_base(local)}/gone")
    code, out, err = _check(tmp_path, str(report), "--allow-private", "--timeout", "2")
    assert code == 1
    assert "404 Not Found" in out
    assert err.splitlines()[-2:] == ["checked 2 links: 1 alive · 1 gone", "1 needs an editor"]


def test_moved_only_is_1_unless_moved_ok(tmp_path: Path, local: SimWeb) -> None:
    report = _report(tmp_path, f"{_base(local)}/moved")
    args = [str(report), "--allow-private", "--timeout", "2"]
    assert _check(tmp_path, *args)[0] == 1
    assert _check(tmp_path, *args, "--moved-ok")[0] == 0


def test_guard_skips_loopback_without_allow_private(tmp_path: Path, local: SimWeb) -> None:
    report = _report(tmp_path, f"{_base(local)}/ok")
    code, out, _ = _check(tmp_path, str(report), "--format", "json")
    data = json.loads(out)
    assert data["links"][0]["verdict"] == "skipped"
    assert code == 4  # nothing was checked: not a success
    assert local.requests == []


def test_exit_3_when_the_network_is_unreachable(tmp_path: Path) -> None:
    # .invalid never resolves (RFC 2606), with or without internet: no host can answer.
    report = _report(tmp_path, "https://www.unodc.invalid/report", "http://ilo.invalid/x")
    code, out, err = _check(tmp_path, str(report))
    assert code == 3
    assert out == ""  # every link has the same non-verdict: the summary says it once
    assert err.splitlines()[-1] == (
        "2 links not checked: inconclusive — network unreachable (no host answered), "
        "no verdict about any source was drawn"
    )
    code, out, err = _check(tmp_path, str(report), "--format", "json")
    assert code == 3
    data = json.loads(out)
    assert data["summary"]["inconclusive"] is True
    assert {link["verdict"] for link in data["links"]} == {"error"}
    assert "inconclusive — network unreachable" in err


def test_json_contract_on_stdout(tmp_path: Path, local: SimWeb) -> None:
    report = _report(tmp_path, f"{_base(local)}/moved", f"{_base(local)}/gone")
    code, out, _ = _check(tmp_path, str(report), "--allow-private", "-f", "json")
    assert code == 1
    data = json.loads(out)
    moved, gone = data["links"]
    assert moved["verdict"] == "moved" and moved["notes"] == [1]
    assert moved["final_url"] == f"{_base(local)}/elsewhere/now"
    assert moved["redirects"] == [{"url": f"{_base(local)}/moved", "status_code": 301}]
    assert (gone["verdict"], gone["status_code"], gone["reason"]) == ("gone", 404, "404 Not Found")
    assert data["summary"]["verdicts"]["moved"] == 1


def test_settings_from_citecheck_toml(
    tmp_path: Path, local: SimWeb, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "citecheck.toml").write_text('allow-private = true\nexclude = ["/gone"]\n')
    monkeypatch.chdir(tmp_path)
    report = _report(tmp_path, f"{_base(local)}/ok", f"{_base(local)}/gone")
    code, out, _ = _check(tmp_path, str(report), "-f", "json")
    assert [link["verdict"] for link in json.loads(out)["links"]] == ["alive", "skipped"]
    assert code == 0


@pytest.mark.parametrize(
    "args",
    [
        ["missing-report.md"],
        ["DOCUMENT", "--timeout", "0"],
        ["DOCUMENT", "--per-host", "zero"],
        ["DOCUMENT", "--format", "yaml"],
    ],
)
def test_exit_2_on_usage_errors(tmp_path: Path, args: list[str]) -> None:
    report = _report(tmp_path, "http://example.invalid/x")
    args = [
        str(report) if a == "DOCUMENT" else str(tmp_path / a) if a.endswith(".md") else a
        for a in args
    ]
    code, out, err = _check(tmp_path, *args)
    assert code == 2
    assert out == ""
    assert err.strip().count("\n") <= 1 and "Traceback" not in err  # one line and a hint


def test_exit_2_on_bad_config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "citecheck.toml").write_text("per-host = 'two'\n")
    monkeypatch.chdir(tmp_path)
    report = _report(tmp_path, "http://example.invalid/x")
    code, _, err = _check(tmp_path, str(report))
    assert code == 2
    assert (
        err.strip()
        == "citecheck: error: citecheck.toml: per-host must be a whole number, got 'two'"
    )


def test_the_probe_record_spares_the_next_run_its_probe(tmp_path: Path, local: SimWeb) -> None:
    report = _report(tmp_path, f"{_base(local)}/ok")
    for _ in range(2):
        code, _, _ = _check(tmp_path, str(report), "--allow-private", "--timeout", "2")
        assert code == 0
    probes = [r for r in local.requests if "citecheck-no-such-page" in r.path]
    assert len(probes) == 1  # the second run reused the first one's
    assert len(local.requests_for("127.0.0.1", "/ok")) == 2
