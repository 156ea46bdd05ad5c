"""What the command line prints, and how it parses what it is given (no servers)."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import pytest

from tools.cli.main import main as asn
from tools.cli import output
from tools.cli.main import parser
from tools.cli.api import period_spec
from tools.cli.follow import topic_name
from shared.config import Settings
from shared.envelope import Event
from shared.lag import PartitionLag, ServiceLag

NIP = "199003032015021003"


def test_tables_align_and_right_align_numbers():
    text = output.table(["topic", "lag"], [["a.events", 3], ["assessment.events", 12]])
    assert text.splitlines() == ["topic              lag", "-----------------  ---",
                                 "a.events             3", "assessment.events   12"]


def test_lag_says_caught_up_or_behind_per_service():
    lag = ServiceLag("training", 2, [PartitionLag("assessment.events", 0, applied=5, end=9)])
    text = output.lag(lag)
    assert text.splitlines()[0] == "training: BEHIND; relay unpublished 2, consumer lag 4"
    assert text.splitlines()[-1].split() == ["assessment.events", "0", "5", "9", "4"]
    assert output.lag(ServiceLag("assessment", 0)) == ("assessment: caught up; relay unpublished 0,"
                                                       " consumer lag 0\n  (consumes no topic)")


def test_an_event_is_one_line_with_its_key_fields_and_actor():
    event = Event(id=uuid.uuid4(), type="assessment.AssessmentSubmitted.v1", source="/asn/assessment",
                  subject=NIP, time=datetime(2026, 3, 5, 8, 30, tzinfo=timezone(timedelta(hours=7))),
                  data={"period_id": "2026-Q1", "nip": NIP, "role": "self", "ratings": [{}, {}],
                        "predikat": None, "comment": "x" * 60},
                  metadata={"actor": NIP})
    line = output.event_line(event)
    assert line == (f"2026-03-05 01:30:00  assessment.AssessmentSubmitted.v1  {NIP}  period_id=2026-Q1"
                    f" role=self ratings=[2] comment={'x' * 39}…  by {NIP}")
    assert '"subject": "199003032015021003"' in output.event_json(event)


def test_import_problems_are_reported_row_by_row_in_either_language():
    problem = {"detail": "1 problem(s); nothing was imported",
               "rows": [{"row": 2, "column": "NIP_BARU", "code": "invalid_nip", "message": "bad"}]}
    lines = output.import_problems(problem).splitlines()
    assert lines[0] == "impor ditolak, tidak ada yang berubah: 1 problem(s); nothing was imported"
    assert lines[1].split() == ["baris", "kolom", "kode", "pesan"]
    assert lines[3].split() == ["2", "NIP_BARU", "invalid_nip", "bad"]
    assert output.import_problems(problem, "en").splitlines()[1].split()[0] == "row"


def test_periods_are_listed_in_words():
    rows = [{"period_id": "2026-Q1", "kind": "quarterly", "starts_on": "2026-01-01",
             "ends_on": "2026-03-31", "status": "open"}]
    assert output.periods(rows).splitlines()[2].split() == [
        "2026-Q1", "triwulanan", "2026-01-01", "2026-03-31", "dibuka"]
    assert output.periods([], "en") == "no periods yet"


def test_period_spec_and_topic_names():
    assert period_spec("2026-Q3") == {"kind": "quarterly", "year": 2026, "quarter": 3}
    assert period_spec("2027") == {"kind": "annual", "year": 2027, "quarter": None}
    settings = Settings().with_(topic_prefix="x.")
    assert topic_name("assessment", settings) == "x.assessment.events"
    assert topic_name("training.dlq", settings) == "x.training.dlq"
    assert topic_name("other.topic", settings) == "other.topic"


@pytest.mark.parametrize("command", [
    [], ["setup"], ["token"], ["replay"], ["catalogue"], ["lag"], ["import", "employees"],
    ["period", "open"], ["period", "close"], ["period", "list"], ["export", "results"],
    ["export", "compliance"], ["follow"], ["dlq"], ["dlq", "list"], ["dlq", "show"],
    ["dlq", "redrive"]])
def test_every_subcommand_explains_itself_with_an_example(command, capsys):
    assert asn(command + ["--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: asn") and ("\nexample:\n  " in out or not command)
    assert "asn " in out.split("example:")[-1]


def test_usage_errors_exit_2(capsys):
    assert asn(["period", "open", "2026-Q9"]) == 2
    assert asn(["replay", "nowhere"]) == 2
    assert asn(["export", "results", "--unit", "BKPSDM"]) == 2  # --period is required
    assert "--period" in capsys.readouterr().err


def test_the_parser_reads_the_operator_from_the_environment(monkeypatch):
    monkeypatch.setenv("ASN_OPERATOR_NIP", NIP)
    monkeypatch.setenv("ASN_TOKEN", "abc")
    args = parser().parse_args(["period", "list"])
    assert (args.operator, args.token, args.lang) == (NIP, "abc", "id")


def test_lag_says_when_the_relay_is_stuck():
    lag = ServiceLag("assessment", 3, relay_stuck="event 1b4e (assessment.X.v1) cannot be published")
    assert not lag.caught_up
    assert output.lag(lag).splitlines()[:2] == [
        "assessment: BEHIND; relay unpublished 3, consumer lag 0",
        "  relay STUCK: event 1b4e (assessment.X.v1) cannot be published"]
