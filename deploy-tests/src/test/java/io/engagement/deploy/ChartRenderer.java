package io.engagement.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** `helm template` / `helm lint` through helm-java, which embeds Helm 3 as a native library: no helm binary needed. */
final class ChartRenderer {

    static final String RELEASE = "engagement";
    static final String NAMESPACE = "engagement";
    private static final YAMLMapper YAML = new YAMLMapper();

    private ChartRenderer() {
    }

    private static List<JsonNode> defaults;
    private static List<JsonNode> kind;
    private static List<JsonNode> kindThreeProcessors;

    /** Rendered once per test JVM: default values. */
    static synchronized List<JsonNode> defaults() {
        return defaults == null ? defaults = render(null, Map.of()) : defaults;
    }

    /** values-kind.yaml, as k8s/up.sh installs it. */
    static synchronized List<JsonNode> kind() {
        return kind == null ? kind = render(Repo.KIND_VALUES, Map.of()) : kind;
    }

    /** values-kind.yaml scaled to three stream-processors, as k8s/README.md shows. */
    static synchronized List<JsonNode> kindThreeProcessors() {
        return kindThreeProcessors == null
                ? kindThreeProcessors = render(Repo.KIND_VALUES, Map.of("services.stream-processor.replicas", 3))
                : kindThreeProcessors;
    }

    static List<JsonNode> byName(String values) {
        return switch (values) {
            case "defaults" -> defaults();
            case "kind" -> kind();
            case "kind-3-processors" -> kindThreeProcessors();
            default -> throw new IllegalArgumentException(values);
        };
    }

    static LintResult lintStrict() {
        FakeApiServer.ensureStarted();
        return new Helm(Repo.CHART).lint().strict().call();
    }

    /** The rendered objects as JSON trees; a values file may be null. */
    static List<JsonNode> render(Path valuesFile, Map<String, Object> sets) {
        FakeApiServer.ensureStarted();
        TemplateCommand template = new Helm(Repo.CHART).template().withName(RELEASE).withNamespace(NAMESPACE);
        if (valuesFile != null) {
            template.withValuesFile(valuesFile);
        }
        sets.forEach(template::set);
        return parse(template.call());
    }

    static List<JsonNode> parse(String manifests) {
        List<JsonNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(manifests)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    objects.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return objects;
    }
}
