"""HTTP API of the feedback service: dialogues, continuous-feedback notes, phrases, reports."""
from __future__ import annotations

from flask import g

from services.feedback import dialogues as commands
from services.feedback import queries, queries_reports
from services.feedback.schemas import (
    AcknowledgeInSchema, ComparisonSchema, DialogueFilterSchema, DialogueSchema, FeedbackInSchema,
    NoteInSchema, NoteSchema, PhraseFilterSchema, PhraseSchema, ReportFilterSchema,
    ScheduleInSchema)
from services.feedback.schemas_reports import (CadenceReportSchema, ComparisonSummariesSchema,
                                               DiscrepancyReportSchema)
from shared.auth import AUDITOR, EMPLOYEE, HR_ADMIN, ROLES
from shared.fastargs import Blueprint
from shared.transactions import command, command_context, context_on, reading
from shared.web import current_principal, request_language, requires

blp = Blueprint("feedback", __name__, description="Performance dialogues (dialog kinerja),"
                " continuous feedback (umpan balik berkelanjutan) and discrepancy reports")
DIALOGUE = "/dialogues/<dialogue_id>"


@blp.route("/dialogues")
@requires(HR_ADMIN, AUDITOR)
@blp.arguments(DialogueFilterSchema, location="query")
@blp.response(200, DialogueSchema(many=True))
@blp.paginate()
def list_dialogues(filters, pagination_parameters):
    """Every dialogue, by period, unit and status; paged."""
    with reading() as conn:
        return queries.dialogues(conn, filters, pagination_parameters, request_language())


@blp.route("/me/dialogues")
@requires(EMPLOYEE)
@blp.arguments(DialogueFilterSchema(only=("period", "status")), location="query")
@blp.response(200, DialogueSchema(many=True))
@blp.paginate()
def my_dialogues(filters, pagination_parameters):
    """The caller's own dialogues, newest period first; paged."""
    with reading() as conn:
        return queries.dialogues(conn, filters, pagination_parameters, request_language(),
                                 nip=current_principal().nip)


@blp.route("/me/reports/dialogues")
@requires(EMPLOYEE)
@blp.arguments(DialogueFilterSchema(only=("period", "status")), location="query")
@blp.response(200, DialogueSchema(many=True))
@blp.paginate()
def my_reports_dialogues(filters, pagination_parameters):
    """A supervisor's worklist: the dialogues of their current direct reports; paged."""
    with reading() as conn:
        return queries.dialogues(conn, filters, pagination_parameters, request_language(),
                                 supervisor=current_principal().nip)


@blp.route(DIALOGUE)
@requires(EMPLOYEE, HR_ADMIN, AUDITOR)
@blp.response(200, DialogueSchema)
def get_dialogue(dialogue_id):
    """A dialogue with its agenda and the feedback per item: for the employee, their current
    supervisor, HR and auditors."""
    with reading() as conn:
        return queries.dialogue(conn, current_principal(), dialogue_id, request_language())


def _answer(conn, dialogue_id):
    return queries.dialogue(conn, current_principal(), dialogue_id, request_language())


@blp.route(f"{DIALOGUE}/schedule", methods=["POST"])
@requires(EMPLOYEE)
@command
@blp.arguments(ScheduleInSchema)
@blp.response(200, DialogueSchema)
def schedule(body, dialogue_id):
    """The current supervisor sets or moves the meeting (until feedback is given)."""
    commands.schedule(command_context(), current_principal().nip, dialogue_id, body)
    return _answer(g.conn, dialogue_id)


@blp.route(f"{DIALOGUE}/feedback", methods=["POST"])
@requires(EMPLOYEE)
@command
@blp.arguments(FeedbackInSchema)
@blp.response(200, DialogueSchema)
def give_feedback(body, dialogue_id):
    """The current supervisor records, per agenda item, what went well, what to improve and the
    agreed actions with due dates; again on an item replaces it, until acknowledged."""
    commands.give_feedback(command_context(), current_principal().nip, dialogue_id, body)
    return _answer(g.conn, dialogue_id)


@blp.route(f"{DIALOGUE}/acknowledgement", methods=["POST"])
@requires(EMPLOYEE)
@command
@blp.arguments(AcknowledgeInSchema)
@blp.response(200, DialogueSchema)
def acknowledge(body, dialogue_id):
    """The employee acknowledges the feedback, agreeing or not, with a response; this closes it."""
    commands.acknowledge(command_context(), current_principal().nip, dialogue_id, body)
    return _answer(g.conn, dialogue_id)


@blp.route("/employees/<nip>/notes", methods=["POST"])
@requires(EMPLOYEE)
@command
@blp.arguments(NoteInSchema)
@blp.response(201, NoteSchema)
def record_note(body, nip):
    """The current supervisor records a continuous-feedback note on a competency."""
    event = commands.record_note(command_context(), current_principal().nip, nip, body)
    return queries.note(g.conn, event.data["note_id"])


@blp.route("/employees/<nip>/notes")
@requires(EMPLOYEE, HR_ADMIN, AUDITOR)
@blp.response(200, NoteSchema(many=True))
def list_notes(nip):
    """An employee's notes, newest first: for them, their current supervisor, HR and auditors."""
    with reading() as conn:
        queries.check_can_see(conn, current_principal(), nip)
        return queries.notes(conn, nip)


@blp.route("/me/notes")
@requires(EMPLOYEE)
@blp.response(200, NoteSchema(many=True))
def my_notes():
    """The caller's own notes, newest first."""
    with reading() as conn:
        return queries.notes(conn, current_principal().nip)


@blp.route("/notes/<note_id>/acknowledgement", methods=["POST"])
@requires(EMPLOYEE)
@command
@blp.arguments(AcknowledgeInSchema)
@blp.response(200, NoteSchema)
def acknowledge_note(body, note_id):
    """The employee acknowledges a note, agreeing or not, with a response."""
    commands.acknowledge_note(command_context(), current_principal().nip, note_id, body)
    return queries.note(g.conn, note_id)


@blp.route("/phrases")
@requires(*ROLES)
@blp.arguments(PhraseFilterSchema, location="query")
@blp.response(200, PhraseSchema(many=True))
def list_phrases(filters):
    """The library of feedback phrases per competency a supervisor can pick from."""
    with reading() as conn:
        return queries.phrase_list(context_on(conn).phrases, filters, request_language())


@blp.route("/employees/<nip>/comparisons")
@requires(EMPLOYEE, HR_ADMIN, AUDITOR)
@blp.response(200, ComparisonSchema(many=True))
def comparisons(nip):
    """An employee's self vs supervisor comparisons across periods, newest first."""
    with reading() as conn:
        queries.check_can_see(conn, current_principal(), nip)
        return queries.comparisons(conn, nip)


@blp.route("/reports/discrepancies")
@requires(HR_ADMIN, AUDITOR)
@blp.arguments(ReportFilterSchema, location="query")
@blp.response(200, DiscrepancyReportSchema)
def discrepancy_report(filters):
    """Discrepancy rates of a period by unit, by competency and per unit x competency (heatmap),
    split into blind spots and hidden strengths."""
    with reading() as conn:
        return queries_reports.discrepancy_report(conn, filters["period"], filters.get("unit"))


@blp.route("/reports/comparisons")
@requires(HR_ADMIN, AUDITOR)
@blp.arguments(ReportFilterSchema, location="query")
@blp.response(200, ComparisonSummariesSchema)
def comparison_summaries(filters):
    """Each employee's latest comparison of a period in a unit (their current one) and the units
    below it, or the whole agency: its number and how many discrepancies, blind spots and hidden
    strengths it found. One read for a unit's export instead of one per employee."""
    with reading() as conn:
        return queries_reports.comparison_summaries(conn, filters["period"], filters.get("unit"))


@blp.route("/reports/dialogue-cadence")
@requires(HR_ADMIN, AUDITOR)
@blp.arguments(ReportFilterSchema, location="query")
@blp.response(200, CadenceReportSchema)
def dialogue_cadence(filters):
    """Per unit: dialogues due this period, not opened, in progress, acknowledged and overdue."""
    with reading() as conn:
        context = context_on(conn)
        return queries_reports.cadence(conn, filters["period"], filters.get("unit"),
                                       context.rules.dialogue_grace_days, context.today())
