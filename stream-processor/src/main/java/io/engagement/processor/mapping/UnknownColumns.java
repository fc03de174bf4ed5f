package io.engagement.processor.mapping;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;

import io.engagement.contracts.ContentRow;
import io.engagement.contracts.EngagementEventRow;

/**
 * Reports the columns of a source row that the contract does not know, and skips them as before. Those are columns
 * added to a source table, or renamed ones. A renamed column is also a known column gone missing: its values stop
 * reaching the sinks (a renamed {@code device} leaves every event without a device) while every record still passes.
 * Fields of the Debezium envelope around the row are none of this handler's business.
 */
public final class UnknownColumns extends DeserializationProblemHandler {
    /** Told of each unknown column of each row, with the source table's name. */
    @FunctionalInterface
    public interface Listener {
        void unknownColumn(String table, String column);
    }

    public static final String EVENTS_TABLE = "engagement_events";
    public static final String CONTENT_TABLE = "content";

    private final Listener listener;

    UnknownColumns(Listener listener) {
        this.listener = listener;
    }

    @Override
    public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
            JsonDeserializer<?> deserializer, Object beanOrClass, String propertyName) throws IOException {
        String table = table(beanOrClass);
        if (table != null) {
            listener.unknownColumn(table, propertyName);
        }
        parser.skipChildren();
        return true;
    }

    private static String table(Object beanOrClass) {
        Class<?> type = beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass();
        if (type == EngagementEventRow.class) {
            return EVENTS_TABLE;
        }
        return type == ContentRow.class ? CONTENT_TABLE : null;
    }
}
