# The two commands a newcomer needs: `make up` and `make test`. Everything else is a helper.
.PHONY: up demo test down status install infra setup keycloak sso cluster cluster-down bench-copies bench bench-submissions bench-feedback bench-training bench-portal bench-portal-dashboard bench-agency chaos

install:            ## PostgreSQL, the Kafka jars and the Python environment (idempotent)
	deploy/install.sh

infra: install      ## start PostgreSQL and Kafka
	deploy/infra.sh start

setup: infra        ## databases, migrations, topics, development keys, the portal's sessions
	.venv/bin/asn setup
	.venv/bin/python -m services.portal setup

# options of the demo, e.g. make up DEMO_ARGS="--employees 50 --lang en" (docs/demo.md)
DEMO_ARGS ?=
# make up SSO=keycloak: sign-in through the development Keycloak (docs/identity.md)
SSO ?=
SSO_ENV = $(if $(filter keycloak,$(SSO)),set -a && . deploy/keycloak/sso.env && set +a &&,)

up: setup $(if $(filter keycloak,$(SSO)),sso)  ## everything up (infrastructure, every service process, the portal), then the demo period
	ASN_PORTAL_DEV_LOGIN=$(if $(SSO),0,1) ASN_SSO=$(SSO) deploy/services.sh start
	$(SSO_ENV) .venv/bin/python -m demo $(DEMO_ARGS)

cluster: install    ## a local 3-broker Kafka cluster (KRaft) on 19092-19094 beside the single broker; use it with ASN_KAFKA_BROKERS=3 (docs/deploying.md)
	deploy/infra.sh start cluster

cluster-down:       ## stop the 3-broker Kafka cluster (its data stays in .local/kafka-cluster)
	deploy/infra.sh stop cluster

keycloak:           ## the development Keycloak installed and started (the tests sign in there)
	deploy/install.sh keycloak
	deploy/infra.sh start keycloak

sso: keycloak       ## Keycloak with a user per demo employee (password asn-demo)
	.venv/bin/python -m demo.keycloak $(DEMO_ARGS)

demo:               ## only the demo, against running services (a rerun adds nothing)
	.venv/bin/python -m demo $(DEMO_ARGS)

test: infra keycloak  ## the whole test suite against the real PostgreSQL, Kafka and Keycloak
	.venv/bin/pytest

bench: infra        ## relay and consumer runner against raw kafka-python (own database and topics)
	.venv/bin/python -m bench.backbone

bench-submissions: infra  ## assessment submissions through gunicorn vs a bare one-INSERT app
	.venv/bin/python -m bench.submissions

bench-feedback: infra     ## comparisons/s when a period of assessment events is consumed
	.venv/bin/python -m bench.feedback_replay
bench-portal: infra    ## 20 signed-in people walking the portal's pages vs a static file, same gunicorn
	.venv/bin/python -m bench.portal
bench-portal-dashboard: infra  ## 20 people as BKPSDM loading Dasbor for a unit of 2,000 vs a static file, same gunicorn
	.venv/bin/python -m bench.portal_dashboard
# options of the copies run, e.g. make bench-copies BENCH_COPIES_ARGS="--brokers 3 --employees 5000"
BENCH_COPIES_ARGS ?=
bench-copies: infra    ## 1, 2 and 3 copies of feedback's and training's consumer in one group, same records (2 cores bound it)
	.venv/bin/python -m bench.copies $(BENCH_COPIES_ARGS)
bench-training: infra  ## training's consumer (handlers + reactors) vs a bare consumer runner, same records
	.venv/bin/python -m bench.training_replay

# options of the agency run, e.g. make bench-agency BENCH_AGENCY_ARGS="--employees 20000" (docs/benchmarks.md)
BENCH_AGENCY_ARGS ?=
bench-agency: infra    ## a whole period of a 100,000-employee agency through the platform, with this machine's ceilings
	.venv/bin/python -m bench.agency $(BENCH_AGENCY_ARGS)

# options of the chaos run, e.g. make chaos CHAOS_ARGS="--seconds 120" (docs/reliability.md)
CHAOS_ARGS ?=
chaos: install      ## 5 min of load while processes, Kafka and PostgreSQL are killed (own servers), then every check
	.venv/bin/python -m bench.chaos $(CHAOS_ARGS)

down:               ## stop the services, Kafka and PostgreSQL
	deploy/services.sh stop
	deploy/infra.sh stop

status:
	deploy/services.sh status
	deploy/infra.sh status
