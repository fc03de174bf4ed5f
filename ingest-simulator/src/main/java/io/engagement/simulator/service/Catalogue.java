package io.engagement.simulator.service;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.engagement.simulator.config.SimulatorConfig;
import io.engagement.simulator.generator.CatalogueGenerator;
import io.engagement.simulator.generator.CatalogueItem;
import io.engagement.simulator.generator.ContentDraft;
import io.engagement.simulator.generator.TrafficGenerator;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Tops the content table up to the configured size at start, and hands out the traffic generator built on it. */
@ApplicationScoped
public class Catalogue {
    private static final Logger LOG = Logger.getLogger(Catalogue.class);

    private final Pool pool;
    private final SimulatorConfig config;
    private TrafficGenerator generator;

    public Catalogue(Pool pool, SimulatorConfig config) {
        this.pool = pool;
        this.config = config;
    }

    void seed(@Observes StartupEvent startup) {
        long existing = pool.query("SELECT count(*) FROM content").execute().await().indefinitely()
                .iterator().next().getLong(0);
        SplittableRandom random = new SplittableRandom(config.seed() + existing);
        int missing = (int) Math.max(0, config.catalogueSize() - existing);
        if (missing > 0) {
            insert(CatalogueGenerator.generate(missing, (int) existing, random));
            LOG.infof("catalogue seeded with %d content rows (%d existed)", missing, existing);
        }
        List<CatalogueItem> items = new ArrayList<>();
        // Most recently published first, so the Zipf head is recent content, as in a real catalogue.
        for (Row row : pool.query("SELECT id, length_seconds FROM content ORDER BY publish_ts DESC").execute()
                .await().indefinitely()) {
            items.add(new CatalogueItem(row.getUUID("id"), row.getInteger("length_seconds")));
        }
        generator = new TrafficGenerator(items, config.zipfExponent(), random);
    }

    private void insert(List<ContentDraft> drafts) {
        List<Tuple> rows = drafts.stream().map(d -> Tuple.of(d.id(), d.slug(), d.title(), d.contentType(),
                d.lengthSeconds(), d.publishTs())).toList();
        pool.preparedQuery("""
                INSERT INTO content (id, slug, title, content_type, length_seconds, publish_ts)
                VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING""")
                .executeBatch(rows).await().indefinitely();
    }

    /** Serialised access: the generator keeps session state. */
    public synchronized List<io.engagement.simulator.generator.EventDraft> nextEvents(int count) {
        return generator.next(count);
    }
}
