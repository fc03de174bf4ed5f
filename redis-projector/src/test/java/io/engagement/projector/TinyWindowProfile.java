package io.engagement.projector;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A 6-second retention (2 buckets of 2 s + 2 s grace) so a test can watch keys expire. */
public class TinyWindowProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("pipeline.window.bucket-seconds", "2",
                "pipeline.window.buckets", "2",
                "pipeline.window.grace-seconds", "2");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(ProjectorTestResource.class));
    }
}
