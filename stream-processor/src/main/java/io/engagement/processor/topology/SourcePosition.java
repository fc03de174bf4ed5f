package io.engagement.processor.topology;

import java.util.Optional;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import io.engagement.contracts.DlqHeaders;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Where a CDC record was read. It travels in headers (and in the hold store), so a record rejected later, or released
 * from the hold by a content row, still names its original topic, partition and offset in the DLQ.
 */
@RegisterForReflection
public record SourcePosition(String topic, Integer partition, Long offset) {

    static SourcePosition of(Optional<RecordMetadata> metadata) {
        return metadata.map(m -> new SourcePosition(m.topic(), m.partition(), m.offset()))
                .orElse(new SourcePosition(null, null, null));
    }

    static SourcePosition from(Headers headers) {
        String partition = DlqHeaders.text(headers, DlqHeaders.SOURCE_PARTITION);
        String offset = DlqHeaders.text(headers, DlqHeaders.SOURCE_OFFSET);
        return new SourcePosition(DlqHeaders.text(headers, DlqHeaders.SOURCE_TOPIC),
                partition == null ? null : Integer.valueOf(partition), offset == null ? null : Long.valueOf(offset));
    }

    void writeTo(Headers headers) {
        headers.remove(DlqHeaders.SOURCE_TOPIC).remove(DlqHeaders.SOURCE_PARTITION).remove(DlqHeaders.SOURCE_OFFSET);
        DlqHeaders.put(headers, DlqHeaders.SOURCE_TOPIC, topic);
        DlqHeaders.put(headers, DlqHeaders.SOURCE_PARTITION, partition);
        DlqHeaders.put(headers, DlqHeaders.SOURCE_OFFSET, offset);
    }
}
