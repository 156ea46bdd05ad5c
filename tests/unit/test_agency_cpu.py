"""bench.agency's CPU accounting: per process, with what no group accounts for left to "other"."""
from bench.agency_cpu import OTHER, spent, table


def test_a_process_counts_what_it_used_between_the_snapshots_and_one_that_ended_goes_to_other():
    before = {"PostgreSQL": {10: 5.0, 11: 7.0}, "web workers": {20: 1.0}, OTHER: {0: 100.0}}
    after = {"PostgreSQL": {10: 6.0, 12: 0.5}, "web workers": {20: 3.0}, OTHER: {0: 110.0}}
    used = spent(before, after)
    assert used == {"PostgreSQL": 1.5, "web workers": 2.0, OTHER: 6.5}


def test_the_table_has_a_column_a_stage_and_the_cores_busy():
    start = {"web workers": {20: 0.0}, OTHER: {0: 0.0}}
    lines = table([("start", 0.0, start),
                   ("self", 2.0, {"web workers": {20: 3.0}, OTHER: {0: 4.0}}),
                   ("supervisor", 1.0, {"web workers": {20: 3.0}, OTHER: {0: 6.0}})])
    assert "self" in lines[2] and "supervisor" in lines[2]
    assert lines[3].split()[:5] == ["web", "workers", "3.0", "(", "75%)"]
    assert lines[-1].split()[-2:] == ["2.00", "2.00"]
