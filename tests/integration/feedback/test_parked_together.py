"""Records parked on the runner's fast path are written together, once, also when the batch is
redone the careful way (a record in it could not be applied)."""
from __future__ import annotations

from services.feedback.definition import SERVICE
from shared import consumer
from shared.config import Settings
from shared.consumer import UnprocessableEvent
from shared.envelope import from_record
from tests.integration.feedback.conftest import pair
from tests.support import assessment_events as ae
from tests.support import people

UNIT = "assessment.UnitRegistered.v1"


def _refused(conn, event):
    raise UnprocessableEvent("this unit cannot be applied")


def test_parks_of_a_batch_redone_record_by_record_are_written_once(fb):
    records = fb.records(*pair(own=5, boss=1, period_id="2026-Q2"), ae.unit("X", "Unit X"))
    settings = fb.settings.with_(data_files=Settings.from_env().data_files)
    with fb.connect() as conn:
        runner = SERVICE.consumer_runner(conn, settings)
        runner.handlers = {**runner.handlers, UNIT: _refused}  # the batch's last record fails
        result = runner.process(records)
    assert (result.parked, result.dead_lettered, result.applied) == (2, 1, 0)
    parked = fb.rows("SELECT waits_for, count(*) AS n FROM parked_events GROUP BY 1")
    assert [(r["waits_for"], r["n"]) for r in parked] == [("period:2026-Q2", 2)]
    result = fb.feed(ae.period("2026-Q2", 2026, 2))
    assert (result.applied, result.released) == (1, 2)
    assert [r["nip"] for r in fb.rows("SELECT nip FROM comparisons")] == [people.EMPLOYEE]


def test_a_batch_that_parks_and_releases_on_the_fast_path_compares_once(fb):
    result = fb.feed(*pair(own=5, boss=1, period_id="2026-Q2"), ae.period("2026-Q2", 2026, 2))
    assert (result.parked, result.applied, result.released) == (2, 1, 2)
    assert fb.rows("SELECT count(*) AS n FROM parked_events")[0]["n"] == 0
    assert [r["nip"] for r in fb.rows("SELECT nip FROM comparisons")] == [people.EMPLOYEE]


def test_a_record_parked_and_released_by_the_same_process_is_decoded_once(fb, monkeypatch):
    decoded = []
    monkeypatch.setattr(consumer, "from_record", lambda *a: decoded.append(a) or from_record(*a))
    result = fb.feed(*pair(own=5, boss=1, period_id="2026-Q2"), ae.period("2026-Q2", 2026, 2))
    assert (result.parked, result.released) == (2, 2)
    assert len(decoded) == 3, "the two parked records were decoded again when released"
