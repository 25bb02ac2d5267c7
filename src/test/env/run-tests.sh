#!/usr/bin/env bash
# Crosspost's test command:   bash src/test/env/run-tests.sh [extra Maven arguments]
#
# On a Debian machine with only Java 17 it
#   1. installs what the tests need from Debian's packages if it is missing
#      (prosody, lua-unbound, lua-dbi-sqlite3, chromium, chromium-driver, postgresql, fortunes-min, and nginx-light,
#      whose "nginx -t" checks docker/nginx/crosspost.conf),
#   2. makes sure PostgreSQL answers on 127.0.0.1:$CROSSPOST_TEST_PG_PORT (starting the local cluster
#      if needed, and stopping it again on exit), that user postgres can log in there with password
#      "postgres" (the tests create their databases themselves, named after CROSSPOST_TEST_DB),
#   3. runs ./mvnw -B verify -Dit.db=postgres "$@" from the repository root and exits with its code.
#
# NOTE: when user postgres cannot log in over TCP with password "postgres" (a fresh Debian cluster:
# no password at all), this script SETS THE PASSWORD OF THE POSTGRESQL SUPERUSER postgres TO "postgres",
# permanently (ALTER USER, as the postgres OS user). Run it on a test machine, or give postgres that
# password yourself first; it never changes a password that already works.
#
# It starts no Prosody: the Java integration tests start their own servers from
# src/test/env/prosody/prosody.cfg.lua.template.
#
# Environment:
#   CROSSPOST_TEST_DB        what the tests' databases are named after (default crosspost_test), so that two checkouts
#                            can test in parallel.
#   CROSSPOST_TEST_PG_PORT   PostgreSQL port on 127.0.0.1 (default 5432).
#   CROSSPOST_SKIP_INSTALL=1 never call apt-get.
# Exported for the tests: CROSSPOST_TEST_DB, CROSSPOST_TEST_PG_PORT (support/TestDatabase and the
# cluster and crash tests read both), CROSSPOST_TEST_REQUIRE_NGINX=1 (NginxConfigTest fails instead
# of being skipped when nginx is missing).
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "${script_dir}/../../.." && pwd)"
cd "${repo_root}"

PG_HOST=127.0.0.1
PG_PORT="${CROSSPOST_TEST_PG_PORT:-5432}"
PG_USER=postgres
PG_PASSWORD=postgres
TEST_DB="${CROSSPOST_TEST_DB:-crosspost_test}"

log() { printf '== %s\n' "$*"; }
warn() { printf '== WARNING: %s\n' "$*" >&2; }
die() { printf '== ERROR: %s\n' "$*" >&2; exit 1; }

case "${TEST_DB}" in
  '' | [0-9]* | *[!A-Za-z0-9_]*) die "CROSSPOST_TEST_DB='${TEST_DB}': use letters, digits and _ only" ;;
esac
case "${PG_PORT}" in
  '' | *[!0-9]*) die "CROSSPOST_TEST_PG_PORT='${PG_PORT}' is not a port number" ;;
esac

# ---- privileges ---------------------------------------------------------------------------------
# as_root CMD...: run CMD as root (directly, or through sudo when we are not root).
if [ "$(id -u)" -eq 0 ]; then
  as_root() { "$@"; }
  can_root=yes
elif command -v sudo >/dev/null 2>&1; then
  as_root() { sudo "$@"; }
  can_root=yes
else
  as_root() { return 1; }
  can_root=no
fi

# as_postgres CMD...: run CMD as the postgres OS user (for peer authentication over the socket).
as_postgres() {
  if [ "$(id -un)" = postgres ]; then
    (cd / && "$@")
  elif [ "$(id -u)" -eq 0 ] && command -v runuser >/dev/null 2>&1; then
    (cd / && runuser -u postgres -- "$@")
  elif [ "$(id -u)" -eq 0 ]; then
    (cd / && su postgres -s /bin/sh -c "$(printf '%q ' "$@")")
  elif [ "${can_root}" = yes ]; then
    (cd / && sudo -u postgres "$@")
  else
    return 1
  fi
}

# ---- cleanup ------------------------------------------------------------------------------------
started_pg_cluster=""   # "VERSION NAME" of a cluster this script started
mvn_pid=""              # Maven, while it runs

# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() {
  local rc=$?
  trap - INT TERM
  if [ -n "${mvn_pid}" ] && kill -0 "${mvn_pid}" 2>/dev/null; then
    log "stopping maven (pid ${mvn_pid})"
    kill -TERM "${mvn_pid}" 2>/dev/null || true
    wait "${mvn_pid}" 2>/dev/null || true
  fi
  if [ -n "${started_pg_cluster}" ]; then
    log "stopping PostgreSQL cluster ${started_pg_cluster} (started by this script)"
    # shellcheck disable=SC2086  # two words on purpose: version and cluster name
    as_root pg_ctlcluster --skip-systemctl-redirect ${started_pg_cluster} stop || warn "could not stop PostgreSQL ${started_pg_cluster}"
  fi
  exit "${rc}"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- 1. packages --------------------------------------------------------------------------------
pg_ready() {
  command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h "${PG_HOST}" -p "${PG_PORT}" -t 3
}

pg_server_installed() {
  command -v pg_ctlcluster >/dev/null 2>&1 && compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null
}

deb_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

missing=()
if ! command -v prosody >/dev/null 2>&1 && [ ! -x /usr/bin/prosody ]; then missing+=(prosody); fi
# lua-unbound is only a Recommends of prosody; without it every prosody/prosodyctl run prints a
# banner about the old DNS resolver.
if command -v dpkg-query >/dev/null 2>&1 && ! deb_installed lua-unbound; then missing+=(lua-unbound); fi
# The rooms' archive is in Prosody's SQL storage (SQLite), which needs LuaDBI's SQLite driver.
if command -v dpkg-query >/dev/null 2>&1 && ! deb_installed lua-dbi-sqlite3; then missing+=(lua-dbi-sqlite3); fi
if [ ! -x /usr/bin/chromium ]; then missing+=(chromium); fi
if [ ! -x /usr/bin/chromedriver ]; then missing+=(chromium-driver); fi
if ! pg_server_installed && ! pg_ready; then
  missing+=(postgresql)
elif ! command -v psql >/dev/null 2>&1; then
  missing+=(postgresql-client)
fi
if [ ! -d /usr/share/games/fortunes ]; then missing+=(fortunes-min); fi
# nginx -t of the compose setup's load balancer (NginxConfigTest): the tests use the binary only, they start no nginx
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then missing+=(nginx-light); fi

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "${CROSSPOST_SKIP_INSTALL:-0}" = 1 ]; then
    warn "missing: ${missing[*]} (CROSSPOST_SKIP_INSTALL=1, not installing; tests that need them will fail)"
  elif [ "${can_root}" != yes ] || ! command -v apt-get >/dev/null 2>&1; then
    warn "missing: ${missing[*]}"
    warn "cannot install them here (needs root or sudo, and apt-get). Install them by hand:"
    warn "  apt-get install -y --no-install-recommends ${missing[*]}"
  else
    for p in "${missing[@]}"; do log "installing ${p}"; done
    apt_log="$(mktemp)"
    if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >"${apt_log}" 2>&1; then
      tail -n 20 "${apt_log}" >&2
      warn "apt-get update failed; trying the package lists already on this machine"
    fi
    if as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >"${apt_log}" 2>&1; then
      log "installed ${missing[*]}"
    else
      tail -n 30 "${apt_log}" >&2
      warn "apt-get install ${missing[*]} failed; tests that need them will fail"
      warn "  try by hand: apt-get install -y --no-install-recommends ${missing[*]}"
    fi
    rm -f "${apt_log}"
  fi
fi

# ---- 2. PostgreSQL ------------------------------------------------------------------------------
if pg_ready; then
  log "postgres already running on ${PG_HOST}:${PG_PORT}"
else
  command -v pg_lsclusters >/dev/null 2>&1 || die "PostgreSQL is not running on ${PG_HOST}:${PG_PORT} and is not installed (package postgresql)"
  # The cluster that is configured for our port, else the first version's "main".
  cluster="$(pg_lsclusters -h 2>/dev/null | awk -v port="${PG_PORT}" '$3 == port { print $1, $2; exit }')"
  if [ -z "${cluster}" ] && [ "${PG_PORT}" = 5432 ] && [ -d /etc/postgresql ]; then
    # shellcheck disable=SC2012  # version directories are plain numbers
    version="$(ls /etc/postgresql | sort -V | head -n 1)"
    if [ -n "${version}" ] && [ -d "/etc/postgresql/${version}/main" ]; then cluster="${version} main"; fi
  fi
  if [ -z "${cluster}" ] && [ "${PG_PORT}" = 5432 ]; then
    # shellcheck disable=SC2012  # version directories are plain numbers
    version="$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1)"
    [ -n "${version}" ] || die "no PostgreSQL server version under /usr/lib/postgresql"
    log "creating PostgreSQL cluster ${version} main"
    as_root pg_createcluster "${version}" main -p "${PG_PORT}" >/dev/null || die "pg_createcluster ${version} main failed"
    cluster="${version} main"
  fi
  [ -n "${cluster}" ] || die "no PostgreSQL cluster is configured for port ${PG_PORT}"
  log "starting PostgreSQL cluster ${cluster}"
  # shellcheck disable=SC2086  # two words on purpose: version and cluster name
  as_root pg_ctlcluster --skip-systemctl-redirect ${cluster} start || die "could not start PostgreSQL cluster ${cluster} (needs root or sudo)"
  started_pg_cluster="${cluster}"
  for _ in $(seq 1 60); do
    pg_ready && break
    sleep 0.5
  done
  pg_ready || die "PostgreSQL cluster ${cluster} started but does not answer on ${PG_HOST}:${PG_PORT}"
fi

# psql over TCP as the tests connect: user postgres, password postgres.
psql_tcp() {
  PGPASSWORD="${PG_PASSWORD}" PGCONNECT_TIMEOUT=5 PGOPTIONS='-c client_min_messages=warning' psql -X -q -w -v ON_ERROR_STOP=1 \
    -h "${PG_HOST}" -p "${PG_PORT}" -U "${PG_USER}" "$@"
}

if ! psql_tcp -d postgres -tAc 'SELECT 1' >/dev/null 2>&1; then
  # Fresh Debian: peer authentication on the socket, scram-sha-256 on TCP, and postgres has no
  # password. Give it the test password over the socket.
  log "setting the password of PostgreSQL user ${PG_USER} (for TCP logins from the tests)"
  as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "${PG_PORT}" -d postgres \
    -c "ALTER USER ${PG_USER} PASSWORD '${PG_PASSWORD}'" \
    || die "could not set the password of ${PG_USER} (needs root/sudo for 'su postgres')"
  psql_tcp -d postgres -tAc 'SELECT 1' >/dev/null \
    || die "user ${PG_USER} still cannot log in on ${PG_HOST}:${PG_PORT}; check pg_hba.conf (host ... 127.0.0.1/32 scram-sha-256 or trust)"
fi
log "postgres ready on ${PG_HOST}:${PG_PORT}"

# The tests make their own databases, named after ${TEST_DB} (one per test JVM, plus the cluster, crash and
# compose tests' own), afresh: see support/TestDatabase.
psql_tcp -d postgres -tAc 'SELECT 1' >/dev/null || die "user ${PG_USER} cannot log in on ${PG_HOST}:${PG_PORT}"

export CROSSPOST_TEST_DB="${TEST_DB}"
export CROSSPOST_TEST_PG_PORT="${PG_PORT}"
export CROSSPOST_TEST_REQUIRE_NGINX=1

# ---- 3. Maven -----------------------------------------------------------------------------------
if [ -f ./mvnw ]; then
  mvn_cmd=(sh ./mvnw)
  [ -x ./mvnw ] && mvn_cmd=(./mvnw)
elif command -v mvn >/dev/null 2>&1; then
  warn "no ./mvnw in ${repo_root}; using $(command -v mvn)"
  mvn_cmd=(mvn)
else
  die "neither ./mvnw nor mvn found"
fi

log "running ${mvn_cmd[*]} -B verify -Dit.db=postgres $*"
# In the background and waited for, so that a TERM/INT to this script reaches the traps at once
# (and cleanup stops Maven) instead of after Maven has finished.
"${mvn_cmd[@]}" -B verify -Dit.db=postgres "$@" &
mvn_pid=$!
rc=0
wait "${mvn_pid}" || rc=$?
mvn_pid=""
log "maven exited with ${rc}"
exit "${rc}"
