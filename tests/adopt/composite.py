"""Run a composite action's steps as the GitHub runner does, on this machine.

Each ``run:`` step goes to bash with its ``env:`` (expressions evaluated), the runner's
``GITHUB_OUTPUT`` / ``GITHUB_STEP_SUMMARY`` / ``GITHUB_ENV`` / ``GITHUB_PATH`` files and
``RUNNER_TEMP``; ``if:`` conditions are evaluated; the ``uses:`` steps of third-party actions are
stood in for by ``fakes`` (setup-python hands over an interpreter, upload-artifact copies the
folder). Only the expression forms an action of this project uses are understood; anything else
fails loudly rather than being guessed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Fake = Callable[[Mapping[str, str], "Runner"], dict[str, str]]
_EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
_REF = re.compile(r"\b(inputs|steps|github|runner)\.([A-Za-z0-9_.-]+)")


@dataclass
class StepResult:
    name: str
    ran: bool
    returncode: int = 0
    stdout: str = ""
    stderr: str = ""
    outputs: dict[str, str] = field(default_factory=dict)


@dataclass
class Runner:
    """One job's runner: workspace (cwd), temp folder, the files the runner reads back."""

    action_dir: Path
    workspace: Path
    temp: Path
    env: dict[str, str]
    fakes: dict[str, Fake]
    results: list[StepResult] = field(default_factory=list)
    files: Path = field(init=False)  # this job's own runner files (RUNNER_TEMP may be shared)
    summary: Path = field(init=False)

    def __post_init__(self) -> None:
        self.files = Path(tempfile.mkdtemp(prefix="job-", dir=self.temp))
        self.summary = self.files / "step_summary.md"
        self.summary.touch()

    def run(self, inputs: Mapping[str, str], action_ref: str = "") -> dict[str, str]:
        """Every step in order, as the runner does; returns the action's outputs."""
        action = yaml.safe_load((self.action_dir / "action.yml").read_text("utf-8"))
        values = {
            name: str(inputs.get(name, spec.get("default", "")))
            for name, spec in action["inputs"].items()
        }
        unknown = set(inputs) - set(values)
        assert not unknown, f"the action has no inputs {sorted(unknown)}"
        github = {"action_path": str(self.action_dir), "action_ref": action_ref}
        context = _Context(values, {}, github, {"temp": str(self.temp)})
        for step in action["runs"]["steps"]:
            result = self._step(step, context)
            self.results.append(result)
            if result.ran and step.get("id"):
                context.steps[step["id"]] = result.outputs
            if result.returncode != 0:
                break  # the runner skips the rest (no step here has `if: always()`)
        return {name: context.evaluate(spec["value"]) for name, spec in action["outputs"].items()}

    def _step(self, step: dict[str, Any], context: _Context) -> StepResult:
        name = step.get("name", step.get("uses", "?"))
        if "if" in step and not context.condition(step["if"]):
            return StepResult(name, ran=False)
        if "uses" in step:
            action = step["uses"].split("@")[0]
            with_ = {k: context.evaluate(_text(v)) for k, v in step.get("with", {}).items()}
            return StepResult(name, ran=True, outputs=self.fakes[action](with_, self))
        return self._shell(name, step, context)

    def _shell(self, name: str, step: dict[str, Any], context: _Context) -> StepResult:
        assert step["shell"] == "bash"
        assert "${{" not in step["run"], f"{name}: an expression inside a script"
        output = self.files / f"output-{len(self.results)}"
        output.touch()
        env = {
            **self.env,
            **{k: context.evaluate(_text(v)) for k, v in step.get("env", {}).items()},
            "GITHUB_OUTPUT": str(output),
            "GITHUB_STEP_SUMMARY": str(self.summary),
            "GITHUB_ENV": str(self.files / "github_env"),
            "GITHUB_PATH": str(self.files / "github_path"),
            "GITHUB_WORKSPACE": str(self.workspace),
            "GITHUB_SERVER_URL": "https://github.test",
            "GITHUB_REPOSITORY": "owner/repo",
            "GITHUB_RUN_ID": "42",
            "GITHUB_ACTION_PATH": str(self.action_dir),
            "RUNNER_TEMP": str(self.temp),
        }
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=self.workspace, env=env, capture_output=True, text=True, timeout=900,
        )  # fmt: skip
        outputs = parse_outputs(output.read_text("utf-8"))
        return StepResult(name, True, done.returncode, done.stdout, done.stderr, outputs)


def _text(value: object) -> str:
    """A YAML scalar as the runner passes it on: booleans as ``true``/``false``."""
    return str(value).lower() if isinstance(value, bool) else str(value)


def parse_outputs(text: str) -> dict[str, str]:
    """``$GITHUB_OUTPUT`` as the runner reads it: ``name=value`` and ``name<<DELIM`` heredocs."""
    outputs: dict[str, str] = {}
    lines = iter(text.splitlines())
    for line in lines:
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            value: list[str] = []
            for inner in lines:
                if inner == delimiter:
                    break
                value.append(inner)
            outputs[name] = "\n".join(value)
        elif line:
            name, value_ = line.split("=", 1)
            outputs[name] = value_
    return outputs


@dataclass
class _Context:
    inputs: dict[str, str]
    steps: dict[str, dict[str, str]]
    github: dict[str, str]
    runner: dict[str, str]

    def evaluate(self, text: str) -> str:
        return _EXPR.sub(lambda m: str(self._value(m.group(1))), text)

    def condition(self, expression: str) -> bool:
        """``a == 'x' && b != ''``-style conditions: references, string literals, ==, !=, &&."""
        python = _REF.sub(lambda m: repr(self._lookup(m.group(1), m.group(2))), expression)
        python = python.replace("&&", " and ").replace("||", " or ")
        rest = re.sub(r"'[^']*'|\"[^\"]*\"", "", python)
        assert re.fullmatch(r"(?:\s|==|!=|\(|\)|\band\b|\bor\b)*", rest), expression
        return bool(eval(python, {"__builtins__": {}}, {}))  # only literals and comparisons

    def _value(self, expression: str) -> str:
        match = _REF.fullmatch(expression)
        assert match, f"unsupported expression {expression!r}"
        return self._lookup(match.group(1), match.group(2))

    def _lookup(self, context: str, path: str) -> str:
        if context == "steps":
            step_id, kind, name = path.split(".", 2)
            assert kind == "outputs", path
            return self.steps.get(step_id, {}).get(name, "")
        table: dict[str, str] = getattr(self, context)
        assert path in table, f"{context}.{path} is not known to this runner"
        return table[path]


def setup_python(with_: Mapping[str, str], runner: Runner) -> dict[str, str]:
    """actions/setup-python with update-environment: false: hand over this interpreter's base."""
    assert with_["update-environment"] == "false"  # the job's own Python must stay untouched
    base = Path(getattr(sys, "_base_executable", sys.executable))
    return {"python-path": str(base), "python-version": with_["python-version"]}


def upload_artifact(with_: Mapping[str, str], runner: Runner) -> dict[str, str]:
    """actions/upload-artifact: copy the folder where the test can look, return its URL."""
    target = runner.files / "artifacts" / with_["name"]
    shutil.copytree(with_["path"], target)
    return {"artifact-id": "1", "artifact-url": f"https://github.test/artifacts/{with_['name']}"}


def environment() -> dict[str, str]:
    """A runner's environment, less this test process's virtualenv and pytest variables."""
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL",
            "PIP_CONFIG_FILE", "PIP_CACHE_DIR", "SSL_CERT_FILE")  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k in keep}
    venv_bin = str(Path(sys.executable).parent)
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p != venv_bin)
    return env
