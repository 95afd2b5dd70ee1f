#!/usr/bin/env bash
# Validates examples/monitoring against the real tools, on 127.0.0.1 only, bounded in time:
#   1. promtool check rules   on the exported alert rules (prometheus/perfmon-alerts.yml);
#   2. the demo service in serve mode with background traffic (warm-up, steady, overload, recovery);
#   3. a real Prometheus server (random free port, its own temporary storage, 1 s scrape and
#      evaluation interval) scraping the demo and loading the alert rules;
#   4. the README's PromQL, answered with non-empty, plausible values; every Grafana panel query
#      answered with data; every alert rule evaluated without error.
# Needs java 17, curl, promtool and prometheus (Debian/Ubuntu: apt-get install -y prometheus).
# Environment: DEMO_CMD starts the demo (default: java -jar <examples>/target/perfmon-demo.jar);
# CHECK_TIMEOUT bounds the whole check in seconds (default 240).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
EXAMPLES=$(dirname "$HERE")
RULES=$HERE/prometheus/perfmon-alerts.yml
DASHBOARD=$HERE/grafana/perfmon-dashboard.json
DEMO_CMD=${DEMO_CMD:-"java -jar $EXAMPLES/target/perfmon-demo.jar"}
CHECK_TIMEOUT=${CHECK_TIMEOUT:-240}
DEADLINE=$((SECONDS + CHECK_TIMEOUT))

fail() { echo "check.sh: FAILED: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || fail "$1 not found (install: $2)"; }
need promtool "apt-get install -y prometheus"
need prometheus "apt-get install -y prometheus"
need curl "apt-get install -y curl"
need java "a JDK 17"
[ -f "$RULES" ] || fail "missing $RULES"
[ -f "$DASHBOARD" ] || fail "missing $DASHBOARD"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/perfmon-check.XXXXXX")
DEMO_PID=""
PROM_PID=""
cleanup() {
  [ -n "$PROM_PID" ] && kill "$PROM_PID" 2>/dev/null && wait "$PROM_PID" 2>/dev/null || true
  [ -n "$DEMO_PID" ] && kill "$DEMO_PID" 2>/dev/null && wait "$DEMO_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# Waits (bounded by the global deadline) until the command succeeds.
wait_for() {
  local what=$1; shift
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$DEADLINE" ] || fail "timed out waiting for $what"
    sleep 1
  done
}

free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  fail "no free port found"
}

echo "== promtool check rules"
promtool check rules "$RULES"

echo "== demo service with background traffic"
# shellcheck disable=SC2086 # DEMO_CMD is a command line
$DEMO_CMD serve --host 127.0.0.1 --port 0 --traffic 20 --report-callers 30 --cycle 30s >"$WORK/demo.log" 2>&1 &
DEMO_PID=$!
demo_listening() { grep -q 'listening on http://127.0.0.1:' "$WORK/demo.log"; }
until demo_listening; do
  kill -0 "$DEMO_PID" 2>/dev/null || { cat "$WORK/demo.log" >&2; fail "the demo exited"; }
  [ "$SECONDS" -lt "$DEADLINE" ] || { cat "$WORK/demo.log" >&2; fail "the demo did not start"; }
  sleep 1
done
DEMO_PORT=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$WORK/demo.log" | head -1)
echo "demo on 127.0.0.1:$DEMO_PORT"
curl -sf "http://127.0.0.1:$DEMO_PORT/metrics" >/dev/null || fail "demo /metrics does not answer"

echo "== prometheus"
PROM_PORT=$(free_port)
PROM=http://127.0.0.1:$PROM_PORT
cat >"$WORK/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
rule_files:
  - $RULES
scrape_configs:
  - job_name: perfmon-demo
    metrics_path: /metrics
    static_configs:
      - targets: ['127.0.0.1:$DEMO_PORT']
YAML
promtool check config "$WORK/prometheus.yml" >/dev/null || fail "generated prometheus.yml is invalid"
prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/data" \
  --web.listen-address="127.0.0.1:$PROM_PORT" --storage.tsdb.retention.time=1h \
  --log.level=warn >"$WORK/prometheus.log" 2>&1 &
PROM_PID=$!
wait_for "prometheus to be ready on $PROM" curl -sf "$PROM/-/ready"
echo "prometheus on $PROM"

# Prints the values of an instant query, one per line (empty when the result is empty).
values() { promtool query instant "$PROM" "$1" 2>/dev/null | sed -n 's/.* => \([^ ]*\) @.*/\1/p'; }
has_data() { [ -n "$(values "$1")" ]; }

wait_for "the demo target to be up" has_data 'up{job="perfmon-demo"} == 1'
# One full round of phases, so the overload phase (pool exhaustion) is in the data.
wait_for "an overload phase (pool waiting threads)" has_data 'max_over_time(hikaricp_connections_pending{pool="demo"}[2m]) > 0'
wait_for "N+1 findings" has_data 'sum(perfmon_nplusone_total) > 0'

echo "== README PromQL"
failures=0
# name | lower bound | upper bound | expression (the README's queries)
while IFS='|' read -r name lo hi expr; do
  [ -z "$name" ] && continue
  result=$(values "$expr")
  if [ -z "$result" ]; then
    echo "EMPTY  $name: $expr"; failures=$((failures + 1)); continue
  fi
  first=$(echo "$result" | head -1)
  if awk -v v="$first" -v lo="$lo" -v hi="$hi" 'BEGIN { exit !(v == v + 0 && v >= lo && v <= hi) }'; then
    printf 'ok     %-22s = %-12s (%d series)\n' "$name" "$first" "$(echo "$result" | wc -l)"
  else
    echo "IMPLAUSIBLE $name = $first, expected $lo..$hi: $expr"; failures=$((failures + 1))
  fi
done <<'QUERIES'
p99 latency (s)|0.0001|60|histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket[1m])))
p99 per route (s)|0.0001|60|histogram_quantile(0.99, sum by (le, uri) (rate(http_server_requests_seconds_bucket[1m])))
error rate|0|0.5|sum(rate(http_server_requests_seconds_count{status=~"4..|5.."}[1m])) / sum(rate(http_server_requests_seconds_count[1m]))
server error rate|0|0.5|(sum(rate(http_server_requests_seconds_count{status=~"5.."}[1m])) or vector(0)) / sum(rate(http_server_requests_seconds_count[1m]))
success ratio|0.5|1|sum(rate(http_server_requests_seconds_count{status=~"2.."}[1m])) / sum(rate(http_server_requests_seconds_count[1m]))
cache hit ratio|0.01|0.999|sum(rate(cache_gets_total{result="hit"}[1m])) / sum(rate(cache_gets_total[1m]))
pool waiting (max 2m)|1|1000|max_over_time(hikaricp_connections_pending{pool="demo"}[2m])
pool usage|0|1|max_over_time(hikaricp_connections_active{pool="demo"}[2m]) / hikaricp_connections_max{pool="demo"}
N+1 per minute|0.01|100000|sum by (uri) (increase(perfmon_nplusone_total[2m]))
QUERIES

echo "== Grafana panel queries"
panels=0
while IFS= read -r expr; do
  panels=$((panels + 1))
  q=$(printf '%s' "$expr" | sed -e 's/\$__rate_interval/1m/g' -e 's/\$__range/5m/g' -e 's/\$__interval/15s/g' \
        -e 's/\$route/.*/g' -e 's/\$pool/.*/g' -e 's/\$cache/.*/g')
  if has_data "$q"; then
    echo "ok     $q"
  else
    echo "EMPTY  $q"; failures=$((failures + 1))
  fi
done < <(grep -o '"expr": *"\([^"\\]\|\\.\)*"' "$DASHBOARD" | sed -e 's/^"expr": *"//' -e 's/"$//' -e 's/\\"/"/g' -e 's/\\\\/\\/g')
[ "$panels" -gt 0 ] || fail "no panel queries found in $DASHBOARD"

echo "== alert rules evaluated by prometheus"
rules_json=$(curl -sf "$PROM/api/v1/rules")
loaded=$(printf '%s' "$rules_json" | grep -o '"type":"alerting"' | wc -l)
broken=$(printf '%s' "$rules_json" | grep -o '"health":"err"' | wc -l || true)
echo "$loaded alerting rules loaded, $broken with evaluation errors"
[ "$loaded" -gt 0 ] || { failures=$((failures + 1)); echo "no alerting rules loaded"; }
[ "$broken" -eq 0 ] || { failures=$((failures + 1)); printf '%s\n' "$rules_json" | grep -o '"lastError":"[^"]*"' | sort -u; }
firing=$(curl -sf "$PROM/api/v1/alerts" | grep -o '"alertname":"[^"]*"' | sed 's/.*:"\(.*\)"/\1/' | sort -u | tr '\n' ' ' || true)
echo "alerts pending or firing now: ${firing:-none}"

[ "$failures" -eq 0 ] || { tail -20 "$WORK/prometheus.log" >&2; fail "$failures check(s) failed"; }
echo "check.sh: all monitoring checks passed in ${SECONDS}s"
