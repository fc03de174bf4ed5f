#!/usr/bin/env bash
# Creates the kind cluster of kind-config.yaml with a local image registry, builds and pushes the service images
# and the Kafka Connect image, installs the Strimzi operator and the engagement-pipeline chart, waits for the
# rollout. Needs: docker, kind >= 0.24, kubectl, helm (3 or 4), Java 17 + Maven. Re-running it upgrades in place.
# Arguments are passed on to `helm upgrade --install` of the chart (e.g. --set services.stream-processor.replicas=3).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CLUSTER=${CLUSTER:-engagement}
NAMESPACE=${NAMESPACE:-engagement}
RELEASE=${RELEASE:-engagement}
REGISTRY_NAME=kind-registry
REGISTRY_PORT=${REGISTRY_PORT:-5001}
REGISTRY="localhost:${REGISTRY_PORT}/engagement"
TAG=${TAG:-dev}
STRIMZI_VERSION=0.51.0
STRIMZI_CHART=oci://quay.io/strimzi-helm/strimzi-kafka-operator
# The Kafka version of the Connect base image: kafkaConnect.kafkaVersion of the chart (Strimzi 0.51's default).
KAFKA_VERSION=4.2.0
STRIMZI_KAFKA_IMAGE="quay.io/strimzi/kafka:${STRIMZI_VERSION}-kafka-${KAFKA_VERSION}"
SERVICES=(ingest-simulator stream-processor redis-projector clickhouse-loader external-forwarder query-api webhook-receiver)
BUILD=$(mktemp -d)
trap 'rm -rf "$BUILD"' EXIT

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }
need() { command -v "$1" >/dev/null || { echo "missing: $1" >&2; exit 1; }; }
for tool in docker kind kubectl helm mvn; do need "$tool"; done

# kind >= 0.24: Kubernetes >= 1.30 for Strimzi 0.51, and kindnet enforces NetworkPolicies from 0.24 on.
kind_version=$(kind version | sed -n 's/^kind v\([0-9][0-9]*\.[0-9][0-9]*\).*/\1/p')
if [ -z "$kind_version" ] || [ "$(printf '%s\n' 0.24 "$kind_version" | sort -V | head -n1)" != 0.24 ]; then
  echo "kind >= 0.24 is needed (found: $(kind version))" >&2
  exit 1
fi

log "local registry $REGISTRY_NAME on 127.0.0.1:$REGISTRY_PORT"
if [ "$(docker inspect -f '{{.State.Running}}' "$REGISTRY_NAME" 2>/dev/null || true)" != "true" ]; then
  docker run -d --restart=always -p "127.0.0.1:${REGISTRY_PORT}:5000" --network bridge --name "$REGISTRY_NAME" registry:2
fi

log "kind cluster $CLUSTER"
if ! kind get clusters | grep -qx "$CLUSTER"; then
  kind create cluster --name "$CLUSTER" --config "$ROOT/kind-config.yaml"
fi

# kind's local-registry recipe: a hosts.toml for localhost:$REGISTRY_PORT on every node (plain HTTP to the
# registry container), the registry on the kind network, and the local-registry-hosting ConfigMap.
for node in $(kind get nodes --name "$CLUSTER"); do
  docker exec "$node" mkdir -p "/etc/containerd/certs.d/localhost:${REGISTRY_PORT}"
  printf '[host."http://%s:5000"]\n' "$REGISTRY_NAME" \
    | docker exec -i "$node" cp /dev/stdin "/etc/containerd/certs.d/localhost:${REGISTRY_PORT}/hosts.toml"
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
  image="${REGISTRY}/${service}:${TAG}"
  docker build -q -f "$ROOT/$service/src/main/docker/Dockerfile.jvm" -t "$image" "$ROOT/$service"
  docker push -q "$image"
done

log "Kafka Connect image: $STRIMZI_KAFKA_IMAGE + the Debezium plugin of stack/debezium/pom.xml"
mvn -B -q -f "$ROOT/stack/debezium/pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
  -DoutputDirectory="$BUILD/connect/plugins/debezium-connector-postgres"
connect_image="${REGISTRY}/connect-debezium:${TAG}"
docker build -q -f "$ROOT/k8s/connect/Dockerfile" --build-arg "STRIMZI_KAFKA_IMAGE=${STRIMZI_KAFKA_IMAGE}" \
  -t "$connect_image" "$BUILD/connect"
docker push -q "$connect_image"

# The namespace first: the Strimzi chart creates RoleBindings in every watched namespace.
log "namespace $NAMESPACE"
sed "s/name: engagement$/name: ${NAMESPACE}/" "$ROOT/k8s/namespace.yaml" | kubectl apply -f -

log "Strimzi operator $STRIMZI_VERSION"
helm upgrade --install strimzi "$STRIMZI_CHART" --version "$STRIMZI_VERSION" \
  --namespace strimzi --create-namespace --set "watchNamespaces={${NAMESPACE}}" --wait --timeout 10m

log "engagement-pipeline chart into namespace $NAMESPACE"
helm upgrade --install "$RELEASE" "$ROOT/helm/engagement-pipeline" --namespace "$NAMESPACE" \
  -f "$ROOT/helm/engagement-pipeline/values-kind.yaml" \
  --set "imageDefaults.registry=${REGISTRY}" --set "imageDefaults.tag=${TAG}" "$@"

log "waiting for the rollout"
kubectl -n "$NAMESPACE" rollout status statefulset --timeout=300s
kubectl -n "$NAMESPACE" wait --for=condition=complete job \
  -l "app.kubernetes.io/name=topics,app.kubernetes.io/instance=${RELEASE}" --timeout=300s
for service in "${SERVICES[@]}"; do
  kubectl -n "$NAMESPACE" rollout status "deployment/${RELEASE}-${service}" --timeout=300s
done
kubectl -n "$NAMESPACE" wait --for=condition=Ready "kafkaconnect/${RELEASE}-connect" --timeout=600s
kubectl -n "$NAMESPACE" wait --for=condition=Ready kafkaconnector/engagement-postgres --timeout=300s

cat <<TXT

Engagement pipeline is running in kind cluster '$CLUSTER', namespace '$NAMESPACE'; the simulator writes 50 events/s.
  query-api   http://127.0.0.1:58080/top-content   (NodePort mapped by kind-config.yaml), or:
              kubectl -n $NAMESPACE port-forward svc/${RELEASE}-query-api 18080:58080   -> http://127.0.0.1:18080
  Grafana     http://127.0.0.1:53000   (admin password: kubectl -n $NAMESPACE get secret ${RELEASE}-secrets -o jsonpath='{.data.grafana-admin-password}' | base64 -d)
  Prometheus  http://127.0.0.1:59090
  Scale       helm upgrade $RELEASE $ROOT/helm/engagement-pipeline -n $NAMESPACE --reuse-values --set services.stream-processor.replicas=3
TXT
