package io.engagement.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connector.KafkaConnector;
import java.util.Map;

/**
 * Loads rendered manifests as typed fabric8 / Strimzi objects, failing on any field the type does not declare.
 * Both model families keep unknown fields in an "additionalProperties" map through @JsonAnySetter; ignoring
 * that annotation makes Jackson's FAIL_ON_UNKNOWN_PROPERTIES apply, as the API server's strict field
 * validation would.
 */
final class StrictManifests {

    private static final Map<String, Class<? extends HasMetadata>> TYPES = Map.ofEntries(
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("batch/v1/Job", Job.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("rbac.authorization.k8s.io/v1/Role", Role.class),
            Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding.class),
            Map.entry("kafka.strimzi.io/v1/KafkaConnect", KafkaConnect.class),
            Map.entry("kafka.strimzi.io/v1/KafkaConnector", KafkaConnector.class));

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .annotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated annotated) {
                    return Boolean.FALSE;
                }
            })
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private StrictManifests() {
    }

    static HasMetadata load(JsonNode manifest) {
        String key = manifest.path("apiVersion").asText() + "/" + manifest.path("kind").asText();
        Class<? extends HasMetadata> type = TYPES.get(key);
        if (type == null) {
            throw new IllegalArgumentException("no typed model registered for " + key
                    + " (" + manifest.path("metadata").path("name").asText() + ")");
        }
        try {
            return STRICT.treeToValue(manifest, type);
        } catch (Exception e) {
            throw new IllegalArgumentException(key + " " + manifest.path("metadata").path("name").asText()
                    + " does not load strictly: " + e.getMessage(), e);
        }
    }
}
