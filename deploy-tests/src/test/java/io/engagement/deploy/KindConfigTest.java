package io.engagement.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * kind-config.yaml decoded as strictly as kind does it (kind's v1alpha4 Go types with unknown fields failing):
 * a model of the same fields, enums for the closed sets, FAIL_ON_UNKNOWN_PROPERTIES.
 */
class KindConfigTest {

    enum Role {
        @JsonProperty("control-plane") CONTROL_PLANE,
        @JsonProperty("worker") WORKER
    }

    enum Protocol { TCP, UDP, SCTP }

    record PortMapping(int containerPort, Integer hostPort, String listenAddress, Protocol protocol) {
    }

    record Mount(String hostPath, String containerPath, Boolean readOnly, Boolean selinuxRelabel, String propagation) {
    }

    record Node(Role role, String image, Map<String, String> labels, List<Mount> extraMounts,
                List<PortMapping> extraPortMappings, List<String> kubeadmConfigPatches,
                List<Object> kubeadmConfigPatchesJSON6902) {
    }

    record Networking(String ipFamily, String apiServerAddress, Integer apiServerPort, String podSubnet,
                      String serviceSubnet, Boolean disableDefaultCNI, String kubeProxyMode, List<String> dnsSearch) {
    }

    record Cluster(String kind, String apiVersion, String name, List<Node> nodes, Networking networking,
                   Map<String, Boolean> featureGates, Map<String, String> runtimeConfig,
                   List<String> kubeadmConfigPatches, List<Object> kubeadmConfigPatchesJSON6902,
                   List<String> containerdConfigPatches, List<Object> containerdConfigPatchesJSON6902) {
    }

    private static final ObjectMapper KIND = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    static Cluster load() throws IOException {
        return KIND.readValue(Files.readString(Repo.KIND_CONFIG), Cluster.class);
    }

    @Test
    void kindConfigIsAV1alpha4ClusterWithOneControlPlaneAndTwoWorkers() throws IOException {
        Cluster cluster = load();
        assertEquals("Cluster", cluster.kind());
        assertEquals("kind.x-k8s.io/v1alpha4", cluster.apiVersion());
        assertEquals(List.of(Role.CONTROL_PLANE, Role.WORKER, Role.WORKER), cluster.nodes().stream().map(Node::role).toList());
    }

    @Test
    void containerdReadsRegistryHostsFromCertsDirectoryForTheLocalRegistry() throws IOException {
        String patch = String.join("\n", load().containerdConfigPatches());
        assertTrue(patch.contains("[plugins.\"io.containerd.grpc.v1.cri\".registry]"), patch);
        assertTrue(patch.contains("config_path = \"/etc/containerd/certs.d\""), patch);
    }

    @Test
    void strictDecodingRejectsAnUnknownFieldAndAnUnknownRole() {
        assertThrows(IOException.class, () -> KIND.readValue(
                "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: worker\n  extraPortMapping: []\n",
                Cluster.class));
        assertThrows(IOException.class, () -> KIND.readValue(
                "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: master\n", Cluster.class));
    }
}
