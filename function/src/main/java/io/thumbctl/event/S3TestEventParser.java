package io.thumbctl.event;

import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.util.List;

/** The {@code s3:TestEvent} S3 sends when a notification is configured: acknowledged, nothing to do. */
@Singleton
public class S3TestEventParser implements EventParser {

    @Override
    public boolean accepts(JsonNode event) {
        JsonNode name = event.get("Event");
        return name != null && name.isString() && "s3:TestEvent".equals(name.getStringValue());
    }

    @Override
    public ParsedEvent parse(JsonNode event) {
        return new ParsedEvent("s3-test-event", List.of());
    }
}
