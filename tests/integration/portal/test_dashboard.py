"""HR's Dasbor through the portal, against the real services: every figure of a small agency
whose numbers are known (tests/support/portal_dashboard.py), for a unit with its sub-units and
for a sub-unit alone; the htmx fragment; bad period and unit choices shown as errors; the 403
page for someone who is neither BKPSDM nor auditor; the menu and Beranda's link. The figures of
a (period, unit, language) kept for ASN_PORTAL_DASHBOARD_TTL seconds and shared by the readers
(a second load within it calls no service, one after it does), never shown to a non-reader, and
the time they were read on the page in both languages."""
from __future__ import annotations

import re
import time
from html.parser import HTMLParser
from unittest import mock

import pytest

from tests.support.portal import Browserless, portal_app
from tests.support.portal_dashboard import PERIOD, ROOT, UMUM, seed_dashboard


class Tables(HTMLParser):
    """Each table with an id: its rows as the text of their cells, and each cell's data-value."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.values: dict[str, list[list[str | None]]] = {}
        self._table = self._cell = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("id"):
            self._table = attrs["id"]
            self.tables[self._table], self.values[self._table] = [], []
        elif self._table and tag == "tr":
            self.tables[self._table].append([])
            self.values[self._table].append([])
        elif self._table and tag in ("td", "th") and self.tables[self._table]:
            self._cell = []
            self.values[self._table][-1].append(attrs.get("data-value"))

    def handle_endtag(self, tag):
        if tag == "table":
            self._table = None
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[self._table][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def html(answer) -> str:
    return answer.get_data(as_text=True)


@pytest.fixture(scope="module")
def office(platform):
    return seed_dashboard(platform.settings)


def signed_in(app, nip: str, role: str, switch: bool = True) -> Browserless:
    person = Browserless(app)
    person.sign_in(nip, role)
    if switch:
        assert person.submit("/", "/peran", {"role": role}).status_code == 302
    return person


def as_hr(app, office) -> Browserless:
    return signed_in(app, office.head.nip, "hr_admin")


def dashboard(app, office, **query) -> Tables:
    answer = as_hr(app, office).get("/dasbor", query_string=query)
    assert answer.status_code == 200, html(answer)[:2000]
    return Tables(html(answer))


def rows(tables: Tables, table_id: str) -> list[list[str]]:
    return tables.tables[table_id][1:]  # without the head row


def test_hr_finds_the_dashboard_in_the_menu_and_on_beranda(app, office):
    page = html(as_hr(app, office).get("/"))
    assert re.search(r'<nav[^>]*>.*href="/dasbor"[^>]*>Dasbor</a>', page, re.S)
    assert '<a href="/dasbor">Dasbor: predikat, selisih penilaian, JPM, 20 JP dan dialog kinerja' in page


def test_the_predikat_distribution_of_a_unit_with_its_sub_units(app, office):
    page = dashboard(app, office, periode=PERIOD, unit=ROOT)
    assert rows(page, "table-predikat") == [
        ["Sangat Baik", "1", "17%"], ["Baik", "3", "50%"], ["Butuh Perbaikan", "1", "17%"],
        ["Kurang/Misconduct", "1", "17%"], ["Sangat Kurang", "0", "0%"], ["Jumlah", "6", "100%"]]
    # the chart reads the same numbers from the cells' data-value
    assert [v[1] for v in page.values["table-predikat"][1:6]] == ["1", "3", "1", "1", "0"]


def test_the_caption_names_the_figure_the_period_and_the_unit(app, office):
    answer = html(as_hr(app, office).get("/dasbor", query_string={"periode": PERIOD, "unit": ROOT}))
    assert ("Sebaran predikat kinerja, periode 2015-Q4, Badan Uji Dasbor beserta unit di bawahnya:"
            " 6 dari 7 pegawai sudah dinilai atasan</caption>") in answer
    assert "Job-Person Match per unit kerja, periode 2015-Q4, Badan Uji Dasbor beserta unit" in answer
    assert 'data-chart-for="table-predikat" hidden' in answer, "the chart waits for the script"
    assert '<script src="/static/vendor/chartjs/chart.umd.min.js" defer></script>' in answer
    assert '<script src="/static/js/dashboard.js" defer></script>' in answer


def test_the_discrepancy_heat_maps_blind_spots_and_hidden_strengths_apart(app, office):
    page = dashboard(app, office, periode=PERIOD, unit=ROOT)
    head = page.tables["table-blind_spots"][0]
    assert head == ["Unit kerja", "M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08",
                    "SK.01", "Jumlah"]
    blind = rows(page, "table-blind_spots")
    assert blind[0] == ["Sekretariat Uji bagian dari Badan Uji Dasbor", "0 dari 3", "0 dari 3", "1 dari 3", *["0 dari 3"] * 6,
                        "1 dari 27"]
    assert blind[1][0] == "Subbagian Umum Uji bagian dari Sekretariat Uji"
    assert blind[1][1:] == ["1 dari 3"] * 9 + ["9 dari 27"]
    assert blind[2] == ["Jumlah", "1 dari 6", "1 dari 6", "2 dari 6", *["1 dari 6"] * 6,
                        "10 dari 54"]
    hidden = rows(page, "table-hidden_strengths")
    assert hidden[0][3] == "1 dari 3" and hidden[0][-1] == "1 dari 27"
    assert hidden[1][1:] == ["0 dari 3"] * 9 + ["0 dari 27"]
    answer = html(as_hr(app, office).get("/dasbor", query_string={"periode": PERIOD, "unit": ROOT}))
    assert "11 selisih dari 54 rating yang dibandingkan (20%): 10 titik buta, 1 kekuatan tersembunyi" in answer
    # shading follows the share (1 of 3 = 33%: shade 3), and the legend says so in words
    assert '<td class="num heat-3"><strong>1</strong> <span class="of">dari 3</span></td>' in answer
    assert "paling tua: di atas 50%" in answer and "berbeda 2 level atau lebih" in answer


def test_job_person_match_by_unit(app, office):
    page = dashboard(app, office, periode=PERIOD, unit=ROOT)
    assert rows(page, "table-jpm") == [
        ["Sekretariat Uji bagian dari Badan Uji Dasbor", "3", "98,77%", "3 (100%)", "0 (0%)", "0 (0%)"],
        ["Subbagian Umum Uji bagian dari Sekretariat Uji", "3", "79,63%", "1 (33%)", "1 (33%)",
         "1 (33%)"],
        ["Jumlah", "6", "89,2%", "4 (67%)", "1 (17%)", "1 (17%)"]]
    assert [v[3:] for v in page.values["table-jpm"][1:3]] == [["3", "0", "0"], ["1", "1", "1"]]


def test_20_jp_compliance_by_unit_for_the_periods_year(app, office):
    page = dashboard(app, office, periode=PERIOD, unit=ROOT)
    assert rows(page, "table-compliance") == [
        ["Badan Uji Dasbor", "1", "0 (0%)", "1 (100%)"],
        ["Sekretariat Uji bagian dari Badan Uji Dasbor", "3", "0 (0%)", "3 (100%)"],
        ["Subbagian Umum Uji bagian dari Sekretariat Uji", "3", "1 (33%)", "2 (67%)"],
        ["Jumlah", "7", "1 (14%)", "6 (86%)"]]


def test_dialogues_held_and_overdue_by_unit(app, office):
    page = dashboard(app, office, periode=PERIOD, unit=ROOT)
    assert rows(page, "table-cadence") == [
        ["Sekretariat Uji bagian dari Badan Uji Dasbor", "3", "1 (33%)", "2 (67%)", "0 (0%)", "2 (67%)"],
        ["Subbagian Umum Uji bagian dari Sekretariat Uji", "3", "0 (0%)", "3 (100%)", "0 (0%)",
         "3 (100%)"],
        ["Jumlah", "6", "1 (17%)", "5 (83%)", "0 (0%)", "5 (83%)"]]
    answer = html(as_hr(app, office).get("/dasbor", query_string={"periode": PERIOD, "unit": ROOT}))
    assert "belum dikonfirmasi setelah 14 Januari 2016" in answer


def test_a_sub_unit_alone(app, office):
    page = dashboard(app, office, periode=PERIOD, unit=UMUM)
    assert rows(page, "table-predikat")[-1] == ["Jumlah", "3", "100%"]
    assert [r[0] for r in rows(page, "table-jpm")] == ["Subbagian Umum Uji", "Jumlah"]
    assert rows(page, "table-compliance")[-1] == ["Jumlah", "3", "1 (33%)", "2 (67%)"]


def test_htmx_gets_the_figures_only_with_the_status_line(app, office):
    answer = as_hr(app, office).get("/dasbor", query_string={"periode": PERIOD, "unit": UMUM},
                                    headers={"HX-Request": "true"})
    page = html(answer)
    assert answer.status_code == 200 and "<html" not in page
    assert '<p id="dashboard-status" hx-swap-oob="innerHTML">' in page
    assert "Periode 2015-Q4, Subbagian Umum Uji beserta unit di bawahnya." in page
    assert 'id="table-cadence"' in page


def test_the_whole_agency_is_the_default_scope(app, office):
    answer = as_hr(app, office).get("/dasbor", query_string={"periode": PERIOD})
    page = html(answer)
    assert answer.status_code == 200
    assert "Periode 2015-Q4, seluruh instansi." in page
    assert '<option value="" selected>Seluruh instansi</option>' in page


@pytest.mark.parametrize("query, field, message", [
    ({"periode": "2099-Q9"}, "periode", "Periode 2099-Q9 tidak ada. Pilih periode dari daftar."),
    ({"periode": PERIOD, "unit": "NOWHERE"}, "unit",
     "Unit kerja NOWHERE tidak ada. Pilih unit dari daftar."),
    ({"periode": PERIOD, "unit": "<b>x</b>"}, "unit",
     "Unit kerja &lt;b&gt;x&lt;/b&gt; tidak ada. Pilih unit dari daftar."),
])
def test_a_bad_period_or_unit_is_shown_as_an_error_at_its_field(app, office, query, field, message):
    answer = as_hr(app, office).get("/dasbor", query_string=query)
    page = html(answer)
    assert answer.status_code == 400
    assert f'<li><a href="#{field}">{message}</a></li>' in page
    assert f'<p class="field-error" id="{field}-error">{message}</p>' in page
    assert "table-predikat" not in page


def test_an_auditor_reads_the_same_figures(app, office):
    auditor = signed_in(app, office.people["A"].nip, "auditor", switch=False)
    answer = auditor.get("/dasbor", query_string={"periode": PERIOD, "unit": ROOT})
    assert answer.status_code == 200
    assert rows(Tables(html(answer)), "table-predikat")[-1] == ["Jumlah", "6", "100%"]


def test_someone_neither_hr_nor_auditor_gets_the_refusal_page(app, office):
    employee = signed_in(app, office.people["A"].nip, "employee", switch=False)
    answer = employee.get("/dasbor", query_string={"periode": PERIOD, "unit": ROOT})
    assert answer.status_code == 403
    assert "Anda tidak berhak membuka halaman ini" in html(answer)
    assert "table-predikat" not in html(answer)
    assert 'href="/dasbor"' not in html(employee.get("/"))
    hr_as_employee = signed_in(app, office.head.nip, "hr_admin", switch=False)
    answer = hr_as_employee.get("/dasbor")
    assert answer.status_code == 403 and "Halaman ini untuk peran BKPSDM" in html(answer)


AS_OF = re.compile(r"Angka per pukul (\d\d:\d\d:\d\d)\.")
FIGURES = {"periode": PERIOD, "unit": ROOT}


class Calls:
    """Counts the portal's calls to the services (every one goes through Backend.call)."""

    def __init__(self, app) -> None:
        backend = app.extensions["portal.backend"]
        self.paths: list[str] = []
        self.real = backend.call
        self.patch = mock.patch.object(backend, "call", self.call)

    def call(self, caller, service, method, path, **kwargs):
        self.paths.append(path)
        return self.real(caller, service, method, path, **kwargs)

    def load(self, person: Browserless, **kwargs) -> tuple[int, str, list[str]]:
        """The status, page and the services' paths called for one load of the Dasbor."""
        self.paths.clear()
        answer = person.get("/dasbor", **{"query_string": FIGURES, **kwargs})
        return answer.status_code, html(answer), list(self.paths)


@pytest.fixture
def fresh(platform, office):
    """An app of its own (a cold memory) with a TTL of 30 s, and a counter of its calls."""
    app = portal_app(platform.settings, dashboard_ttl=30.0)
    with (counter := Calls(app)).patch:
        yield app, counter


def test_a_second_load_within_the_ttl_calls_no_service_and_one_after_it_does(platform, office):
    app = portal_app(platform.settings, dashboard_ttl=3.0)
    hr = as_hr(app, office)
    with (calls := Calls(app)).patch:
        status, first, read = calls.load(hr)
        assert status == 200 and "/periods" in read and len(read) == 8
        status, second, again = calls.load(hr, headers={"HX-Request": "true"})
        assert status == 200 and again == [], "within the TTL the figures come from memory"
        assert rows(Tables(second), "table-predikat") == rows(Tables(first), "table-predikat")
        assert AS_OF.search(second).group(1) == AS_OF.search(first).group(1), "read at one time"
        time.sleep(3.1)
        status, third, again = calls.load(hr)
    assert status == 200 and sorted(again) == sorted(read), "after the TTL every read again"
    assert rows(Tables(third), "table-jpm") == rows(Tables(first), "table-jpm")


def test_readers_share_the_figures_of_a_period_unit_and_language(fresh, office):
    app, calls = fresh
    assert len(calls.load(as_hr(app, office))[2]) == 8
    auditor = signed_in(app, office.people["A"].nip, "auditor", switch=False)
    status, page, called = calls.load(auditor)
    assert status == 200 and called == [] and rows(Tables(page), "table-predikat")[-1] == [
        "Jumlah", "6", "100%"]
    assert len(calls.load(as_hr(app, office), query_string={"periode": PERIOD, "unit": UMUM})[2]) == 8
    auditor.client.set_cookie("asn_lang", "en")  # the services label predikat in its language
    status, page, called = calls.load(auditor)
    assert status == 200 and len(called) == 8
    assert re.search(r"Figures as of \d\d:\d\d:\d\d\.", page) and "Total" in page


def test_a_non_reader_never_gets_the_kept_figures(fresh, office):
    app, calls = fresh
    assert calls.load(as_hr(app, office))[0] == 200  # the figures are in memory now
    for person in (signed_in(app, office.people["A"].nip, "employee", switch=False),
                   signed_in(app, office.head.nip, "hr_admin", switch=False)):  # acting as pegawai
        status, page, called = calls.load(person)
        assert status == 403 and called == []
        assert "table-predikat" not in page and not AS_OF.search(page)


def test_ttl_0_reads_the_figures_for_every_page(platform, office):
    app = portal_app(platform.settings, dashboard_ttl=0)
    with (calls := Calls(app)).patch:
        hr = as_hr(app, office)
        assert [len(calls.load(hr)[2]) for _ in range(2)] == [8, 8]
