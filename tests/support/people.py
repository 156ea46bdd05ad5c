"""A small organisation used across the assessment tests: valid NIPs and who reports to whom."""
HEAD = "197001011995031001"        # Kepala Badan, no supervisor in the system
SUPERVISOR = "198002022005011002"  # reports to HEAD
EMPLOYEE = "199003032015021003"    # reports to SUPERVISOR
PEER = "199104042016052004"        # reports to SUPERVISOR
OUTSIDER = "198505052010011005"    # another unit, reports to HEAD
HR = "197507072000031006"
AUDITOR = "196808081990031007"
PERIOD = "2026-Q1"
CORE = ("M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01")


def ratings(level: int = 3, codes=CORE, **overrides) -> list[dict]:
    """A rating for each competency (``overrides`` by code with '.' written as '_')."""
    return [{"competency": c, "level": overrides.get(c.replace(".", "_"), level),
             "evidence": f"Bukti untuk {c}", "comment": "Konsisten sepanjang triwulan"}
            for c in codes]


def assessment(level: int = 3, work_result: str = "SESUAI", work_behaviour: str = "SESUAI",
               **overrides) -> dict:
    return {"ratings": ratings(level, **overrides), "work_result": work_result,
            "work_behaviour": work_behaviour}
