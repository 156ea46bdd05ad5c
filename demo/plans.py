"""The period's plans (SKP), through the public HTTP APIs as the people who do it, before any
supervisor assessment: each employee with an appraising official proposes a plan (unit heads
first, so their staff link an RHK to the head's first), the official agrees it (about one in three
with special expectations per BerAKHLAK value), about half add evidence, and the official records
each RHK's realisation so that the plan proposes the hasil kerja rating the demo then submits.
Then a few behaviour notes and one round of peer input.

Each step is taken only when the plan, the notes or the invitations read back show it missing, so
a rerun records nothing. The portal's employee is left without a plan, for a person to propose.
"""
from __future__ import annotations

import random
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from functools import lru_cache

from tqdm import tqdm

from demo.agency import Agency, Employee
from demo.ratings import assessments
from tools.apiclient import ApiClient, client_for, dev_token
from shared.config import Settings

RESULTS = (("Terselesaikannya layanan kepegawaian unit sesuai standar pelayanan", "layanan",
            "100% permohonan"),
           ("Tersusunnya laporan kinerja triwulan unit", "laporan", "1 laporan"),
           ("Terverifikasinya usulan kenaikan pangkat dan mutasi", "usulan", "40 usulan"),
           ("Termutakhirkannya data kepegawaian di SIASN", "data pegawai", "100% data"))
EXPECTATIONS = {"akuntabel": "Laporan capaian disampaikan tepat waktu setiap bulan",
                "kolaboratif": "Aktif berbagi data dengan bidang lain tanpa diminta",
                "kompeten": "Mengikuti minimal satu pelatihan teknis dalam triwulan ini"}
# The realisations of the (main, other) RHK that make the rule propose each rating.
REALISATIONS = {"DI_ATAS": ("DI_ATAS", "DI_ATAS"), "SESUAI": ("SESUAI", "SESUAI"),
                "DI_BAWAH": ("DI_BAWAH", "DI_BAWAH")}
NOTES = (("berorientasi_pelayanan", "positive", "Menanggapi pengaduan pemohon layanan pada hari"
          " yang sama"), ("kolaboratif", "positive", "Membantu bidang lain menyiapkan data"
                          " formasi"), ("akuntabel", "to_improve", "Laporan mingguan dua kali"
                                        " terlambat disampaikan"))
ANSWERS = [{"value": "kolaboratif", "choice": "above", "comment": "Selalu siap membantu rekan"},
           {"value": "harmonis", "choice": "meets"},
           {"value": "adaptif", "choice": "meets", "comment": "Cepat menguasai aplikasi baru"}]
NOTED, INVITED = 6, 3  # employees given a note; peers invited in the round


def plan_all(settings: Settings, hr: ApiClient, agency: Agency, period: str,
             standards: dict[str, dict], seed: int, left: Employee | None,
             threads: int, label: str = "plans") -> dict:
    """Every plan taken as far as the demo takes it, then the notes and the peer input."""
    token = lru_cache(maxsize=None)(lambda nip: dev_token(settings, nip, ["employee"]))
    as_ = (lambda nip: client_for(settings, "assessment", token(nip), hr.language))
    heads = {e.supervisor_nip for e in agency.employees}
    planned = [e for e in agency.employees if e.supervisor_nip and e != left]
    plans = []
    with tqdm(total=len(planned), desc=label, unit="", file=sys.stderr, mininterval=0.5) as bar:
        for wave in ([e for e in planned if e.nip in heads],
                     [e for e in planned if e.nip not in heads]):
            with ThreadPoolExecutor(threads) as pool:
                for plan in pool.map(lambda e: plan_one(as_, hr, period, e, seed, standards), wave):
                    plans.append(plan)
                    bar.update()
    staff = [e for e in planned if e.nip not in heads]
    return {"plans": len(plans), "agreed": sum(p["status"] == "agreed" for p in plans),
            "expectations": sum(bool(p["expectations"]) for p in plans),
            "evidence": sum(p["evidence"] for p in plans),
            "realisations": sum(p["realisations"] for p in plans),
            "proposed": sum(p["proposed"] is not None for p in plans),
            "notes": note_some(as_, hr, period, staff[:NOTED]),
            "input": peer_round(as_, period, staff)}


def plan_one(as_, hr: ApiClient, period: str, e: Employee, seed: int,
             standards: dict[str, dict]) -> dict:
    """One employee's plan: proposed, agreed, evidenced and realised, each step only if missing."""
    one, rng = f"/periods/{period}/plans/{e.nip}", random.Random(f"plan:{seed}:{e.nip}")
    plan = hr.get(one)
    if plan["status"] in (None, "returned"):
        links = [r["rhk"] for r in plan.get("official_results") or []][:1]
        picked = rng.sample(RESULTS, 2)
        plan = as_(e.nip).post(f"{one}/proposal", {"results": [
            _rhk(picked[0], True, links[0] if links else None), _rhk(picked[1], False, None)]})
    if plan["status"] == "proposed":
        special = dict(rng.sample(sorted(EXPECTATIONS.items()), 2)) if rng.random() < 1 / 3 else {}
        plan = as_(e.supervisor_nip).post(f"{one}/agreement", {"expectations": special})
    first = plan["results"][0]
    if not first["evidence"] and rng.random() < 0.5:
        plan = as_(e.nip).post(f"{one}/results/{first['rhk']}/evidence", {
            "text": f"Rekap capaian: {first['indicators'][0]['text']}",
            "url": "https://arsip.binawidya.go.id/skp/" + e.nip})
    rating = assessments(standards[e.position.code], e.nip, seed)[1]["work_result"]
    for result, wanted in zip(plan["results"], REALISATIONS[rating]):
        if not result.get("realisation"):
            plan = as_(e.supervisor_nip).post(f"{one}/results/{result['rhk']}/realisation", {
                "realisation": wanted, "note": "Sesuai bukti dukung dan pemantauan bulanan"})
    return {"status": plan["status"], "proposed": plan["work_result_proposed"],
            "expectations": [v for v in plan["values"] if v.get("expectation")],
            "evidence": sum(len(r["evidence"]) for r in plan["results"]),
            "realisations": sum(bool(r.get("realisation")) for r in plan["results"])}


def _rhk(result: tuple[str, str, str], main: bool, supports: int | None) -> dict:
    text, unit, quantity = result
    return {"text": text, "main": main, "supports": supports, "indicators": [{
        "text": f"Persentase {unit} yang diselesaikan tepat waktu", "quantity": quantity,
        "quality": "sesuai standar operasional prosedur", "time": "akhir triwulan"}]}


def note_some(as_, hr: ApiClient, period: str, people: list[Employee]) -> int:
    """A behaviour note by the official on each of ``people`` who has none yet; all notes there."""
    found = next(p for p in hr.get("/periods") if p["period_id"] == period)
    day = min(date.today(), date.fromisoformat(found["ends_on"])).isoformat()
    count = 0
    for n, e in enumerate(people):
        path = f"/periods/{period}/employees/{e.nip}/behaviour-notes"
        notes = hr.get(path)["notes"]
        if not notes:
            value, kind, text = NOTES[n % len(NOTES)]
            notes = as_(e.supervisor_nip).post(path, {"value": value, "kind": kind,
                                                      "observed_on": day, "text": text})["notes"]
        count += len(notes)
    return count


def peer_round(as_, period: str, staff: list[Employee]) -> dict:
    """The first of ``staff`` whose official has enough people to invite: invited, all answer."""
    for e in staff:
        path = f"/periods/{period}/employees/{e.nip}/behaviour-input"
        official = as_(e.supervisor_nip)
        seen = official.get(path)
        invited = [i["invitee_nip"] for i in seen["invitations"]]
        more = [c["nip"] for c in seen["candidates"] if c["nip"] not in invited]
        if len(invited) + len(more) < INVITED:
            continue
        for nip in more[:INVITED - len(invited)]:
            official.post(f"/periods/{period}/employees/{e.nip}/behaviour-invitations",
                          {"invitee_nip": nip})
            invited.append(nip)
        for nip in invited:
            as_(nip).post(path, {"answers": ANSWERS})  # the same answers again record nothing
        return {"nip": e.nip, "name": e.name, "invited": len(invited),
                "answered": official.get(path)["responses"]}
    return {}
