"""Every service's real app, each on a database of its own, for tests that walk all three HTTP
APIs at once (the boundary tests, the schemathesis run)."""
from __future__ import annotations

import uuid
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Iterator

from services.assessment.app import create_app as assessment_app
from services.feedback.app import create_app as feedback_app
from services.training.app import create_app as training_app
from shared.config import Settings
from services.platform import definition as service_definition
from tests.support import databases

CREATE = {"assessment": assessment_app, "feedback": feedback_app, "training": training_app}


@contextmanager
def service_apps(infra: Settings, keys_dir: Path) -> Iterator[dict[str, databases.ServiceEnv]]:
    """{service: env}, each app on a freshly set-up database of this call's own; removed after."""
    prefix = f"{infra.database_prefix}http{uuid.uuid4().hex[:6]}_"
    envs = {}
    with ExitStack() as stack:
        for name, create in CREATE.items():
            made = databases.template(service_definition(name), infra.with_(database_prefix=prefix),
                                      keys_dir)
            settings = next(made)
            stack.callback(next, made, None)  # runs the template's clean-up
            app = create(settings)
            stack.callback(app.extensions["asn.pool"].close)
            kind = type(f"{name.title()}Env", (databases.ServiceEnv,),
                        {"service": service_definition(name)})
            envs[name] = kind(settings, app)
        yield envs
