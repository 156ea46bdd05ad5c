"""HR's Dasbor in a real Chromium, at a phone's and a desktop's width: from Beranda's link, choose
the period and the unit (htmx swaps the figures in), and see every chart drawn by Chart.js from
its table's numbers (a canvas of non-zero size, whose data are the table's cells); without
JavaScript the tables alone say everything. axe-core, no CSP refusal and no sideways scrolling
on every view; screenshots for docs/portal.md (ASN_SCREENSHOTS=1)."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import checked, screenshot, sign_in_as
from tests.support.portal_dashboard import PERIOD, ROOT, UMUM, seed_dashboard

pytestmark = pytest.mark.timeout(300)
CHARTS = ("table-predikat", "table-jpm", "table-compliance", "table-cadence")

# What each chart holds, as [label, [values of each dataset]], next to the same from the table.
CHART_AND_TABLE = """(id) => {
  const table = document.getElementById(id);
  const canvas = document.querySelector(`.chart[data-chart-for="${id}"] canvas`);
  const chart = window.Chart.getChart(canvas);
  const box = canvas.getBoundingClientRect();
  const heads = [...table.querySelectorAll("thead th")];
  const series = heads.map((th, i) => [th, i]).filter(([th]) => th.dataset.series !== undefined);
  const rows = [...table.querySelectorAll("tbody tr[data-chart-row]")];
  const fromTable = rows.map(tr => [tr.querySelector("th").dataset.chartLabel || tr.querySelector("th").textContent.trim(),
    series.map(([, i]) => parseInt(tr.children[i].textContent.replace(/\\./g, ""), 10))]);
  const fromChart = chart.data.labels.map((label, r) => [label, chart.data.datasets.map(d => d.data[r])]);
  return {width: box.width, height: box.height, fromTable, fromChart,
          legend: chart.data.datasets.map(d => d.label),
          heads: series.map(([th]) => th.textContent.trim())};
}"""


@pytest.fixture(scope="module")
def office(portal_platform):
    return {"small": seed_dashboard(portal_platform.settings), "url": portal_platform.portal_url}




def charts_agree_with_tables(page: Page) -> None:
    for table in CHARTS:
        page.wait_for_function(
            "(id) => window.Chart && window.Chart.getChart("
            "document.querySelector(`.chart[data-chart-for=\"${id}\"] canvas`))", arg=table)
        found = page.evaluate(CHART_AND_TABLE, table)
        assert found["width"] > 0 and found["height"] > 0, table
        assert found["fromChart"] == found["fromTable"], table
        assert found["legend"] == found["heads"], table


def test_hr_chooses_a_period_and_a_unit_and_sees_charts_with_the_tables_numbers(page, office):
    base, small = office["url"], office["small"]
    sign_in_as(page, base, small.head.nip, "hr_admin")
    page.get_by_role("link", name=re.compile("^Dasbor: predikat")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dasbor")
    page.wait_for_load_state("load")  # htmx set up on the select: a change before that goes nowhere
    page.get_by_label("Periode penilaian", exact=True).select_option(PERIOD)  # htmx swaps the figures in
    expect(page).to_have_url(re.compile(f"periode={PERIOD}"))
    expect(page.locator("#dashboard-status")).to_contain_text(f"Periode {PERIOD}, seluruh instansi")
    page.get_by_label("Unit kerja", exact=True).select_option(ROOT)
    expect(page).to_have_url(re.compile(f"unit={ROOT}"))
    expect(page.locator("#dashboard-status")).to_contain_text("Badan Uji Dasbor beserta unit")
    predikat = page.locator("#table-predikat")
    expect(predikat.get_by_role("row").filter(has_text="Baik").first).to_contain_text("1")
    expect(predikat.locator("tfoot")).to_contain_text("6")
    charts_agree_with_tables(page)
    expect(page.locator("#table-blind_spots tfoot")).to_contain_text("10 dari 54")
    checked(page, "dasbor")
    screenshot(page, "hr-dasbor")

    page.get_by_label("Unit kerja", exact=True).select_option(UMUM)
    expect(page.locator("#dashboard-status")).to_contain_text("Subbagian Umum Uji beserta unit")
    expect(page.locator("#table-jpm tbody tr")).to_have_count(1)
    charts_agree_with_tables(page)
    checked(page, "dasbor sub-unit")


def test_without_javascript_the_tables_say_everything(new_page, office):
    page = new_page("desktop", java_script_enabled=False)
    sign_in_as(page, office["url"], office["small"].head.nip, "hr_admin")
    page.goto(f"{office['url']}/dasbor?periode={PERIOD}&unit={ROOT}")
    for table in CHARTS:
        expect(page.locator(f"#{table}")).to_be_visible()
        expect(page.locator(f'.chart[data-chart-for="{table}"]')).to_be_hidden()
    expect(page.locator("#table-compliance tfoot")).to_contain_text("1 (14%)")
    page.get_by_label("Unit kerja", exact=True).select_option(UMUM)
    page.get_by_role("button", name="Tampilkan dasbor").click()  # the GET form, no htmx
    expect(page).to_have_url(re.compile(r"unit=DSB\.SEK\.UMUM"))
    expect(page.locator("#table-compliance tfoot")).to_contain_text("1 (33%)")
    # (axe-core is a script: it checked these same pages in the tests above)


def test_a_bad_unit_is_shown_at_its_field(page, office):
    sign_in_as(page, office["url"], office["small"].head.nip, "hr_admin")
    page.goto(f"{office['url']}/dasbor?periode={PERIOD}&unit=TIDAK-ADA")
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Unit kerja TIDAK-ADA tidak ada")
    summary.get_by_role("link").first.click()
    expect(page.locator("#unit")).to_be_focused()
    checked(page, "a bad unit")
    screenshot(page, "hr-dasbor-salah")
