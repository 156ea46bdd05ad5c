#!/usr/bin/env bash
# Install what the local stack needs, idempotently (a second run is quick):
#   - PostgreSQL server from Debian's packages (when no server is installed),
#   - Apache Kafka jars from Maven Central into .local/kafka/libs (deploy/kafka/pom.xml),
#   - Debian's Chromium and two small font families, for the browser tests (tests/browser),
#   - Pango and HarfBuzz for WeasyPrint (the portal's PDF forms), poppler-utils for their tests,
#   - the Python virtual environment .venv with requirements.txt and this project (-e .),
#   - the pinned front-end npm packages (package-lock.json) into node_modules with `npm ci`,
#   - with `deploy/install.sh keycloak` (or ASN_KEYCLOAK=1) also the Keycloak distribution from
#     Maven Central into .local/keycloak/dist (deploy/keycloak/pom.xml; needs Java 21+).
# Then `deploy/infra.sh start` runs PostgreSQL and Kafka (`start keycloak`: Keycloak too).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
POM="$REPO/deploy/kafka/pom.xml"
KAFKA_HOME="$REPO/.local/kafka"
LIBS="$KAFKA_HOME/libs"
VENV="$REPO/.venv"

die() { echo "install.sh: error: $*" >&2; exit 1; }
say() { echo "==> $*"; }

# ---------------------------------------------------------------- prerequisites
command -v apt-get >/dev/null 2>&1 || die "apt-get not found: this script needs a Debian-based machine"
command -v java >/dev/null 2>&1 || die "java not found: install a Java 17+ JDK/JRE (e.g. apt-get install openjdk-17-jre-headless)"
command -v mvn >/dev/null 2>&1 || die "mvn not found: install Maven (e.g. apt-get install maven)"
command -v python3 >/dev/null 2>&1 || die "python3 not found: install Python 3.11+ (e.g. apt-get install python3)"
java_major="$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)"
[[ "$java_major" =~ ^[0-9]+$ ]] || die "cannot tell the Java version from 'java -version'"
(( java_major >= 17 )) || die "Kafka 4 needs Java 17 or newer; 'java' is Java $java_major"

apt_updated=0
apt_install() {
    if (( ! apt_updated )); then
        apt-get update -q >/dev/null || die "apt-get update failed"
        apt_updated=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null || die "apt-get install $* failed"
}

# ---------------------------------------------------------------- PostgreSQL
if compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null; then
    say "PostgreSQL server already installed ($(printf "%s\n" /usr/lib/postgresql/*/bin/postgres | sed 's:.*/postgresql/\([^/]*\)/.*:\1:' | sort -n | tail -n1))"
else
    say "installing PostgreSQL (apt-get install postgresql)"
    apt_install postgresql
    compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null \
        || die "apt-get installed postgresql but no /usr/lib/postgresql/*/bin/postgres exists"
fi

# ---------------------------------------------------------------- Chromium (browser tests)
# Playwright drives Debian's Chromium by its path (tests/support/browser.py); `playwright install`
# downloads from a CDN this machine cannot reach, so it is never run. DejaVu and Liberation
# (metric-compatible with Arial/Helvetica/Times) cover Indonesian text in screenshots, ~7 MB.
if [[ -x /usr/bin/chromium ]]; then
    say "Chromium already installed ($(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}'))"
else
    say "installing Chromium and fonts (apt-get install chromium fonts-dejavu-core fonts-liberation2)"
    started=$SECONDS
    apt_install chromium fonts-dejavu-core fonts-liberation2
    [[ -x /usr/bin/chromium ]] || die "apt-get installed chromium but /usr/bin/chromium is missing"
    say "  Chromium installed in $((SECONDS - started)) s"
fi

# ---------------------------------------------------------------- PDF (the portal's printable form)
# WeasyPrint (requirements.txt) lays text out with Debian's Pango and HarfBuzz, loaded at run time
# (no compiler needed), with DejaVu and Liberation fonts. poppler-utils (pdftotext,
# pdftoppm, pdfinfo) lets the tests read the PDFs back.
pdf_packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation2
              poppler-utils)
pdf_missing=()
for package in "${pdf_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' \
        || pdf_missing+=("$package")
done
if (( ${#pdf_missing[@]} == 0 )); then
    say "Pango, HarfBuzz and poppler-utils already installed"
else
    say "installing ${pdf_missing[*]} (apt-get install)"
    apt_install "${pdf_missing[@]}"
    command -v pdftotext >/dev/null 2>&1 || die "apt-get installed poppler-utils but pdftotext is missing"
fi

# ---------------------------------------------------------------- Kafka jars
kafka_version="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$POM" | head -n1)"
pom_sha="$(sha256sum "$POM" | cut -d' ' -f1)"
if [[ -f "$LIBS/.complete" && "$(cat "$LIBS/.complete")" == "$pom_sha" ]]; then
    say "Kafka $kafka_version jars already in .local/kafka/libs"
else
    say "fetching Kafka $kafka_version jars from Maven Central (deploy/kafka/pom.xml)"
    mkdir -p "$KAFKA_HOME"
    tmp="$KAFKA_HOME/libs.tmp"
    rm -rf "$tmp"
    started=$SECONDS
    if ! mvn -q -B -f "$POM" dependency:copy-dependencies -DoutputDirectory="$tmp" \
            >"$KAFKA_HOME/mvn.log" 2>&1; then
        tail -n 40 "$KAFKA_HOME/mvn.log" >&2
        die "Maven could not fetch the Kafka jars (full log: .local/kafka/mvn.log)"
    fi
    compgen -G "$tmp/kafka_2.13-*.jar" >/dev/null || die "Maven ran but no kafka_2.13 jar was copied"
    # Replace the whole folder so jars of an older pom never stay on the classpath.
    rm -rf "$LIBS"
    mv "$tmp" "$LIBS"
    echo "$pom_sha" >"$LIBS/.complete"
    say "  $(find "$LIBS" -name '*.jar' | wc -l) jars in $((SECONDS - started)) s"
fi

# ---------------------------------------------------------------- Python venv
if [[ -x "$VENV/bin/python" ]] && ! "$VENV/bin/python" -c 'import sys' >/dev/null 2>&1; then
    say "removing broken virtual environment .venv"
    rm -rf "$VENV"
fi
if [[ ! -x "$VENV/bin/python" ]]; then
    if ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
        py_minor="$(python3 -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
        say "installing python${py_minor}-venv"
        apt_install "python${py_minor}-venv"
    fi
    say "creating virtual environment .venv"
    python3 -m venv "$VENV"
fi

[[ -f "$REPO/requirements.txt" ]] || die "requirements.txt not found in $REPO"
[[ -f "$REPO/pyproject.toml" ]] || die "pyproject.toml not found in $REPO"
req_sha="$(cat "$REPO/requirements.txt" "$REPO/pyproject.toml" | sha256sum | cut -d' ' -f1)"
stamp="$VENV/.requirements.sha256"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$req_sha" ]]; then
    say "Python packages up to date (.venv)"
else
    say "installing Python packages into .venv (requirements.txt, -e .)"
    rm -f "$stamp"
    "$VENV/bin/pip" install -q --disable-pip-version-check -r "$REPO/requirements.txt"
    "$VENV/bin/pip" install -q --disable-pip-version-check -e "$REPO"
    echo "$req_sha" >"$stamp"
fi

# ---------------------------------------------------------------- npm packages
# axe-core (injected by the browser tests), htmx.org and chart.js (vendored into the portal by
# deploy/vendor.sh), exactly as package-lock.json pins them.
[[ -f "$REPO/package-lock.json" ]] || die "package-lock.json not found in $REPO"
if ! command -v npm >/dev/null 2>&1; then
    say "installing npm (apt-get install npm)"
    apt_install npm
fi
lock_sha="$(sha256sum "$REPO/package-lock.json" | cut -d' ' -f1)"
npm_stamp="$REPO/node_modules/.package-lock.sha256"
if [[ -f "$npm_stamp" && "$(cat "$npm_stamp")" == "$lock_sha" ]]; then
    say "npm packages up to date (node_modules)"
else
    say "installing npm packages into node_modules (npm ci)"
    (cd "$REPO" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || die "npm ci failed"
    echo "$lock_sha" >"$npm_stamp"
fi

# ---------------------------------------------------------------- Keycloak (on request)
if [[ "${1:-}" == keycloak || "${ASN_KEYCLOAK:-0}" == 1 ]]; then
    # shellcheck source=keycloak/java.sh
    source "$REPO/deploy/keycloak/java.sh"
    keycloak_java_home >/dev/null || die "$KEYCLOAK_JAVA_HINT"
    KC_POM="$REPO/deploy/keycloak/pom.xml"
    KC_HOME="$REPO/.local/keycloak"
    kc_version="$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' "$KC_POM" | head -n1)"
    kc_sha="$(sha256sum "$KC_POM" | cut -d' ' -f1)"
    if [[ -f "$KC_HOME/dist/.complete" && "$(cat "$KC_HOME/dist/.complete")" == "$kc_sha" ]]; then
        say "Keycloak $kc_version already in .local/keycloak/dist"
    else
        say "fetching Keycloak $kc_version from Maven Central (deploy/keycloak/pom.xml, ~165 MB)"
        command -v unzip >/dev/null 2>&1 || apt_install unzip
        mkdir -p "$KC_HOME"
        rm -rf "$KC_HOME/download" "$KC_HOME/dist.tmp"
        started=$SECONDS
        if ! mvn -q -B -f "$KC_POM" dependency:copy -DoutputDirectory="$KC_HOME/download" \
                >"$KC_HOME/mvn.log" 2>&1; then
            tail -n 40 "$KC_HOME/mvn.log" >&2
            die "Maven could not fetch Keycloak (full log: .local/keycloak/mvn.log)"
        fi
        unzip -q "$KC_HOME/download/keycloak-quarkus-dist.zip" -d "$KC_HOME/dist.tmp" \
            || die "could not unpack the Keycloak zip"
        [[ -x "$KC_HOME/dist.tmp/keycloak-$kc_version/bin/kc.sh" ]] || die "no bin/kc.sh in the Keycloak zip"
        # A new version starts with a fresh development database (data/ lives in the dist).
        rm -rf "$KC_HOME/dist" "$KC_HOME/download"
        mv "$KC_HOME/dist.tmp/keycloak-$kc_version" "$KC_HOME/dist"
        rmdir "$KC_HOME/dist.tmp"
        echo "$kc_sha" >"$KC_HOME/dist/.complete"
        say "  Keycloak $kc_version unpacked in $((SECONDS - started)) s"
    fi
fi

say "install done; next: deploy/infra.sh start"
