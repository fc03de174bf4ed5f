package io.engagement.simulator.generator;

import java.util.UUID;

/** What the traffic generator needs to know of a content row. */
public record CatalogueItem(UUID id, Integer lengthSeconds) {
}
