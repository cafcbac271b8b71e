"""``citecheck run --fail-on``: the exit code a scheduled job sees, run after run."""

from __future__ import annotations

from typer.testing import CliRunner

from citecheck.cli import app
from tests.monitor.conftest import Site
from tests.support.simweb import html


def run(site: Site, *args: str) -> tuple[int, str]:
    args = ("run", str(site.report), *site.options, "-f", "json", "--quiet", *args)
    result = CliRunner().invoke(app, args)
    return result.exit_code, result.stderr


def test_exit_codes_follow_the_fail_on_conditions_across_runs(site: Site) -> None:
    # First run: a gone source is only a first failure, so the default policy passes.
    assert run(site) == (0, "")
    code, err = run(site, "--fail-on", "any")
    assert code == 1
    assert f"citecheck: fail-on: any: {site.base}/gone" in err
    assert f"any: {site.base}/old-paper" in err  # moved is not alive either
    # A source that answered last week and fails now is new: `new-gone` fails, the default not.
    site.web.route("127.0.0.1", "/study", html("Not Found", status=404))
    code, err = run(site, "--fail-on", "new-gone,moved")
    assert code == 1
    assert err.splitlines() == [f"citecheck: fail-on: new-gone: {site.base}/study"]
    assert run(site, "--fail-on", "never")[0] == 0


def test_an_unknown_condition_is_a_one_line_usage_error(site: Site) -> None:
    code, err = run(site, "--fail-on", "gone-ish")
    assert code == 2
    assert err.count("\n") == 1
    assert "unknown condition gone-ish" in err and "new-confirmed-gone" in err


def test_every_condition_is_documented_in_the_help() -> None:
    import typer.main

    from citecheck.monitor import FailOn

    command = typer.main.get_command(app).commands["run"]  # type: ignore[attr-defined]
    (option,) = [p for p in command.params if "--fail-on" in p.opts]
    assert all(condition.value in option.help for condition in FailOn)
