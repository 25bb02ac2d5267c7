#!/usr/bin/env bash
# Checks Crosspost's API description with two outside tools against a running instance (docs/api.md):
#  - Redocly CLI lints /v3/api-docs (recommended rules);
#  - Prism, as a validating proxy in front of the app, checks a realistic session of API calls: every answer must
#    match the description (status, headers, body, content type). Calls the description itself forbids (too long,
#    not an allowed value, not JSON, ...) go through a second, forwarding Prism: it must name the rule the request
#    breaks, and the app's refusal must match the description too.
# Starts the built jar (./mvnw -B -DskipTests package first) on free loopback ports with a throw-away H2 database;
# installs the two tools with npm into ~/.cache/crosspost-api-tools on first use. Exit 0 only when nothing is wrong.
set -euo pipefail
cd "$(dirname "$0")/../../.."

PRISM_VERSION=5.14.2
REDOCLY_VERSION=2.77.0
TOOLS=${CROSSPOST_API_TOOLS:-$HOME/.cache/crosspost-api-tools}
JAR=$(ls target/crosspost-*.jar 2>/dev/null | grep -v original | head -1 || true)
[ -n "$JAR" ] || { echo "no target/crosspost-*.jar: run ./mvnw -B -DskipTests package first" >&2; exit 2; }
WORK=$(mktemp -d /tmp/crosspost-api-check.XXXXXX)
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() { for _ in $(seq 1 "$2"); do curl -s -o /dev/null "$1" && return 0; sleep 1; done; echo "not up: $1" >&2; exit 2; }

if [ ! -x "$TOOLS/node_modules/.bin/prism" ] || [ ! -x "$TOOLS/node_modules/.bin/redocly" ]; then
  mkdir -p "$TOOLS"
  (cd "$TOOLS" && { [ -f package.json ] || npm init -y >/dev/null; } && npm install --no-audit --no-fund \
    "@stoplight/prism-cli@$PRISM_VERSION" "@redocly/cli@$REDOCLY_VERSION" >/dev/null)
fi
PRISM=$TOOLS/node_modules/.bin/prism
REDOCLY=$TOOLS/node_modules/.bin/redocly

APP_PORT=$(free_port); STRICT_PORT=$(free_port); LENIENT_PORT=$(free_port)
ADMIN=admin; ADMIN_PW=check-api-admin-pw
CROSSPOST_ADMIN_PASSWORD=$ADMIN_PW java -Xmx512m -jar "$JAR" --server.port="$APP_PORT" \
  --spring.datasource.url="jdbc:h2:file:$WORK/data/crosspost;DB_CLOSE_ON_EXIT=FALSE" >"$WORK/app.log" 2>&1 &
PIDS+=($!)
APP=http://127.0.0.1:$APP_PORT
wait_for "$APP/actuator/health" 180
curl -sf "$APP/v3/api-docs" >"$WORK/openapi.json"

echo "== Redocly CLI $REDOCLY_VERSION: lint"
"$REDOCLY" lint --config src/test/env/redocly.yaml "$WORK/openapi.json" 2>&1 | grep -v -e '^ *║' -e '^ *╔' -e '^ *╚' \
  | sed '/^$/d' | tee "$WORK/redocly.txt"
REDOCLY_OK=yes
grep -q "Your API description is valid" "$WORK/redocly.txt" || REDOCLY_OK=no
grep -qE "You have [0-9]+ warning" "$WORK/redocly.txt" && REDOCLY_OK=no

"$PRISM" proxy "$WORK/openapi.json" "$APP" --errors -h 127.0.0.1 -p "$STRICT_PORT" >"$WORK/prism-strict.log" 2>&1 &
PIDS+=($!)
"$PRISM" proxy "$WORK/openapi.json" "$APP" -h 127.0.0.1 -p "$LENIENT_PORT" >"$WORK/prism-lenient.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$STRICT_PORT/" 60
wait_for "http://127.0.0.1:$LENIENT_PORT/" 60
STRICT=http://127.0.0.1:$STRICT_PORT
LENIENT=http://127.0.0.1:$LENIENT_PORT

CALLS=0; FAULTS=0
BODY=$WORK/body; HEADERS=$WORK/headers
json() { jq -r "$1" "$BODY"; }
fault() { FAULTS=$((FAULTS + 1)); echo "FAULT $*"; }

# call EXPECTED_STATUS USER METHOD PATH [curl args...]: a call the description allows, through the strict Prism.
call() {
  local expected=$1 user=$2 method=$3 path=$4; shift 4
  local auth=(); [ "$user" = - ] || auth=(-u "$user")
  local status
  status=$(curl -s -o "$BODY" -D "$HEADERS" -w '%{http_code}' "${auth[@]}" -X "$method" "$@" "$STRICT$path")
  CALLS=$((CALLS + 1))
  local warnings
  warnings=$(grep -i '^sl-violations:' "$HEADERS" | cut -d' ' -f2- | tr -d '\r' || true)
  if grep -q 'stoplight.io/prism/errors' "$BODY" 2>/dev/null; then
    fault "$method $path: $(jq -c '.validation // .detail' "$BODY")"
  elif [ -n "$warnings" ]; then
    # --errors turns only errors into Prism's own answer; an undeclared status is a warning, passed on in a header
    fault "$method $path -> $status: $warnings"
  elif [ "$status" != "$expected" ]; then
    fault "$method $path: status $status, expected $expected: $(head -c 300 "$BODY")"
  else
    echo "ok    $status $method $path"
  fi
}

# refused EXPECTED_STATUS USER METHOD PATH [curl args...]: a request that breaks a rule the description states,
# through the forwarding Prism: Prism must name it (a request violation), the app must refuse it with
# EXPECTED_STATUS, and the refusal must match the description (no response violation).
refused() {
  local expected=$1 user=$2 method=$3 path=$4; shift 4
  local auth=(); [ "$user" = - ] || auth=(-u "$user")
  local status violations
  status=$(curl -s -o "$BODY" -D "$HEADERS" -w '%{http_code}' "${auth[@]}" -X "$method" "$@" "$LENIENT$path")
  CALLS=$((CALLS + 1))
  violations=$(grep -i '^sl-violations:' "$HEADERS" | cut -d' ' -f2- | tr -d '\r' || true)
  [ -n "$violations" ] || violations='[]'
  if [ "$status" != "$expected" ]; then
    fault "$method $path: status $status, expected $expected: $(head -c 300 "$BODY")"
  elif [ "$(jq '[.[] | select(.location[0] == "response")] | length' <<<"$violations")" != 0 ]; then
    fault "$method $path: the answer breaks the description: $(jq -c '[.[] | select(.location[0] == "response")]' <<<"$violations")"
  elif [ "$(jq '[.[] | select(.location[0] == "request")] | length' <<<"$violations")" = 0 ]; then
    fault "$method $path: refused with $status, but the description does not say the request is wrong"
  else
    echo "ok    $status $method $path (Prism: $(jq -r '[.[] | select(.location[0] == "request") | .message] | join("; ")' <<<"$violations"))"
  fi
}

JSON=(-H 'Content-Type: application/json')
A=$ADMIN:$ADMIN_PW
# Members and teams are Camunda users and groups, made through Camunda's API (not in Crosspost's description):
# alice and bob in team and ops, only bob in secret.
for group in ops secret; do
  curl -sf -u "$A" "${JSON[@]}" -X POST "$APP/engine-rest/group/create" \
    -d "{\"id\":\"$group\",\"name\":\"$group\",\"type\":\"WORKFLOW\"}" >/dev/null
done
for who in alice bob; do
  curl -sf -u "$A" "${JSON[@]}" -X POST "$APP/engine-rest/user/create" -d "{\"profile\":{\"id\":\"$who\",\"firstName\":\"${who^}\",\"lastName\":\"Tester\",\"email\":\"$who@example.org\"},\"credentials\":{\"password\":\"$who-pw-123\"}}" >/dev/null
  for group in team ops; do curl -sf -u "$A" -X PUT "$APP/engine-rest/group/$group/members/$who" >/dev/null; done
done
curl -sf -u "$A" -X PUT "$APP/engine-rest/group/secret/members/bob" >/dev/null
AL=alice:alice-pw-123; BO=bob:bob-pw-123

echo "== Prism $PRISM_VERSION: a session (admin, alice and bob, HTTP Basic)"
call 200 "$A" GET /api/me
call 200 "$AL" GET /api/me
call 201 "$AL" POST /api/shoutboxes/team/shouts "${JSON[@]}" -d '{"text":"Stand-up moved to 10:00"}'
SHOUT=$(json .id)
call 201 "$AL" POST /api/shoutboxes/team/shouts "${JSON[@]}" -H 'Idempotency-Key: k-1' -d '{"text":"once"}'
call 200 "$AL" POST /api/shoutboxes/team/shouts "${JSON[@]}" -H 'Idempotency-Key: k-1' -d '{"text":"once"}'
call 201 "$AL" POST /api/shoutboxes/ops/shouts "${JSON[@]}" -H 'Idempotency-Key: k-1' -d '{"text":"once"}'
call 201 "$BO" POST /api/shoutboxes/team/shouts "${JSON[@]}" -d '{"text":"bob says hi"}'
BOB_SHOUT=$(json .id)
call 200 "$BO" GET /api/shoutboxes/team/shouts
call 200 "$AL" GET '/api/shoutboxes/team/shouts?limit=2'
call 403 "$AL" GET /api/shoutboxes/secret/shouts
call 403 "$AL" POST /api/shoutboxes/secret/shouts "${JSON[@]}" -d '{"text":"let me in"}'
call 404 "$AL" GET /api/shoutboxes/no-such-team/shouts
call 400 "$AL" POST /api/shoutboxes/team/shouts "${JSON[@]}" -d '{"text":"   "}'
call 400 "$AL" POST /api/shoutboxes/team/shouts "${JSON[@]}" -d '{"text": "broken'
refused 400 "$AL" POST /api/shoutboxes/team/shouts "${JSON[@]}" -d '{"text": 42}'
call 406 "$AL" GET /api/stories -H 'Accept: text/csv'
call 406 "$AL" GET /api/shoutboxes/team/stream -H 'Accept: application/json'
call 201 "$AL" POST /api/stories "${JSON[@]}" -d '{"title":"Release 2.4","body":"Thanks to all testers.","team":"team"}'
STORY=$(json .id)
call 201 "$BO" POST /api/stories "${JSON[@]}" -d '{"title":"Lunch","body":"Pizza on Friday."}'
BOB_STORY=$(json .id)
call 200 "$AL" GET /api/stories
call 200 "$AL" GET '/api/stories?page=0&size=5'
call 200 "$BO" GET "/api/stories/$STORY"
call 200 "$AL" PUT "/api/stories/$STORY" "${JSON[@]}" -d '{"title":"Release 2.4 is out","version":1}'
call 409 "$AL" PUT "/api/stories/$STORY" "${JSON[@]}" -d '{"body":"stale edit","version":1}'
call 403 "$AL" PUT "/api/stories/$BOB_STORY" "${JSON[@]}" -d '{"title":"not mine"}'
call 404 "$AL" GET /api/stories/no-such-story
call 201 "$BO" POST "/api/stories/$STORY/comments" "${JSON[@]}" -d '{"body":"Well done!"}'
COMMENT=$(json .id)
call 404 "$BO" POST /api/stories/no-such-story/comments "${JSON[@]}" -d '{"body":"lost"}'
call 200 "$AL" GET "/api/stories/$STORY"
call 201 "$AL" POST /api/subscriptions "${JSON[@]}" -d '{"channel":"shoutbox:team","method":"mail","interval":"daily"}'
SUBSCRIPTION=$(json .id)
call 409 "$AL" POST /api/subscriptions "${JSON[@]}" -d '{"channel":"shoutbox:team","method":"mail","interval":"daily"}'
call 201 "$AL" POST /api/subscriptions "${JSON[@]}" -d '{"channel":"event:story","method":"mail"}'
call 200 "$AL" GET /api/subscriptions
call 404 "$AL" DELETE /api/subscriptions/no-such-subscription
call 200 "$AL" GET /api/subscriptions/settings
call 200 "$AL" PUT /api/subscriptions/settings "${JSON[@]}" -d '{"xmppOffline":"mail"}'
call 200 "$AL" GET /api/members/alice/profile
call 200 "$AL" PUT /api/members/alice/profile "${JSON[@]}" -d '{"email":"alice@example.com"}'
call 200 "$AL" PUT /api/members/alice/profile "${JSON[@]}" -d '{"xmpp":"alice@chat.example.org"}'
call 400 "$AL" POST /api/members/alice/verify "${JSON[@]}" -d '{"code":"000000"}'
call 403 "$AL" GET /api/members/bob/profile
call 403 "$AL" PUT /api/members/alice/profile "${JSON[@]}" -d '{"name":"Queen Alice"}'
call 200 "$A" GET /api/members/alice/profile
call 200 "$A" PUT /api/members/alice/profile "${JSON[@]}" -d '{"name":"Alice Liddell"}'
call 404 "$A" GET /api/members/nobody/profile
call 200 "$AL" GET /api/rooms
call 200 "$AL" GET "/api/cockpit/sends?messageIds=$SHOUT"
call 200 "$A" GET "/api/cockpit/sends?messageIds=$SHOUT,$BOB_SHOUT"
call 200 "$A" GET '/api/cockpit/sends/messages?processDefinitionKey=shoutbox-team&outcome=failed'
call 200 "$A" GET /api/cockpit/channels
call 200 "$AL" GET /api/cockpit/channels
call 200 "$A" GET /api/channels
call 200 "$A" GET /api/channels/cluster
call 403 "$AL" GET /api/channels
call 403 "$AL" GET /api/removals
call 200 "$AL" PATCH "/api/shoutboxes/team/shouts/$SHOUT" "${JSON[@]}" -d '{"text":"Stand-up moved to 10:30"}'
call 403 "$AL" PATCH "/api/shoutboxes/team/shouts/$BOB_SHOUT" "${JSON[@]}" -d '{"text":"not mine"}'
call 404 "$AL" PATCH /api/shoutboxes/team/shouts/no-such-shout "${JSON[@]}" -d '{"text":"gone"}'
call 400 "$AL" PATCH "/api/shoutboxes/team/shouts/$SHOUT" "${JSON[@]}" -d '{"text":"   "}'
call 200 "$A" PATCH "/api/shoutboxes/team/shouts/$BOB_SHOUT" "${JSON[@]}" -d '{"text":"bob says hi (an admin edited)"}'
refused 400 "$AL" PATCH "/api/shoutboxes/team/shouts/$SHOUT" "${JSON[@]}" -d '{"text": 42}'
call 403 "$AL" DELETE "/api/shoutboxes/team/shouts/$BOB_SHOUT"
call 204 "$AL" DELETE "/api/shoutboxes/team/shouts/$SHOUT"
call 404 "$AL" DELETE "/api/shoutboxes/team/shouts/$SHOUT"
call 204 "$BO" DELETE "/api/stories/$STORY/comments/$COMMENT"
call 204 "$A" DELETE "/api/stories/$BOB_STORY"
call 204 "$AL" DELETE "/api/subscriptions/$SUBSCRIPTION"
call 200 "$A" GET /api/removals
call 200 "$A" GET '/api/removals?limit=2'
# webhooks (admins only); an outgoing hook to this machine is refused: no private host is allowed here
call 201 "$A" POST /api/hooks/incoming "${JSON[@]}" -d '{"name":"ci","preset":"github"}'
call 409 "$A" POST /api/hooks/incoming "${JSON[@]}" -d '{"name":"ci","preset":"text"}'
call 200 "$A" GET /api/hooks/incoming
call 200 "$A" GET /api/hooks/incoming/ci
call 200 "$A" POST /api/hooks/incoming/ci/secret
call 404 "$A" GET /api/hooks/incoming/nope
call 403 "$AL" GET /api/hooks/incoming
call 400 "$A" POST /api/hooks/outgoing "${JSON[@]}" -d '{"name":"mm","url":"http://127.0.0.1:9/hooks","format":"slack"}'
call 200 "$A" GET /api/hooks/outgoing
call 204 "$A" DELETE /api/hooks/incoming/ci
call 401 "alice:wrong-password" GET /api/me
grep -qi '^WWW-Authenticate: Basic realm="Crosspost"' "$HEADERS" || fault "401 without the Basic challenge"
call 200 "$AL" GET /api/me
grep -qi '^set-cookie' "$HEADERS" && fault "a Basic-authenticated call created a session: $(grep -i '^set-cookie' "$HEADERS")"

echo "== Prism $PRISM_VERSION: requests the description forbids (forwarded, must be named and refused as declared)"
LONG=$(printf 'x%.0s' $(seq 1 4001))
refused 401 - GET /api/me
refused 400 "$A" POST /api/hooks/incoming "${JSON[@]}" -d '{"name":"ci2","preset":"jenkins"}'
refused 400 "$AL" POST /api/shoutboxes/team/shouts "${JSON[@]}" -d "{\"text\":\"$LONG\"}"
refused 400 "$AL" POST /api/shoutboxes/team/shouts "${JSON[@]}" -d '{"text":""}'
refused 400 "$AL" POST /api/shoutboxes/team/shouts "${JSON[@]}" -d '{"words":"no text field"}'
refused 415 "$AL" POST /api/shoutboxes/team/shouts -H 'Content-Type: text/plain' -d 'plain text'
refused 400 "$AL" GET '/api/shoutboxes/team/shouts?limit=0'
refused 400 "$AL" GET '/api/stories?size=1000'
refused 400 "$AL" POST /api/subscriptions "${JSON[@]}" -d '{"channel":"shoutbox:team","method":"fax"}'
refused 400 "$AL" PUT /api/subscriptions/settings "${JSON[@]}" -d '{"xmppOffline":"never"}'
refused 400 "$AL" PUT /api/members/alice/profile "${JSON[@]}" -d '{"phone":"555-CALL-ME"}'
refused 400 "$AL" PUT /api/members/alice/profile "${JSON[@]}" -d '{"nickname":"Al"}'
refused 400 "$A" GET '/api/removals?limit=5000'
refused 400 "$A" GET '/api/cockpit/sends/messages?processDefinitionKey=shoutbox-team&outcome=lost'
head -c 300000 /dev/zero | tr '\0' 'x' | sed 's/^/{"text":"/; s/$/"}/' >"$WORK/big.json"
refused 413 "$AL" POST /api/shoutboxes/team/shouts "${JSON[@]}" --data-binary "@$WORK/big.json"

echo "== $CALLS calls, $FAULTS faults; Redocly: $([ $REDOCLY_OK = yes ] && echo 'valid, no warning' || echo 'FAULTS')"
echo "   (logs in $WORK)"
[ "$FAULTS" = 0 ] && [ "$REDOCLY_OK" = yes ]
