"""Every reason code of the engine reads as a sentence in English and in French."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from eligibility.reason_text import (
    CHANGE_CAUSES,
    FACTOR_LABELS,
    SENTENCES,
    reason_sentence,
    reason_text,
    step_cause,
)
from eligibility.rules import codes, crs_score
from eligibility.rules.model import Reason, ReasonStatus
from eligibility.rules.outlook import ScoreStep, crs_projection
from eligibility.synthetic import synthetic_candidates

ALL_CODES = sorted(
    value for name, value in vars(codes).items() if name.isupper() and isinstance(value, str)
)

#: A plausible value for every number a sentence may use.
SAMPLE = {
    "test": "tef_canada",
    "level": "bachelors",
    "needed": "L7 R7 W7 S7",
    "programs": "cec,fsw",
    "first_language": "French",
    "listening": 7,
    "reading": 8,
    "writing": 6,
    "speaking": 9,
    "exempt": "yes",
    "certificate_of_qualification": "yes",
    "nocs": "33102",
    "noc": "31100",
    "trade": "73300",
    "condition": "a Canadian licence",
    "table": "2025",
    "list": "2023-11-06",
    "from": 469,
    "to": 436,
    "on": "2026-07-12",
    "since": "2019-04-01",
    "pool_entry": "2025-07-02T18:58:48+00:00",
    "expires_on": "2026-07-02",
    "expires_at": "2026-01-16T00:55:47+00:00",
    "round_at": "2026-02-19T14:24:23+00:00",
    "tie_break": "2026-01-03T03:25:14+00:00",
    "rule_set": "RS-2026-11",
    "months_found": 23.7,
    "gap": -12,
    "difference": 5,
}


def sample(name: str) -> object:
    return SAMPLE.get(name, 1560)


def variants():
    for code, choices in SENTENCES.items():
        for index, variant in enumerate(choices):
            yield pytest.param(code, variant, id=f"{code}-{index}")


def test_every_code_of_the_engine_has_a_sentence():
    assert [code for code in ALL_CODES if code not in SENTENCES] == []
    assert [code for code in SENTENCES if code not in ALL_CODES] == []


@pytest.mark.parametrize(("code", "variant"), list(variants()))
def test_every_sentence_renders_in_english_and_in_french(code, variant):
    numbers = {name: sample(name) for name in variant.needs}
    status = variant.status or "unmet"
    with translation.override("en"):
        english = reason_sentence(code, status, numbers)
    with translation.override("fr"):
        french = reason_sentence(code, status, numbers)

    for sentence in (english, french):
        assert sentence != code
        assert "%(" not in sentence
    assert french != english, f"{code}: no French sentence in locale/fr"


def test_every_crs_factor_the_engine_names_has_a_french_label():
    on = date(2026, 2, 19)
    codes_seen = {
        factor.code
        for candidate in synthetic_candidates(400, seed=3, on=on)
        for factor in crs_score(candidate, on).factors
    }

    assert len(codes_seen) > 15
    assert sorted(codes_seen - set(FACTOR_LABELS)) == []
    with translation.override("en"):
        english = [str(label) for label in FACTOR_LABELS.values()]
    with translation.override("fr"):
        french = [str(label) for label in FACTOR_LABELS.values()]
    assert [en for en, fr in zip(english, french, strict=True) if en == fr] == []


def test_numbers_are_written_as_each_language_writes_them():
    numbers = {"hours_found": 3085, "hours_needed": 1560, "window_years": 3}
    with translation.override("en"):
        english = reason_sentence(codes.CEC_EXPERIENCE, "unmet", numbers)
    with translation.override("fr"):
        french = reason_sentence(codes.CEC_EXPERIENCE, "unmet", numbers)

    assert english.startswith("3,085 h of qualifying Canadian work")
    assert french.startswith("3\xa0085 h de travail admissible au Canada")


def test_a_stored_reason_reads_in_either_language():
    stored = [codes.POOL_ENTRY, {"pool_entry": "2025-01-16", "expires_at": "2026-01-16"}]
    with translation.override("fr"):
        assert reason_sentence(stored[0], "unmet", stored[1]) == (
            "Profil soumis le 2025-01-16, expiré le 2026-01-16 (les profils restent 12 mois "
            "dans le bassin), avant la ronde"
        )


def test_english_keeps_the_engines_fuller_sentence_and_french_uses_the_catalogue():
    reason = Reason(
        codes.CRS_CUTOFF,
        "CRS 469 on 2026-02-19 is above the cut-off 169 (+300)",
        ReasonStatus.MET,
        (("crs", 469), ("cutoff", 169), ("gap", 300)),
    )
    with translation.override("en"):
        assert reason_text(reason) == "CRS 469 on 2026-02-19 is above the cut-off 169 (+300)"
    with translation.override("fr"):
        assert reason_text(reason) == (
            "Note SCG de 469, égale ou supérieure à la note minimale de 169 (+300)"
        )


def test_language_minimums_use_the_french_ability_names():
    numbers = {
        "test": "ielts_general",
        "listening": 6,
        "reading": 7,
        "writing": 7,
        "speaking": 7,
        "needed": "L7 R7 W7 S7",
    }
    with translation.override("fr"):
        sentence = reason_sentence(codes.FSW_LANGUAGE, "unmet", numbers)

    assert sentence == (
        "IELTS General Training (NCLC CO 6 CE 7 EE 7 EO 7) n'atteint pas le minimum NCLC "
        "CO 7 CE 7 EE 7 EO 7"
    )


@pytest.mark.django_db
def test_the_command_line_answers_in_french_with_lang_fr(tmp_path, categories):
    candidate = tmp_path / "candidate.json"
    candidate.write_text(json.dumps(CANDIDATE))

    english, french = StringIO(), StringIO()
    call_command("evaluate_candidate", str(candidate), "--on", "2026-02-19", stdout=english)
    call_command(
        "evaluate_candidate", str(candidate), "--on", "2026-02-19", "--lang", "fr", stdout=french
    )
    english_verdict, french_verdict = json.loads(english.getvalue()), json.loads(french.getvalue())

    cec_en = english_verdict["programs"]["cec"]["reasons"]
    cec_fr = french_verdict["programs"]["cec"]["reasons"]
    assert [r["code"] for r in cec_en] == [r["code"] for r in cec_fr]  # the same format
    assert " h of qualifying Canadian work" in cec_en[0]["message"]
    assert " h de travail admissible au Canada" in cec_fr[0]["message"]
    assert [(f["code"], f["points"]) for f in english_verdict["crs"]["factors"]] == [
        (f["code"], f["points"]) for f in french_verdict["crs"]["factors"]
    ]
    assert french_verdict["crs"]["factors"][0]["label"] == "Âge"
    assert english_verdict["crs"]["total"] == french_verdict["crs"]["total"]


@pytest.mark.django_db
def test_the_api_answers_in_french_with_lang_fr_and_refuses_an_unknown_language(client):
    url = "/api/v1/evaluate?on=2026-02-19"
    english = client.post(url, CANDIDATE, content_type="application/json").json()
    french = client.post(url + "&lang=fr", CANDIDATE, content_type="application/json").json()
    unknown = client.post(url + "&lang=xx", CANDIDATE, content_type="application/json")

    assert "de travail admissible" in french["programs"]["cec"]["reasons"][0]["message"]
    assert "qualifying Canadian work" in english["programs"]["cec"]["reasons"][0]["message"]
    assert unknown.status_code == 400
    assert "lang" in unknown.json()["errors"]


CANDIDATE = {
    "birth_date": "1994-05-01",
    "marital_status": "single",
    "spouse": None,
    "education": [{"level": "bachelors", "canadian": False, "years": 4, "eca": True}],
    "language_tests": [
        {
            "test": "ielts_general",
            "taken_on": "2025-06-01",
            "listening": 8.0,
            "reading": 7.0,
            "writing": 7.0,
            "speaking": 7.0,
        }
    ],
    "work": [
        {
            "noc": "21231",
            "country": "CA",
            "start": "2024-01-01",
            "end": None,
            "hours_per_week": 40,
            "self_employed": False,
            "full_time_student": False,
            "authorized": True,
        }
    ],
    "provincial_nomination": False,
    "certificate_of_qualification": False,
    "sibling_in_canada": False,
    "job_offer": None,
    "settlement_funds_cad": 20000,
    "family_size": 1,
    "pool_entry": "2025-07-01T12:00:00Z",
    "reported_crs": None,
}


@pytest.mark.django_db
def test_the_apis_own_errors_are_in_french_with_lang_fr(client):
    answer = client.post(
        "/api/v1/evaluate?on=yesterday&lang=fr", CANDIDATE, content_type="application/json"
    )

    assert answer.status_code == 400
    assert answer.json()["errors"]["on"] == "doit être une date AAAA-MM-JJ, pas 'yesterday'"


def test_every_cause_of_a_projected_score_step_reads_in_french():
    """The projection's "why it changes" (its table and the chart's labels) from the causes'
    codes, as the coming changes are."""
    step_causes = {
        cause
        for candidate in synthetic_candidates(200, seed=3, on=date(2026, 6, 1))
        for step in crs_projection(candidate, date(2026, 6, 1), date(2028, 6, 1))[1:]
        for cause in step.codes
    }
    step = ScoreStep(date(2027, 5, 17), 470, ("birthday", "test_expires"), ("a", "b"))

    with translation.override("en"):
        assert step_cause(step) == "a and b"
    with translation.override("fr"):
        french = step_cause(step)
    assert step_causes
    assert step_causes <= set(CHANGE_CAUSES)  # each has its French phrase
    with translation.override("fr"):
        assert french == f"{CHANGE_CAUSES['birthday']} et {CHANGE_CAUSES['test_expires']}"
