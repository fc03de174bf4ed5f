#!/usr/bin/env bash
# Forwarder benchmark: the built external-forwarder jar delivers to the built webhook-receiver jar, both on this
# machine, fed from a private topic on the local broker (the shared engagements.enriched is left alone).
#   throughput: BENCH_COUNT events wait in the topic, the forwarder starts and drains them; events/s from the first
#               delivered event to the last, as the receiver counts them.
#   latency:    then BENCH_RATE events/s for BENCH_SECONDS s; p50/p99 of pipeline_e2e_latency_seconds{sink="webhook"}
#               (send time to the receiver's 2xx), from the forwarder's Prometheus buckets (this phase only).
# Needs: ./pipeline up (Kafka), and  mvn -pl webhook-receiver,external-forwarder package -DskipTests
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
eval "$("$ROOT/pipeline" env)"
KAFKA_LIB=${KAFKA_LIB:-$ROOT/.pipeline/cache/kafka/lib}
RATE=${BENCH_RATE:-1000}
DURATION=${BENCH_SECONDS:-20}
COUNT=${BENCH_COUNT:-100000}
BATCH=${BENCH_BATCH:-500}
RECEIVER_PORT=${BENCH_RECEIVER_PORT:-58286}
FORWARDER_PORT=${BENCH_FORWARDER_PORT:-58285}
RUN_ID=$(cat /proc/sys/kernel/random/uuid)
TOPIC=bench.enriched.$RUN_ID
SECRET=bench-$RUN_ID
LOG_DIR=$(mktemp -d)
RECEIVER_JAR=$ROOT/webhook-receiver/target/quarkus-app/quarkus-run.jar
FORWARDER_JAR=$HERE/target/quarkus-app/quarkus-run.jar
for jar in "$RECEIVER_JAR" "$FORWARDER_JAR"; do
  [ -f "$jar" ] || { echo "missing $jar: mvn -pl webhook-receiver,external-forwarder package -DskipTests" >&2; exit 1; }
done

producer() { java -cp "$KAFKA_LIB/*" "$HERE/src/bench/BenchProducer.java" "$KAFKA_BOOTSTRAP_SERVERS" "$TOPIC" "$@"; }
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  producer delete >/dev/null 2>&1 || true
}
trap cleanup EXIT
wait_ready() { # URL SECONDS
  for _ in $(seq $(( $2 * 5 ))); do curl -sf "$1" >/dev/null && return 0; sleep 0.2; done
  echo "not ready: $1 (logs in $LOG_DIR)" >&2; exit 1
}
received() { curl -sf "http://127.0.0.1:$RECEIVER_PORT/received/summary" | jq .unique_events; }
wait_received() { # N SECONDS
  for _ in $(seq $(( $2 * 20 ))); do [ "$(received)" -ge "$1" ] && return 0; sleep 0.05; done
  echo "receiver got $(received) of $1 events (logs in $LOG_DIR)" >&2; exit 1
}
# "le count" lines of the webhook e2e latency histogram.
scrape() {
  curl -sf "http://127.0.0.1:$FORWARDER_PORT/q/metrics" \
    | grep '^pipeline_e2e_latency_seconds_bucket{.*sink="webhook"' \
    | sed -E 's/.*le="([^"]+)"[^ ]* ([0-9.eE+]+).*$/\1 \2/'
}
# q-quantile (seconds) of the latency phase alone (bucket counts after minus before): the upper bound of the first
# bucket reaching q.
quantile() { # Q
  paste -d' ' "$LOG_DIR/buckets-before" "$LOG_DIR/buckets-after" \
    | awk -v q="$1" '{ le[NR]=$1; c[NR]=$4-$2; if ($1=="+Inf") total=$4-$2 }
        END { for (i=1;i<=NR;i++) if (c[i] >= q*total) { print le[i]; exit } }'
}

echo "topic $TOPIC, logs in $LOG_DIR"
producer create
WEBHOOK_SECRET=$SECRET QUARKUS_HTTP_PORT=$RECEIVER_PORT RECEIVER_MAX_RECORDED_EVENTS=$(( COUNT + RATE * DURATION + 1000 )) \
  java -Xmx1g -jar "$RECEIVER_JAR" >"$LOG_DIR/receiver.log" 2>&1 & pids+=($!)
wait_ready "http://127.0.0.1:$RECEIVER_PORT/q/health/ready" 120

echo "== throughput: $COUNT events waiting in the topic, then the forwarder starts (batches of up to $BATCH)"
producer burst "$COUNT"
FORWARDER_WEBHOOK_SECRET=$SECRET FORWARDER_WEBHOOK_URL=http://127.0.0.1:$RECEIVER_PORT/webhook \
  QUARKUS_HTTP_PORT=$FORWARDER_PORT FORWARDER_BATCH_MAX_EVENTS=$BATCH \
  MP_MESSAGING_INCOMING_ENRICHED_TOPIC=$TOPIC MP_MESSAGING_INCOMING_ENRICHED_GROUP_ID=bench-$RUN_ID \
  java -Xmx512m -jar "$FORWARDER_JAR" >"$LOG_DIR/forwarder.log" 2>&1 & pids+=($!)
# The drain is timed from the first delivered event to the last, so JVM start-up is left out.
until [ "$(received)" -gt 0 ]; do sleep 0.05; done
start=$(date +%s.%N)
wait_received "$COUNT" 600
end=$(date +%s.%N)
wait_ready "http://127.0.0.1:$FORWARDER_PORT/q/health/ready" 60
batches=$(curl -sf "http://127.0.0.1:$RECEIVER_PORT/received/summary" | jq .batches)

echo "== latency: $RATE events/s for $DURATION s"
scrape > "$LOG_DIR/buckets-before"
producer steady "$RATE" "$DURATION"
wait_received $(( COUNT + RATE * DURATION )) 300
scrape > "$LOG_DIR/buckets-after"
dupes=$(curl -sf "http://127.0.0.1:$RECEIVER_PORT/received/summary" | jq .duplicate_deliveries)

echo
printf 'RESULT throughput: %d events drained in %.2f s = %.0f events/s (%s webhook batches)\n' \
  "$COUNT" "$(echo "$end - $start" | bc -l)" "$(echo "$COUNT / ($end - $start)" | bc -l)" "$batches"
echo "RESULT latency at $RATE ev/s: p50 <= $(quantile 0.50) s, p99 <= $(quantile 0.99) s, max bucket $(quantile 1.0) s (send -> receiver 2xx; upper bounds of histogram buckets)"
echo "RESULT duplicate deliveries seen by the receiver: $dupes"
