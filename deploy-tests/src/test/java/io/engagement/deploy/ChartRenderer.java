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
