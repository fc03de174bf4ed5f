#!/usr/bin/env bash
# Deletes the kind cluster (with everything in it) and the local registry container of k8s/up.sh.
set -euo pipefail
CLUSTER=${CLUSTER:-engagement}
REGISTRY_NAME=kind-registry
kind delete cluster --name "$CLUSTER"
if [ "${KEEP_REGISTRY:-false}" != "true" ]; then
  docker rm -f "$REGISTRY_NAME" >/dev/null 2>&1 || true
fi
