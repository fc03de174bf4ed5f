package io.engagement.projector.service;

/** A write found no epoch key: Redis lost what it held (or was empty from the start), detected at {@code atMs}. */
public record RedisDataLost(long atMs) {
}
