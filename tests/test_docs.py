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
