"""Each event of the trail in a sentence of the reader's language, from the message catalogue
(``audit.event.<Type>``); a type it has no words for is named as it is."""
from __future__ import annotations

from services.portal.pages import t
from services.portal.texts import format_date, format_datetime
from services.portal.views.behaviour_words import BEHAVIOUR_WORDS


def kind_of(event: dict) -> str:
    """``assessment.AssessmentSubmitted.v1`` -> ``AssessmentSubmitted``."""
    parts = event["type"].split(".")
    return parts[1] if len(parts) == 3 else event["type"]


def describe(event: dict) -> str:
    """What happened, in words: "Penilaian diri dikirim (pengiriman ke-1), periode 2026-Q4"."""
    kind, data = kind_of(event), event.get("data") or {}
    make = _VALUES.get(kind)
    if make is None:
        return t("audit.event.other", type=event["type"])
    try:
        key, values = make(data)
        return t(key, **values)
    except (KeyError, TypeError, ValueError):  # data of a newer version than these words know
        return t("audit.event.other", type=event["type"])


def _plain(kind: str):
    """The message takes the data's own fields."""
    return lambda data: (f"audit.event.{kind}", data)


def _submitted(data: dict):
    key = ("audit.event.AssessmentSubmitted.predikat" if data.get("predikat")
           else "audit.event.AssessmentSubmitted")
    return key, {**data, "role": t(f"audit.role.{data['role']}")}


def _reopened(data: dict):
    return "audit.event.AssessmentReopened", {**data, "role": t(f"audit.role.{data['role']}")}


def _discrepancy(data: dict):
    return "audit.event.RatingDiscrepancyDetected", {
        **data, "direction": t(f"audit.direction.{data['direction']}")}


def _dialogue(data: dict):
    return "audit.event.FeedbackDialogueOpened", {**data, "items": len(data["agenda"])}


def _scheduled(data: dict):
    return "audit.event.FeedbackDialogueScheduled", {
        **data, "when": format_datetime(data["scheduled_at"], "long")}


def _given(data: dict):
    return "audit.event.FeedbackGiven", {**data, "items": len(data["items"])}


def _acknowledged(data: dict):
    return "audit.event.FeedbackAcknowledged", {
        "kind": t(f"audit.kind.{data['kind']}"),
        "agrees": t(f"audit.agrees.{str(bool(data['agrees'])).lower()}")}


def _note(data: dict):
    return "audit.event.ContinuousFeedbackRecorded", {**data, "tone": t(f"audit.tone.{data['tone']}")}


def _started(data: dict):
    return "audit.event.TrainingStarted", {"started_on": format_date(data["started_on"])}


def _cancelled(data: dict):
    return "audit.event.TrainingCancelled", {"reason": t(f"audit.cancel.{data['reason']}")}


def _unmet(data: dict):
    return "audit.event.DevelopmentNeedUnmet", {
        "competency": data["gap"]["competency"], "reason": t(f"audit.unmet.{data['reason']}")}


def _predikat(kind: str):
    """The message takes the data, with each predikat in words."""
    return lambda data: (f"audit.event.{kind}", {
        **data, **{k: t(f"curve.predikat.{data[k]}") for k in ("predikat", "previous") if k in data}})


def _decided(data: dict):
    return _predikat(f"ObjectionDecided.{data['decision']}")(data)


def _updated(data: dict):
    return "audit.event.EmployeeUpdated", {**data, "changed": ", ".join(data["changed"])}


_VALUES = {
    "EmployeeRegistered": _plain("EmployeeRegistered"), "EmployeeUpdated": _updated,
    "AssessmentSubmitted": _submitted, "AssessmentReopened": _reopened,
    "AppraisalPeriodOpened": _plain("AppraisalPeriodOpened"),
    "AppraisalPeriodClosed": _plain("AppraisalPeriodClosed"),
    "RatingsCompared": _plain("RatingsCompared"), "RatingDiscrepancyDetected": _discrepancy,
    "DiscrepancyResolved": _plain("DiscrepancyResolved"), "FeedbackDialogueOpened": _dialogue,
    "FeedbackDialogueScheduled": _scheduled, "FeedbackGiven": _given,
    "FeedbackAcknowledged": _acknowledged, "ContinuousFeedbackRecorded": _note,
    "TrainingAssigned": _plain("TrainingAssigned"), "TrainingStarted": _started,
    "CompletionReported": _plain("CompletionReported"),
    "TrainingCompleted": _plain("TrainingCompleted"), "TrainingCancelled": _cancelled,
    "DevelopmentOpportunityIdentified": _plain("DevelopmentOpportunityIdentified"),
    "DevelopmentNeedUnmet": _unmet, "PredikatCalibrated": _predikat("PredikatCalibrated"),
    "ObjectionFiled": _predikat("ObjectionFiled"),
    "ObjectionExplanationRequested": _plain("ObjectionExplanationRequested"),
    "ObjectionExplained": _plain("ObjectionExplained"), "ObjectionDecided": _decided,
    "AnnualPredikatConfirmed": lambda d: _predikat("AnnualPredikatConfirmed")(
        {**d, "proposed": t(f"curve.predikat.{d['proposed']}")}),
    **BEHAVIOUR_WORDS,
}
