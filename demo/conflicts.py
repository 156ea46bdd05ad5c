"""What to say when the platform refuses the demo agency's import: every conflicting row (which
employee, which column, why), and the exact commands to start afresh."""
from __future__ import annotations

from demo.agency import Agency
from shared.config import SERVICES, Settings


class ImportConflict(Exception):
    """The platform holds something the demo agency contradicts; nothing was imported."""

    def __init__(self, agency: Agency, problem: dict) -> None:
        super().__init__(problem.get("detail") or "import_rejected")
        self.agency, self.problem = agency, problem

    def lines(self, settings: Settings, t: dict[str, str]) -> list[str]:
        """The report: a headline, one line per problem, then how to start afresh."""
        rows = self.problem.get("rows") or []
        out = [t["import_rejected"].format(count=len(rows) or 1)]
        if not rows:
            out.append(f"  {self.problem.get('detail', '')}")
        for problem in rows:
            out.append(t["import_row"].format(**problem, **self._who(problem.get("row"))))
        out.append(t["afresh"])
        out += [f"    {command}" for command in afresh(settings)]
        return out

    def _who(self, row: int | None) -> dict[str, str]:
        """The employee on CSV row ``row`` (row 2 is the agency's first employee)."""
        people = self.agency.employees
        if isinstance(row, int) and 2 <= row < len(people) + 2:
            return {"nip": people[row - 2].nip, "name": people[row - 2].name}
        return {"nip": "-", "name": "-"}


def afresh(settings: Settings) -> list[str]:
    """Shell commands that remove every service's data (databases, then Kafka's topics)."""
    drop = [f"dropdb --if-exists -h {settings.pg_host} -p {settings.pg_port} -U {settings.pg_user}"
            f" {settings.database_name(service)}" for service in SERVICES]
    return ["deploy/services.sh stop", *drop, "make down", "rm -rf .local/kafka/data", "make up"]
