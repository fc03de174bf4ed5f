#!/usr/bin/env bash
# Stream-processor benchmark: throughput (events/s) and added latency p50/p99 with exactly_once_v2, on bench-only
# topics and application id against the local Kafka (./pipeline up). Options are Java system properties, e.g.
#   stream-processor/bench.sh -Dbench.events=200000 -Dbench.rate=5000 -Dbench.seconds=15
set -euo pipefail
cd "$(dirname "$0")"
[ -f target/quarkus-app/quarkus-run.jar ] || mvn -q -B package -DskipTests
exec mvn -q -B -Pbench test-compile exec:java "$@"
