"""`python -m demo`: seed the Binawidya agency and drive one appraisal period through the public
HTTP APIs of running services, then print the summary a head of HR would want."""
from __future__ import annotations

import argparse
import sys
import time
import urllib.error

from demo import drive
from demo.agency import ROOT, generate
from demo.conflicts import ImportConflict
from demo.plans import plan_all
from demo.review import review
from demo.summary import gather, render
from demo.texts import texts
from services.portal.settings import PortalSettings
from tools.apiclient import ApiError, client_for, dev_token
from shared.config import SERVICES, Settings


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m demo", description=__doc__)
    p.add_argument("--employees", type=int, default=200, help="about how many (default 200)")
    p.add_argument("--units", type=int, default=10, help="work units, 1-10 (default 10)")
    p.add_argument("--seed", type=int, default=1, help="the same seed gives the same agency")
    p.add_argument("--period", default=None, help="e.g. 2026-Q4, 2026-M11 (when the agency's"
                   " period rules use months) or 2026 (default: this quarter)")
    p.add_argument("--lang", choices=("id", "en"), default="id", help="report language")
    p.add_argument("--threads", type=int, default=8, help="submissions sent in parallel")
    p.add_argument("--timeout", type=float, default=300, help="seconds to wait for the consumers")
    p.add_argument("--complete", action="store_true",
                   help="assess everyone (by default one employee is left for the portal)")
    return p


def run(settings: Settings, args: argparse.Namespace, out=sys.stdout) -> dict:
    """The whole demo; returns the summary's figures."""
    started, t = time.monotonic(), texts(args.lang)

    def say(key: str, **values) -> None:
        print(t[key].format(**values), file=out, flush=True)

    agency = generate(args.employees, args.units, args.seed)
    period = args.period or drive.current_quarter()
    hr_nip = agency.hr_head.nip
    hr_token = dev_token(settings, hr_nip, ["hr_admin"])
    clients = {s: client_for(settings, s, hr_token, args.lang) for s in SERVICES}
    say("agency", employees=len(agency.employees), units=len(agency.units), seed=args.seed)
    say("imported", **drive.register(clients["assessment"], agency))
    opened = drive.ensure_period(clients["assessment"], period)
    say("period_opened" if opened else "period_open", period=period)
    standards = {p["code"]: {r["competency"]: r["required_level"] for r in p["standard"]}
                 for p in clients["assessment"].get("/positions")}
    left = None if args.complete else agency.portal_employee
    say("planning")
    plans = plan_all(settings, clients["assessment"], agency, period, standards, args.seed, left,
                     args.threads, t["plan_bar"])
    rows = _assess(settings, clients["assessment"], agency, period, standards, args, say)
    say("reviewing")
    reviewed = review(settings, clients["assessment"], agency, period, rows, left)
    say("waiting")
    _wait(settings, clients["feedback"], rows, period, args, t)
    summary = gather(clients, agency, period, rows)
    summary["portal"] = portal_guide(settings, agency, rows, args)
    summary["review"], summary["plans"] = reviewed, plans
    print("\n".join(render(summary, args.lang, hr_nip)), file=out)
    say("elapsed", seconds=time.monotonic() - started)
    return summary


def portal_guide(settings: Settings, agency, rows: dict[str, dict], args) -> dict:
    """Where the portal is, and as whom to sign in to do what the demo left undone."""
    left = None if args.complete else agency.portal_employee
    boss = next((e for e in agency.employees if left and e.nip == left.supervisor_nip), None)
    return {"url": PortalSettings.from_env(settings).public_url,
            "sso": bool(settings.dev_token_url), "password": settings.dev_password,
            "employee": left, "supervisor": boss, "hr": agency.hr_head,
            "done": {side: bool(left) and rows.get(left.nip, {}).get(f"{side}_status") == "submitted"
                     for side in ("self", "supervisor")}}


def _assess(settings, hr, agency, period, standards, args, say) -> dict[str, dict]:
    """Every missing self and supervisor assessment sent; HR's progress rows afterwards."""
    pending = drive.pending_submissions(agency, drive.progress(hr, period, agency), standards,
                                        period, args.seed)
    left = None if args.complete else agency.portal_employee
    todo = [s for s in pending if left is None or s.nip != left.nip]
    due = sum(2 if e.supervisor_nip else 1 for e in agency.employees)
    say("submitting", todo=len(todo), done=due - len(pending))
    drive.submit_all(settings, period, todo, args.threads, texts(args.lang)["bar"])
    return drive.progress(hr, period, agency)


def _wait(settings, feedback, rows, period, args, t) -> None:
    """Until every consumer has applied everything and feedback has compared every pair."""
    pairs = sum(1 for r in rows.values() if r["self_status"] == r["supervisor_status"] == "submitted")

    def compared() -> bool:
        report = feedback.get("/reports/discrepancies", period=period, unit=ROOT)
        return report["employees_compared"] >= pairs

    lagging = drive.wait_until_processed(settings, compared, args.timeout, t["wait_bar"])
    if lagging:
        raise TimeoutError(t["timeout"].format(seconds=args.timeout, lagging=", ".join(lagging)))


def main(argv: list[str] | None = None) -> int:
    args, settings = parser().parse_args(argv), Settings.from_env()
    try:
        run(settings, args)
    except drive.PeriodClosed as exc:
        print(texts(args.lang)["period_closed"].format(period=exc.args[0]), file=sys.stderr)
        return 1
    except ImportConflict as exc:
        print("\n".join(exc.lines(settings, texts(args.lang))), file=sys.stderr)
        return 1
    except (TimeoutError, ApiError, FileNotFoundError) as exc:
        print(exc, file=sys.stderr)
        return 1
    except urllib.error.URLError as exc:
        print(texts(args.lang)["unreachable"].format(reason=exc.reason), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
