"""schemathesis against each service's own OpenAPI document: the real app (WSGI) on a real
database, a token with every role, every operation, every check schemathesis has. Whatever it
generates, a service answers without a server error, in the status, content type, headers and
schema its document promises, and refuses what the document calls invalid.

Two of schemathesis's assumptions the platform departs from on purpose, each said where it is
handled: an integer spelled 2.0 (valid JSON Schema, refused here: ``_whole_numbers_as_integers``)
and business rules no schema can state (``schema_valid_data_passes_the_schema`` stands in for
``positive_data_acceptance``)."""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from shared.auth import mint
from tests.support import people
from tests.support.apps import service_apps

pytestmark = pytest.mark.timeout(300)
EVERY_ROLE = ("employee", "hr_admin", "training_admin", "auditor")
EXAMPLES = 30  # per operation and mode: the three services took 31 s here (23 s of CPU)


@pytest.fixture(scope="module")
def envs(infra, tmp_path_factory):
    with service_apps(infra, tmp_path_factory.mktemp("fuzz-keys")) as found:
        yield found


@pytest.fixture(scope="module")
def token(envs) -> str:
    key = next(iter(envs.values())).settings.jwt_private_key_file.read_bytes()
    return mint(key, people.HR, EVERY_ROLE)


FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                phases=[Phase.generate], suppress_health_check=list(HealthCheck))


def _integers(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _integers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_integers(v) for v in value]
    return value


def _whole_numbers_as_integers(case):
    """JSON Schema 2020-12 (OpenAPI 3.1) counts 2.0 as an integer, and schemathesis sends one as
    valid data; the services refuse it on purpose (an integer is spelled 2; 2085.0 and 2085.5 are
    refused alike, see test_http_boundary), which no JSON Schema keyword can say. So valid bodies
    spell their integers as integers; everything else schemathesis generates goes as it is."""
    if isinstance(case.body, (dict, list)):
        case.body = _integers(case.body)
    return case


def schema_valid_data_passes_the_schema(ctx, response, case):
    """schemathesis's positive_data_acceptance, less the business rules.

    Its ``positive_data_acceptance`` wants every schema-valid request accepted (2xx, 404, 409...),
    but a schema cannot say every rule of the domain: a NIP's birth date, a job level from the
    agency's own file, a competency the position's standard lacks, an assessment with every
    required rating. Those are refused with 422 and a code of their own (``invalid_nip``,
    ``unknown_job_level``...). What must never happen is the schema layer refusing what the
    document calls valid: a 422 ``validation_failed`` for schema-valid data.
    """
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return None
    if response.status_code == 422 and response.json().get("code") == "validation_failed":
        raise AssertionError(f"schema-valid data refused by the schema layer: {response.text}")
    return None


def fuzz(env, token: str) -> list[str]:
    """Every operation of the service's document, in both generation modes: what failed."""
    schema = schemathesis.openapi.from_wsgi("/api-docs/openapi.json", env.app)
    failures, auth = [], {"Authorization": f"Bearer {token}"}
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in GenerationMode:
            # The token is fixed in generation, so a negative case never "drops" it only for the
            # call to put it back.
            strategy = operation.as_strategy(generation_mode=mode, headers=auth)
            if mode is GenerationMode.POSITIVE:
                strategy = strategy.map(_whole_numbers_as_integers)

            @FUZZ
            @given(case=strategy)
            def run(case):
                case.call_and_validate(excluded_checks=[positive_data_acceptance],
                                       additional_checks=[schema_valid_data_passes_the_schema])
            try:
                run()
            except Unsatisfiable:
                pass  # nothing to negate: the operation takes no input (/health, /metrics)
            except (Exception, BaseExceptionGroup) as exc:  # every failure is reported below
                failures.append(f"{operation.label} ({mode.value}): {exc}")
    return failures


@pytest.mark.parametrize("service", ["assessment", "feedback", "training"])
def test_every_operation_keeps_to_its_document(envs, token, service):
    failures = fuzz(envs[service], token)
    assert not failures, "\n\n".join(failures)
