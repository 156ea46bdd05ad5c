# Sourced by deploy/install.sh and deploy/infra.sh: the Java that runs Keycloak (Kafka keeps the
# default `java`). Keycloak 26 needs Java 21 or newer; ASN_KEYCLOAK_JAVA_HOME overrides the search.
KEYCLOAK_JAVA_MIN=21

# Major version of the java binary $1, or nothing.
java_major_of() {
    "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1
}

# Prints a JAVA_HOME with Java >= 21: ASN_KEYCLOAK_JAVA_HOME, else the newest /usr/lib/jvm/*,
# else the default java if it is new enough; returns 1 (printing nothing) when there is none.
keycloak_java_home() {
    local home major best="" best_major=0
    if [[ -n "${ASN_KEYCLOAK_JAVA_HOME:-}" ]]; then
        major="$(java_major_of "$ASN_KEYCLOAK_JAVA_HOME/bin/java")"
        [[ "$major" =~ ^[0-9]+$ ]] && (( major >= KEYCLOAK_JAVA_MIN )) || return 1
        echo "$ASN_KEYCLOAK_JAVA_HOME"; return 0
    fi
    for home in /usr/lib/jvm/* "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
        [[ -x "$home/bin/java" ]] || continue
        major="$(java_major_of "$home/bin/java")"
        [[ "$major" =~ ^[0-9]+$ ]] || continue
        if (( major > best_major )); then best="$home"; best_major="$major"; fi
    done
    (( best_major >= KEYCLOAK_JAVA_MIN )) || return 1
    echo "$best"
}

KEYCLOAK_JAVA_HINT="Keycloak needs Java $KEYCLOAK_JAVA_MIN or newer and none was found under /usr/lib/jvm: install one (e.g. a Temurin 21+ JDK) or set ASN_KEYCLOAK_JAVA_HOME"
