"""The shipped line model: it loads, fits its features, and decides like the cleaner."""

from __future__ import annotations

import numpy as np
import pytest

from storyline.clean.boilerplate import RULES
from storyline.clean.line_model import FEATURES, line_model
from storyline.clean.plaintext import clean_plaintext, pass_features, rule_pass

BODY = (
    "The regional government approved a new budget on Thursday after weeks of talks"
    " between the governing coalition and two opposition parties.\n\n"
    "The plan raises spending on schools and hospitals by four percent and cuts a fuel"
    " subsidy that economists had criticised for years.\n\n"
    "Opposition leaders declined to comment on whether they would back the plan in the"
    " final reading next month."
)
PAGE = "\n".join(["Home", "World", "Business", "Sport", "Weather", "Login"]) + "\n\n" + BODY


def test_features_and_probabilities_have_the_shipped_shape() -> None:
    found = rule_pass(PAGE)
    rows = pass_features(found)
    assert rows.shape == (len(found.lines), len(FEATURES))
    probabilities = line_model().probabilities(rows)
    assert probabilities.shape == (len(found.lines),)
    assert np.all((probabilities >= 0) & (probabilities <= 1))


def test_always_dropped_reasons_are_furniture_rules() -> None:
    model = line_model()
    assert 0 < model.threshold_probability < 1
    assert model.always_drop <= {rule.reason for rule in RULES}


def test_model_keeps_the_prose_and_drops_the_menu() -> None:
    for method in ("model", "rules"):
        text = clean_plaintext(PAGE, method=method).text  # type: ignore[arg-type]
        assert text.endswith(BODY), method
        assert "Home" not in text and "Business" not in text, method


def test_empty_text_has_no_lines() -> None:
    assert clean_plaintext("", method="model").text == ""
    assert pass_features(rule_pass("")).shape == (0, len(FEATURES))


def test_the_model_never_empties_an_article_the_rules_keep(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import dataclasses

    from storyline.clean import plaintext
    from storyline.clean.line_model import line_model

    text = (
        "Flood Waters Close Main Bridge In Lowmere\n"
        "The main bridge in Lowmere was closed on Monday after the river rose two metres."
    )
    # a model that would drop every line it judges (a one-sentence report under its
    # headline read as a teaser did so on a real ECB+ article)
    dropping = dataclasses.replace(line_model(), threshold_probability=1.01)
    monkeypatch.setattr(plaintext, "line_model", lambda: dropping)
    cleaned = plaintext.clean_plaintext(text)
    assert cleaned.text == plaintext.clean_plaintext(text, method="rules").text
    assert cleaned.text.startswith("The main bridge in Lowmere was closed")


def test_expected_f1_keeps_doubtful_lines_only_where_the_page_is_mostly_article() -> None:
    from storyline.clean.line_model import expected_f1_keep

    sizes = np.array([40.0, 40.0, 40.0, 40.0])
    every = np.ones(4, dtype=bool)
    # a page of likely article: a doubtful line costs less precision than it adds recall
    mostly = expected_f1_keep(np.array([0.9, 0.9, 0.9, 0.45]), sizes, every, 0.2)
    assert mostly.tolist() == [True, True, True, True]
    # the same doubtful line on a page of furniture around one paragraph goes
    furniture = expected_f1_keep(np.array([0.9, 0.1, 0.1, 0.3]), sizes, every, 0.0)
    assert furniture.tolist() == [True, False, False, False]
    # never a line under the floor, nor one that is not open
    assert not expected_f1_keep(np.array([0.9, 0.9, 0.9, 0.45]), sizes, every, 0.5)[3]
    closed = np.array([True, False, True, True])
    assert not expected_f1_keep(np.array([0.9, 0.9, 0.9, 0.9]), sizes, closed, 0.2)[1]
    assert not expected_f1_keep(np.zeros(0), np.zeros(0), np.zeros(0, dtype=bool), 0.2).any()
