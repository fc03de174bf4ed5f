#!/usr/bin/env bash
# Query latency: GET /top-content at a constant 1,000 requests/s for 30 s against a Redis populated with
# 60 live buckets x 200 contents (under a private key prefix in the shared local Redis).
# BENCH_RATE, BENCH_SECONDS and BENCH_CONTENTS override the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -pl query-api test -Dtest=QueryLatencyBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.rate="${BENCH_RATE:-1000}" -Dbench.seconds="${BENCH_SECONDS:-30}" \
  -Dbench.contents="${BENCH_CONTENTS:-200}" 2>&1 | grep '^BENCH'
