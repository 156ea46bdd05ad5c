"""The steps of writing an assessment, the same for both sides: the form, saving the draft (as
the person goes, with htmx, or with the button), checking the answers, submitting, and the
confirmation. The views of each side only say whose assessment it is."""
from __future__ import annotations

from flask import redirect, render_template, request

from services.portal.pages import api, t
from services.portal.views.assessing.common import (
    ASPECTS, SUBMITTED, Side, side_standard, side_state, slug, submitted)
from services.portal.views.assessing.form import (
    answers_of, answers_posted, body_of, refusal, unsaved_evidence)
from services.portal.views.plan_proposal import proposal_of, reason_of
from tools.apiclient import ApiError

REFUSALS = (409, 422)  # shown on the form; 403 and 404 go to their own pages (errors.py)


def form_page(side: Side, answers: dict | None = None, errors: dict | None = None,
              general: list | None = None, status: int = 200):
    """The form with the saved draft, or the answers just sent; read-only once submitted."""
    competencies, record, saved = side_state(side)
    if record and record["status"] == SUBMITTED:
        return render_template("assessing/submitted.html", side=side, record=record,
                               competencies=competencies, answers=answers_of(record),
                               general=general or []), status
    if answers is None:  # a reopened assessment starts from what was sent before
        answers = answers_of(saved or record)
    errors = errors or {}
    return render_template("assessing/form.html", side=side, competencies=competencies,
                           answers=answers, errors=errors, general=general or [],
                           summary=summary(errors, competencies), saved=saved,
                           reopened=record, just_saved=request.args.get("tersimpan"),
                           plan=proposal_of(side.period["period_id"], side.nip, side.role)), status


def summary(errors: dict, competencies: list[dict]) -> list[dict]:
    """The error summary's entries in the order of the form's fields, each naming its field."""
    order = [(f"{kind}-{c['slug']}", t(f"assessing.summary.{kind}", code=c["code"],
                                       name=c["name"]))
             for c in competencies for kind in ("level", "evidence")]
    order += [(aspect, t(f"assessing.aspect.{aspect}")) for aspect in ASPECTS]
    return [{"field": field, "label": label, "message": errors[field]}
            for field, label in order if field in errors]


def save(side: Side):
    """Save the draft; htmx gets the status line, a plain form the page again (or the check)."""
    competencies = side_standard(side)
    answers = answers_posted(request.form, competencies)
    body = body_of(answers, competencies)
    htmx = request.headers.get("HX-Request") == "true"
    try:
        saved = api().send("assessment", "PUT", f"{side.path}/draft", body)
    except ApiError as error:
        if error.status not in REFUSALS:
            raise
        fields, general = refusal(error, body)
        if htmx:
            return render_template("assessing/_saved.html", side=side, failed=fields or general)
        return form_page(side, answers, fields, general, 422)
    unsaved = {f"evidence-{slug(code)}": t("assessing.error.evidence_without_level")
               for code in unsaved_evidence(answers)}
    if htmx:
        return render_template("assessing/_saved.html", side=side, saved=saved,
                               competencies=competencies, answers=answers_of(saved),
                               unsaved=summary(unsaved, competencies))
    if unsaved:  # the API cannot keep evidence without its level: keep it on the page
        return form_page(side, answers, unsaved, [t("assessing.error.evidence_kept")], 200)
    if request.form.get("next") == "check":
        return redirect(side.url("check"))
    return redirect(side.url("form") + "?tersimpan=1")


def check_page(side: Side):
    """Periksa jawaban: every answer with a link back to change it, then Kirim penilaian."""
    competencies, record, saved = side_state(side)
    if record and record["status"] == SUBMITTED:
        return redirect(side.url("form"))
    return render_template("assessing/check.html", side=side, competencies=competencies,
                           answers=answers_of(saved or record), saved=saved,
                           plan=proposal_of(side.period["period_id"], side.nip, side.role))


def submit(side: Side):
    """Send the answers; a refusal shows the form again with every answer and its messages."""
    competencies, record, saved = side_state(side)
    answers = answers_of(saved or record)
    body = {**body_of(answers, competencies), **reason_of(request.form)}
    try:
        api().send("assessment", "POST", f"{side.path}/submission", body)
    except ApiError as error:
        if error.code == "already_submitted":  # sent twice (a double click): it is in
            return redirect(side.url("done"))
        if error.status not in REFUSALS:
            raise
        fields, general = refusal(error, body)
        return form_page(side, answers, fields, general, 422)
    return redirect(side.url("done"))


def done_page(side: Side):
    """The confirmation: what was sent and what happens next."""
    record = submitted(side)
    if not record or record["status"] != SUBMITTED:
        return redirect(side.url("form"))
    return render_template("assessing/done.html", side=side, record=record)
