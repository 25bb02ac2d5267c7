#!/usr/bin/env bash
# How long Crosspost takes to start on this machine, on PostgreSQL with the bot configured: from the launch of the JVM
# to the first HTTP answer (any status of /actuator/health), and from then to the bot in its room (health component
# xmpp: connected, the room joined), and the CPU time the JVM used until it answered (steadier than the wall clock
# on a shared machine). Not a test: it prints figures, one line per start, then the medians.
#
#   ./mvnw -B -DskipTests package && bash src/bench/start-time.sh
#
# Environment (all optional):
#   RUNS=5              starts measured (after one start, not counted, that creates the schema)
#   JAR=target/crosspost-*.jar      the jar started (or the launcher of an extracted jar: see docs/operations.md)
#   JAVA_OPTS="..."     JVM options besides -Xmx512m (e.g. -XX:SharedArchiveFile=app.jsa)
#   APP_ARGS="..."      Spring arguments besides database, port and bot (e.g. --spring.main.lazy-initialization=true)
#   STOP=kill           how each measured run ends: "kill" (kill -9: the next start is a restart after a crash, with
#                       the bot's takeover wait) or "term" (a clean stop: the next start needs no wait)
#   PG=127.0.0.1:5432   PostgreSQL, user/password postgres/postgres; a database crosspost_start_<pid> is made and
#                       dropped
# Needs prosody, prosodyctl, psql, curl, jq. Starts its own Prosody from the tests' config on a free port.
set -euo pipefail
cd "$(dirname "$0")/../.."

RUNS=${RUNS:-5}
STOP=${STOP:-kill}
PG=${PG:-127.0.0.1:5432}
JAR=${JAR:-$(ls target/crosspost-*.jar | head -1)}
PGHOST=${PG%:*}
PGPORT=${PG#*:}
DB=crosspost_start_$$
WORK=$(mktemp -d)
ROOM=team@conference.localhost
APP_PID=
PROSODY_PID=

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
psql_admin() { PGPASSWORD=postgres psql -q -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -c "$1" >/dev/null; }

cleanup() {
  [ -n "$APP_PID" ] && kill -9 "$APP_PID" 2>/dev/null || true
  [ -n "$PROSODY_PID" ] && kill "$PROSODY_PID" 2>/dev/null || true
  psql_admin "drop database if exists $DB with (force)" || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# Prosody: the tests' config, rendered as the tests' ProsodyServer does
XMPP_PORT=$(free_port)
mkdir -p "$WORK/prosody/certs" "$WORK/prosody/data"
sed -e "s#@PORT@#$XMPP_PORT#g" -e "s#@DATA@#$WORK/prosody/data#g" -e "s#@PID@#$WORK/prosody/pid#g" \
    -e "s#@LOG@#$WORK/prosody/log#g" src/test/env/prosody/prosody.cfg.lua.template > "$WORK/prosody/prosody.cfg.lua"
prosodyctl --config "$WORK/prosody/prosody.cfg.lua" register bot localhost bot-secret >/dev/null
# the room archive's SQLite file in write-ahead-log mode, as the tests' ProsodyServer makes it
DATABASE="$WORK/prosody/data/prosody.sqlite" lua5.4 -e 'local db = assert(require("DBI").Connect("SQLite3",
  os.getenv("DATABASE"))) db:autocommit(true) assert(assert(db:prepare("PRAGMA journal_mode=WAL")):execute()) db:close()'
(cd "$WORK/prosody" && exec prosody -F --config "$WORK/prosody/prosody.cfg.lua" >/dev/null 2>&1) &
for _ in $(seq 50); do [ -s "$WORK/prosody/pid" ] && break; sleep 0.1; done
PROSODY_PID=$(cat "$WORK/prosody/pid")

psql_admin "drop database if exists $DB"
psql_admin "create database $DB"
PORT=$(free_port)
ADMIN_PASSWORD=start-time-admin-1

start_app() {
  # shellcheck disable=SC2086
  CROSSPOST_ADMIN_PASSWORD=$ADMIN_PASSWORD java -Xmx512m ${JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT" \
    --spring.profiles.active=postgres --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$DB" \
    --spring.datasource.username=postgres --spring.datasource.password=postgres \
    --crosspost.xmpp.enabled=true --crosspost.xmpp.host=127.0.0.1 --crosspost.xmpp.port="$XMPP_PORT" \
    --crosspost.xmpp.domain=localhost --crosspost.xmpp.username=bot --crosspost.xmpp.password=bot-secret \
    --crosspost.xmpp.resource=crosspost --crosspost.xmpp.rooms=$ROOM --crosspost.xmpp.tls=disabled \
    ${APP_ARGS:-} >"$WORK/app-$1.log" 2>&1 &
  APP_PID=$!
}

# CPU seconds (user + system) the app's JVM has used so far
cpu() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$APP_PID/stat"; }

# writes "<seconds to HTTP> <seconds from HTTP to the bot in the room> <CPU seconds until HTTP>" to $WORK/result
measure() {
  local t0 http bot status cpu_http
  t0=$(now); start_app "$1"
  while :; do
    status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/actuator/health" || true)
    [ "$status" != "000" ] && break
    kill -0 "$APP_PID" 2>/dev/null || { echo "the app died: $WORK/app-$1.log" >&2; tail -20 "$WORK/app-$1.log" >&2; exit 1; }
    sleep 0.05
  done
  http=$(now)
  cpu_http=$(cpu)
  while :; do
    status=$(curl -s -u "admin:$ADMIN_PASSWORD" "http://127.0.0.1:$PORT/actuator/health" \
      | jq -r --arg room "$ROOM" '(.components.xmpp.details.connected == true and .components.xmpp.details.rooms[$room] == true)' 2>/dev/null || true)
    [ "$status" = "true" ] && break
    sleep 0.05
  done
  bot=$(now)
  echo "$(echo "$http - $t0" | bc) $(echo "$bot - $http" | bc) $cpu_http" > "$WORK/result"
}

stop_app() {
  if [ "$1" = kill ]; then kill -9 "$APP_PID"; else kill "$APP_PID"; fi
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=
}

echo "jar $JAR; JAVA_OPTS=${JAVA_OPTS:-} APP_ARGS=${APP_ARGS:-} STOP=$STOP; load: $(cut -d' ' -f1-3 /proc/loadavg)"
measure first   # creates the schema, not counted
stop_app "$STOP"
results=()
for i in $(seq "$RUNS"); do
  measure "$i"
  r=$(cat "$WORK/result")
  results+=("$r")
  printf 'run %d: HTTP after %.1f s (%.1f s of CPU), bot in the room %.1f s later\n' "$i" $(echo "$r" | cut -d' ' -f1) \
    $(echo "$r" | cut -d' ' -f3) $(echo "$r" | cut -d' ' -f2)
  stop_app "$STOP"
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
http_m=$(printf '%s\n' "${results[@]}" | cut -d' ' -f1 | median)
bot_m=$(printf '%s\n' "${results[@]}" | cut -d' ' -f2 | median)
cpu_m=$(printf '%s\n' "${results[@]}" | cut -d' ' -f3 | median)
printf 'median of %d: HTTP after %.1f s (%.1f s of CPU), bot in the room %.1f s later; load after: %s\n' "$RUNS" \
  "$http_m" "$cpu_m" "$bot_m" "$(cut -d' ' -f1-3 /proc/loadavg)"
