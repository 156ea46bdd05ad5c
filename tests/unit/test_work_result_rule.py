"""The hasil kerja rating proposed from the plan's realisation (DOMAIN.md, PermenPANRB 6/2022
Pasal 5): at its boundaries, with its thresholds as data; the data files refused when broken."""
import pytest

from services.assessment.domain_realisation import WorkResultRules, propose_work_result
from services.assessment.reference_plan import evidence_rules, work_result_rules

A, M, B = "DI_ATAS", "SESUAI", "DI_BAWAH"


def results(*levels, main=()):
    return [(level, n in main) for n, level in enumerate(levels)]


@pytest.mark.parametrize("realised, proposed", [
    (results(A), A),                             # all above
    (results(A, A, M), A),                       # most above (2 of 3)
    (results(A, A, B), A),                       # most above, the one below is not a main result
    (results(A, A, B, main=(2,)), M),            # a main result below: not Di Atas; most meet
    (results(A, M), M),                          # half above is not most; all meet (above meets)
    (results(A, A, M, M), M),                    # half above: not most
    (results(M, M, B), M),                       # most meet
    (results(B, B, M), B),                       # most below
    (results(B), B),                             # all below
    (results(B, B, A, A), M),                    # half below, half above (meets): none holds
    (results(B, M), M),                          # half below, half meeting: none holds
    ([], None),
])
def test_the_rule_at_its_boundaries(realised, proposed):
    assert propose_work_result(realised) == proposed


def test_the_thresholds_are_data():
    assert propose_work_result(results(A, M), WorkResultRules(most=0.49)) == A
    assert propose_work_result(results(A, A, B), WorkResultRules(above_meets=False)) == A
    assert propose_work_result(results(A, B), WorkResultRules(above_meets=False)) == M
    assert propose_work_result(results(A, B), WorkResultRules(above_meets=False,
                                                              otherwise=B)) == B


def test_the_bundled_files_and_broken_ones(tmp_path):
    assert work_result_rules() == WorkResultRules(0.5, True, M)
    assert evidence_rules().max_bytes == 5 * 1024 * 1024
    for name, text, loader in (("w.yaml", "most: 1\nabove_meets: true\notherwise: SESUAI",
                                work_result_rules),
                               ("x.yaml", "most: 0.5\nabove_meets: true\notherwise: BAIK",
                                work_result_rules),
                               ("e.yaml", "max_bytes: 0\nmedia_types: [text/plain]",
                                evidence_rules)):
        (tmp_path / name).write_text(text)
        with pytest.raises(ValueError):
            loader(tmp_path / name)
