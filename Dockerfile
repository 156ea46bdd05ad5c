# One image per service: `docker build --target assessment|feedback|training .`
# Each holds the platform (shared/), its own service and the contracts of the services it reads
# (services/<name>/contract.py), and runs any of its process kinds (web, relay, consumer, setup);
# docker-compose.yml picks the command.
FROM python:3.11-slim AS base

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/app

WORKDIR /app

# Dependencies first, so a code change does not reinstall them.
COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY shared ./shared
COPY deploy/gunicorn.conf.py ./deploy/gunicorn.conf.py
COPY services/__init__.py ./services/__init__.py
RUN useradd --system --uid 10001 asn && mkdir -p /app/.local/keys && chown -R asn /app/.local
USER asn
# 8000: the web API and its /metrics; 9100: /metrics of a relay or consumer (ASN_METRICS_PORT).
EXPOSE 8000 9100

FROM base AS assessment
ENV ASN_SERVICE=assessment
COPY services/assessment ./services/assessment

FROM base AS feedback
ENV ASN_SERVICE=feedback
COPY services/assessment/__init__.py services/assessment/contract.py ./services/assessment/
COPY services/feedback ./services/feedback

FROM base AS training
ENV ASN_SERVICE=training
COPY services/assessment/__init__.py services/assessment/contract.py ./services/assessment/
COPY services/feedback/__init__.py services/feedback/contract.py ./services/feedback/
COPY services/training ./services/training

# The portal: pages only; it calls the three services' APIs (ASN_<SERVICE>_URL).
FROM base AS portal
ENV ASN_SERVICE=portal
# WeasyPrint's Pango and HarfBuzz, and fonts, for the printable appraisal form (PDF)
USER root
RUN apt-get update && apt-get install -y --no-install-recommends libpango-1.0-0 \
        libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation2 \
    && rm -rf /var/lib/apt/lists/*
USER asn
# The API client and the exports of tools/, and the training contract's programme forms and kinds
COPY tools ./tools
COPY services/assessment/__init__.py services/assessment/contract.py ./services/assessment/
COPY services/training/__init__.py services/training/contract.py ./services/training/
COPY services/portal ./services/portal
