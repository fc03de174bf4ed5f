#!/usr/bin/env bash
# Projector throughput: bucket-total updates/s into Redis, through Kafka and through the writer alone.
# Uses the shared local Kafka (./pipeline up) and a private redis-server it starts and stops itself.
# BENCH_RECORDS (default 300000) and BENCH_CONTENTS (default 2000) size the run.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -pl redis-projector test -Dtest=ProjectorThroughputBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.records="${BENCH_RECORDS:-300000}" -Dbench.contents="${BENCH_CONTENTS:-2000}" 2>&1 | grep '^BENCH'
