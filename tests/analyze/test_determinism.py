"""The same input gives the same analysis in every process, whatever its hash seed."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

# One span read twice with two kinds: "X confirmed" (official) and "X ... as reported"
# (outlet). Which of the two survived used to follow the iteration order of a set.
TEXT = (
    "Orsany also confirmed separately (as reported on the KTV Evening News) that it "
    "believed the Kelvaran sailors had been in Orsan waters."
)
SCRIPT = f"""
from builders import article
from storyline.analyze.nlp import parse_articles
from storyline.analyze.origins import find_attributions
found = find_attributions(parse_articles([article("a", {TEXT!r})]))
print([(a.name, a.kind, a.via) for a in found])
"""


@pytest.mark.slow
def test_attribution_kinds_do_not_depend_on_the_hash_seed() -> None:
    tests = os.path.dirname(os.path.dirname(__file__))
    outputs = set()
    for seed in range(6):
        env = os.environ | {"PYTHONHASHSEED": str(seed), "PYTHONPATH": tests}
        done = subprocess.run(
            [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1, outputs
