"""The docs stay honest: every setting, command and removal reason is documented."""

from __future__ import annotations

import re
from pathlib import Path

from storyline.clean.boilerplate import RULES
from storyline.settings import SETTINGS, Settings

REPO = Path(__file__).resolve().parents[1]

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_setting_documented() -> None:
    for setting in SETTINGS:
        assert f"--{setting.name.replace('_', '-')}" in README, setting.name
        assert setting.env in README, setting.env


def test_registry_matches_settings_object() -> None:
    defaults = Settings()
    for setting in SETTINGS:
        assert getattr(defaults, setting.name) == setting.default, setting.name
    assert {s.name for s in SETTINGS} == set(Settings.__dataclass_fields__)


def test_every_removal_reason_documented() -> None:
    reasons = {rule.reason for rule in RULES} | {"repeated", "fragment", "outside-body"}
    section = README.split("Removal reasons:", 1)[1].split("##", 1)[0]
    documented = set(re.findall(r"`([a-z-]+)`", section))
    assert reasons <= documented, reasons - documented


def test_readme_opens_with_the_two_commands() -> None:
    head = "\n".join(README.splitlines()[:12])
    assert "make demo" in head
    assert "make test" in head


def test_every_command_documented() -> None:
    from storyline.cli import build_parser

    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name in commands:
        assert f"storyline {name}" in README, name
    for name in ("fetch", "watch"):
        for action in commands[name]._actions:
            for flag in action.option_strings:
                if flag.startswith("--") and flag != "--help" and not flag.startswith("--no-"):
                    assert flag in README, f"storyline {name} {flag}"


def test_every_fetch_reason_and_sources_key_documented() -> None:
    from storyline.fetch import REASONS
    from storyline.fetch.sources import _KEYS

    section = README.split("## Live news", 1)[1].split("\n## ", 1)[0]
    for reason in REASONS:
        assert f"`{reason}`" in section, reason
    for key in _KEYS:
        assert f"{key} =" in section, key
