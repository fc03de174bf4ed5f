#!/usr/bin/env bash
# Creates the kind cluster of kind-config.yaml with a local image registry, builds and pushes the service
# images, installs the Strimzi operator and the engagement-pipeline chart, waits for the rollout.
# Needs: docker, kind, kubectl, helm, Java 17 + Maven. Re-running it upgrades in place.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CLUSTER=${CLUSTER:-engagement}
NAMESPACE=${NAMESPACE:-engagement}
RELEASE=${RELEASE:-engagement}
REGISTRY_NAME=kind-registry
REGISTRY_PORT=${REGISTRY_PORT:-5001}
TAG=${TAG:-dev}
STRIMZI_VERSION=${STRIMZI_VERSION:-0.51.0}
SERVICES=(ingest-simulator stream-processor redis-projector clickhouse-loader external-forwarder query-api webhook-receiver)

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }
need() { command -v "$1" >/dev/null || { echo "missing: $1" >&2; exit 1; }; }
for tool in docker kind kubectl helm mvn; do need "$tool"; done

log "local registry $REGISTRY_NAME on 127.0.0.1:$REGISTRY_PORT"
if [ "$(docker inspect -f '{{.State.Running}}' "$REGISTRY_NAME" 2>/dev/null || true)" != "true" ]; then
  docker run -d --restart=always -p "127.0.0.1:${REGISTRY_PORT}:5000" --network bridge --name "$REGISTRY_NAME" registry:2
fi

log "kind cluster $CLUSTER"
if ! kind get clusters | grep -qx "$CLUSTER"; then
  kind create cluster --name "$CLUSTER" --config "$ROOT/kind-config.yaml"
fi

# kind's local-registry recipe: one hosts.toml per registry name on every node, the registry on the kind
# network, and the local-registry-hosting ConfigMap. kind-registry:5000 is where Strimzi pushes the Connect image.
for node in $(kind get nodes --name "$CLUSTER"); do
  for name in "localhost:${REGISTRY_PORT}" "${REGISTRY_NAME}:5000"; do
    docker exec "$node" mkdir -p "/etc/containerd/certs.d/${name}"
    printf '[host."http://%s:5000"]\n' "$REGISTRY_NAME" | docker exec -i "$node" cp /dev/stdin "/etc/containerd/certs.d/${name}/hosts.toml"
  done
done
if [ "$(docker inspect -f '{{json .NetworkSettings.Networks.kind}}' "$REGISTRY_NAME")" = "null" ]; then
  docker network connect kind "$REGISTRY_NAME"
fi
kubectl apply -f - <<YAML
apiVersion: v1
kind: ConfigMap
metadata:
  name: local-registry-hosting
  namespace: kube-public
data:
  localRegistryHosting.v1: |
    host: "localhost:${REGISTRY_PORT}"
    help: "https://kind.sigs.k8s.io/docs/user/local-registry/"
YAML

log "building the services (mvn package) and their images"
(cd "$ROOT" && mvn -B -q package -DskipTests -pl "$(IFS=,; echo "${SERVICES[*]}")" -am)
for service in "${SERVICES[@]}"; do
  image="localhost:${REGISTRY_PORT}/engagement/${service}:${TAG}"
  docker build -q -f "$ROOT/$service/src/main/docker/Dockerfile.jvm" -t "$image" "$ROOT/$service"
  docker push -q "$image"
done

log "Strimzi operator $STRIMZI_VERSION"
helm repo add strimzi https://strimzi.io/charts/ >/dev/null 2>&1 || true
helm repo update strimzi >/dev/null
kubectl create namespace strimzi --dry-run=client -o yaml | kubectl apply -f -
helm upgrade --install strimzi strimzi/strimzi-kafka-operator --namespace strimzi --version "$STRIMZI_VERSION" \
  --set "watchNamespaces={${NAMESPACE}}" --wait

log "engagement-pipeline chart into namespace $NAMESPACE"
sed "s/name: engagement$/name: ${NAMESPACE}/" "$ROOT/k8s/namespace.yaml" | kubectl apply -f -
helm upgrade --install "$RELEASE" "$ROOT/helm/engagement-pipeline" --namespace "$NAMESPACE" \
  -f "$ROOT/helm/engagement-pipeline/values-kind.yaml" --set "imageDefaults.tag=${TAG}" "$@"

log "waiting for the rollout"
kubectl -n "$NAMESPACE" rollout status statefulset --timeout=300s
kubectl -n "$NAMESPACE" wait --for=condition=complete job \
  -l "app.kubernetes.io/name=topics,app.kubernetes.io/instance=${RELEASE}" --timeout=300s
for service in "${SERVICES[@]}"; do
  kubectl -n "$NAMESPACE" rollout status "deployment/${RELEASE}-${service}" --timeout=300s
done
kubectl -n "$NAMESPACE" wait --for=condition=Ready "kafkaconnect/${RELEASE}-connect" --timeout=900s
kubectl -n "$NAMESPACE" wait --for=condition=Ready kafkaconnector/engagement-postgres --timeout=300s

cat <<TXT

Engagement pipeline is running in kind cluster '$CLUSTER', namespace '$NAMESPACE'.
  query-api   http://127.0.0.1:58080/top-content   (NodePort via kind-config.yaml), or:
              kubectl -n $NAMESPACE port-forward svc/${RELEASE}-query-api 58080:58080
  Grafana     http://127.0.0.1:53000   (admin password: kubectl -n $NAMESPACE get secret ${RELEASE}-secrets -o jsonpath='{.data.grafana-admin-password}' | base64 -d)
              kubectl -n $NAMESPACE port-forward svc/${RELEASE}-grafana 53000:3000
  Prometheus  http://127.0.0.1:59090   or: kubectl -n $NAMESPACE port-forward svc/${RELEASE}-prometheus 59090:9090
  Scale       helm upgrade $RELEASE $ROOT/helm/engagement-pipeline -n $NAMESPACE --reuse-values --set services.stream-processor.replicas=3
TXT
