package io.engagement.simulator.generator;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.random.RandomGenerator;

import io.engagement.contracts.EventType;
import io.vertx.core.json.JsonObject;

/**
 * Realistic engagement traffic: users open Zipf-popular content and play it in sessions (play → pause → play → …
 * → finish), pauses and finishes carry the milliseconds watched since the previous event, clicks carry none.
 * Not thread-safe: callers serialise access.
 */
public final class TrafficGenerator {
    private static final String[] DEVICES = { "ios", "android", "web-chrome", "web-safari", "web-firefox", "smart-tv",
            "ios", "android", "web-chrome" };
    private static final String[] COUNTRIES = { "DE", "FR", "US", "GB", "BR", "IN", "JP", "ES", "NL", "PL" };
    private static final int MAX_SESSIONS = 20_000;

    private final List<CatalogueItem> catalogue;
    private final ZipfSampler popularity;
    private final RandomGenerator random;
    private final List<Session> sessions = new ArrayList<>();

    private static final class Session {
        final UUID user;
        final UUID sessionId = UUID.randomUUID();
        final CatalogueItem content;
        final String device;
        int positionSeconds;
        boolean playing;

        Session(UUID user, CatalogueItem content, String device) {
            this.user = user;
            this.content = content;
            this.device = device;
        }
    }

    public TrafficGenerator(List<CatalogueItem> catalogue, double zipfExponent, RandomGenerator random) {
        this.catalogue = List.copyOf(catalogue);
        this.popularity = new ZipfSampler(this.catalogue.size(), zipfExponent);
        this.random = random;
    }

    public List<EventDraft> next(int count) {
        List<EventDraft> events = new ArrayList<>(count);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (int i = 0; i < count; i++) {
            events.add(nextEvent(now.minusNanos(random.nextInt(1_500) * 1_000_000L)));
        }
        return events;
    }

    private EventDraft nextEvent(OffsetDateTime at) {
        double p = random.nextDouble();
        if (p < 0.12) {
            CatalogueItem item = catalogue.get(popularity.sample(random));
            return event(item.id(), UUID.randomUUID(), EventType.CLICK, at, null, pickDevice(), null);
        }
        if (p < 0.65 && !sessions.isEmpty()) {
            return advance(sessions.get(random.nextInt(sessions.size())), at);
        }
        Session session = new Session(UUID.randomUUID(), catalogue.get(popularity.sample(random)), pickDevice());
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.set(random.nextInt(sessions.size()), session);
        } else {
            sessions.add(session);
        }
        session.playing = true;
        return event(session, EventType.PLAY, at, null);
    }

    private EventDraft advance(Session session, OffsetDateTime at) {
        if (!session.playing) {
            session.playing = true;
            return event(session, EventType.PLAY, at, null);
        }
        Integer length = session.content.lengthSeconds();
        // Newsletters have no length: a read of 20 s to 10 min.
        int remaining = length == null ? 20 + random.nextInt(580) : Math.max(1, length - session.positionSeconds);
        int watched = Math.min(remaining, 5 + random.nextInt(300));
        session.positionSeconds += watched;
        session.playing = false;
        boolean finished = watched >= remaining || random.nextDouble() < 0.1;
        if (finished) {
            sessions.remove(session);
        }
        return event(session, finished ? EventType.FINISH : EventType.PAUSE, at, watched * 1000 + random.nextInt(1000));
    }

    private EventDraft event(Session session, EventType type, OffsetDateTime at, Integer durationMs) {
        return event(session.content.id(), session.user, type, at, durationMs, session.device, session.sessionId);
    }

    private EventDraft event(UUID content, UUID user, EventType type, OffsetDateTime at, Integer durationMs,
            String device, UUID sessionId) {
        JsonObject payload = new JsonObject()
                .put("app_version", "5." + random.nextInt(20) + "." + random.nextInt(10))
                .put("country", COUNTRIES[random.nextInt(COUNTRIES.length)])
                .put("network", random.nextBoolean() ? "wifi" : "cellular");
        if (sessionId != null) {
            payload.put("session_id", sessionId.toString());
        }
        return new EventDraft(content, user, type.wire(), at, durationMs, device, payload.encode());
    }

    private String pickDevice() {
        return DEVICES[random.nextInt(DEVICES.length)];
    }
}
