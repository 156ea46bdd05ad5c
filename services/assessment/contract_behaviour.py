"""Events of work behaviour against BerAKHLAK (``assessment.*``): the appraising official's notes
per core value, and peer and subordinate input; ``contract.py`` publishes them in the service's
one registry.

Kafka key = ``subject``: the NIP of the employee the behaviour is about.
"""
from __future__ import annotations

from marshmallow import fields, validate

from shared.events.fields import code as _code, nip as _nip, period as _period, text as _text
from shared.events.registry import EventSchema, Registry

BEHAVIOUR_EVENTS = Registry()
# A note records behaviour worth keeping (positive) or to improve (to_improve).
NOTE_KINDS = ("positive", "to_improve")
# A peer's or subordinate's view of one value: above, meets or below expectation.
INPUT_CHOICES = ("above", "meets", "below")
RELATIONS = ("peer", "subordinate")


@BEHAVIOUR_EVENTS.event("assessment.BehaviourNoted", version=1)
class BehaviourNotedV1(EventSchema):
    """The appraising official noted behaviour of the employee observed on ``observed_on``
    against one BerAKHLAK core value (``value``: its code in data/berakhlak.yaml). Evidence for
    the perilaku rating, never a rating itself."""
    period_id = _period(required=True)
    nip = _nip(required=True)
    value = _code(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(NOTE_KINDS))
    observed_on = fields.Date(required=True)
    text = _text(2000, minimum=1, required=True)
    noted_by = _nip(required=True)


class _AboutTheEmployee(EventSchema):
    period_id = _period(required=True)
    nip = _nip(required=True)
    invitee_nip = _nip(required=True)
    relation = fields.String(required=True, validate=validate.OneOf(RELATIONS))


@BEHAVIOUR_EVENTS.event("assessment.BehaviourInputInvited", version=1)
class BehaviourInputInvitedV1(_AboutTheEmployee):
    """The appraising official invited a peer or a direct report of the employee (``relation``)
    to give feedback on the employee's behaviour per BerAKHLAK value in the period."""
    invited_by = _nip(required=True)


class Answer(EventSchema):
    value = _code(required=True)
    choice = fields.String(required=True, validate=validate.OneOf(INPUT_CHOICES))
    comment = _text(1000, allow_none=True, load_default=None)


@BEHAVIOUR_EVENTS.event("assessment.BehaviourInputGiven", version=1)
class BehaviourInputGivenV1(_AboutTheEmployee):
    """The invited person's feedback: per value a ``choice`` (above, meets or below expectation)
    and an optional comment. Evidence beside the official's rating, never averaged into it."""
    answers = fields.List(fields.Nested(Answer), required=True,
                          validate=validate.Length(min=1, max=20))
