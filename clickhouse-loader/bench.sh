#!/usr/bin/env bash
# Loader benchmark on the local stack (./pipeline up): rows/s from a topic into ClickHouse and produce→visible latency.
# Uses a private topic and ClickHouse database like the tests. BENCH_ROWS / BENCH_SAMPLES change the sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -pl clickhouse-loader test -Dtest=LoaderBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.rows="${BENCH_ROWS:-300000}" -Dbench.samples="${BENCH_SAMPLES:-50}" ${BENCH_LOADER_ARGS:-} 2>&1 | grep -E '^BENCH|ERROR|FAIL' || true
