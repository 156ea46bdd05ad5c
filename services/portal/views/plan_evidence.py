"""Bukti dukung: the employee adds a text, a link or a file (multipart upload) to an RHK of their
agreed plan from their plan's page; a file is downloaded through the portal by those the service
lets read it (the employee, their official, HR, auditors). Size and types are the service's."""
from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, flash, g, redirect, request, url_for

from services.portal.pages import api, signed_in, t
from services.portal.views.dialogue_support import FIELD_REFUSED, refusal
from services.portal.views.plan import plan_path, send
from tools.apiclient import ApiError

blp = Blueprint("plan_evidence", __name__)
MAX_UPLOAD = 8 * 1024 * 1024  # above the service's limit, which refuses in words


def _back(period_id: str, message: str, category: str):
    flash(message, category)
    return redirect(url_for("plan.mine", period_id=period_id) + "#bukti")


@blp.post("/rencana/<period_id>/bukti/<int:rhk>")
@signed_in
def add(period_id, rhk):
    """A text or a link as evidence of one RHK."""
    text, url = request.form.get("text", "").strip(), request.form.get("url", "").strip()
    if not text and not url:
        return _back(period_id, t("plan.error.evidence"), "error")
    refused = send(f"{plan_path(period_id, g.person.nip)}/results/{rhk}/evidence",
                   {"text": text, "url": url or None})
    if refused:
        return _back(period_id, _words(refused), "error")
    return _back(period_id, t("plan.flash.evidence"), "success")


@blp.post("/rencana/<period_id>/bukti/<int:rhk>/berkas")
@signed_in
def upload(period_id, rhk):
    """A file (multipart form) as evidence of one RHK, sent on to the service as it is."""
    request.max_content_length = MAX_UPLOAD
    sent = request.files.get("file")
    if sent is None or not sent.filename:
        return _back(period_id, t("plan.error.file"), "error")
    path = f"{plan_path(period_id, g.person.nip)}/results/{rhk}/evidence/file"
    try:
        query = urlencode({"name": sent.filename[-200:],
                           "text": request.form.get("text", "").strip()})
        api().upload("assessment", f"{path}?{query}", sent.read(),
                     sent.mimetype or "application/octet-stream")
    except ApiError as error:
        if error.status not in (403, 404, 409, FIELD_REFUSED):
            raise
        return _back(period_id, _words(error), "error")
    return _back(period_id, t("plan.flash.file"), "success")


def _words(error: ApiError) -> str:
    return refusal(error, "plan")


@blp.get("/bukti/<file_id>")
@signed_in
def download(file_id):
    """The file, as the service gives it to this person (403 and 404 as pages)."""
    backend = current_app.extensions["portal.backend"]
    url = backend.urls["assessment"].rstrip("/") + f"/evidence-files/{file_id}"
    answer = backend.http.get(url, headers={"Authorization": f"Bearer {g.token}"},
                              timeout=backend.timeout)
    if answer.status_code != 200:  # the portal's error pages, as for any refused read
        raise ApiError("GET", url, answer.status_code, _problem(answer))
    return Response(answer.content, mimetype=answer.headers.get("Content-Type"), headers={
        "Content-Disposition": answer.headers.get("Content-Disposition", "attachment")})


def _problem(answer) -> dict:
    try:
        found = answer.json()
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}
