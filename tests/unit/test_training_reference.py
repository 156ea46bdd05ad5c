"""Training's rules as data: the seeded catalogue, the agency rules file and its override, the CSV rows."""
from __future__ import annotations

import pytest

from services.training import catalogue, domain, domain_catalogue
from services.training.reference import RULES_FILE, load_rules, seeded_programmes, suggestion
from shared.config import Settings
from shared.errors import Invalid
from services.platform import REGISTRY


def rules():
    """The rules as the composition root reads them: the agency's file named in the environment."""
    return load_rules(Settings.from_env().data_file("training_rules", RULES_FILE))

CORE = ("M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01")


def test_every_seeded_programme_is_a_valid_programme_defined_event():
    codes = [p["code"] for p in seeded_programmes()]
    assert len(codes) == len(set(codes))
    for data in seeded_programmes():
        REGISTRY.check("training.ProgrammeDefined.v1", data)
        domain_catalogue.check_programme(data)


@pytest.mark.parametrize("competency", CORE)
def test_every_core_competency_has_classical_training_for_levels_1_to_4_and_coaching_and_mentoring(competency):
    programmes = [domain.Programme(p["code"], p["kind"], p["jp"], tuple(p["competencies"]),
                                   p["level_min"], p["level_max"]) for p in seeded_programmes()]
    for level in range(1, 5):
        choice = domain.choose(domain.Gap(competency, level, 5), programmes, None)
        assert choice.programme is not None, (competency, level)
        guidance = domain.choose(domain.Gap(competency, level, 5), programmes, None, domain.GUIDANCE_KINDS)
        assert guidance.programme.kind == "coaching"
    assert {p.kind for p in programmes if competency in p.competencies} >= {"coaching", "mentoring"}
    assert suggestion(competency)["id"] and suggestion(competency)["en"]


def test_the_bundled_rules_and_an_agencys_override(tmp_path, monkeypatch):
    bundled = rules()
    assert (bundled.planned_jp_cap, bundled.minimum_jp, bundled.jpm_optimal,
            bundled.jpm_cukup_optimal) == (80, 20, 90, 78)
    own = tmp_path / "rules.yaml"
    own.write_text("planned_jp_cap: 40\nminimum_jp: 24\njpm: {optimal: 85, cukup_optimal: 70}\n")
    monkeypatch.setenv("ASN_TRAINING_RULES_FILE", str(own))
    assert (rules().planned_jp_cap, rules().minimum_jp, rules().jpm_optimal) == (40, 24, 85)


def test_a_technical_competency_gets_a_generic_suggestion():
    assert "T.KEU.01" in suggestion("T.KEU.01")["en"]


def test_csv_rows_are_checked_one_by_one():
    header = ",".join(catalogue.COLUMNS)
    rows = [f"{header}", "A-1,Satu,One,nonklasikal,e_learning,8,M.01,1,2,LAN",
            "A-2,Dua,Two,klasikal,e_learning,8,M.01,1,2,LAN"]
    with pytest.raises(Invalid) as refused:
        catalogue.import_programmes(None, "\n".join(rows))
    assert refused.value.extra["rows"] == [
        {"row": 3, "column": "kind", "code": "kind_not_of_form",
         "message": "e_learning is not a klasikal kind"}]
    with pytest.raises(Invalid) as missing:
        catalogue.parse("code,title_id\nX,Y\n")
    assert "title_en" in missing.value.extra["missing"]
