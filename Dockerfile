# One image for every service process (web, relay, consumer) and for the
# one-shot `asn setup`; docker-compose.yml picks the command.
FROM python:3.11-slim

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first, so a code change does not reinstall them.
COPY requirements.txt ./
RUN pip install -r requirements.txt

# Only the code (not .venv/, .local/ or tests/ of the build context).
COPY pyproject.toml ./
COPY shared ./shared
COPY services ./services
RUN pip install --no-deps -e .

EXPOSE 8000
