package io.thumbctl.event;

import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * The {@code s3:TestEvent} S3 sends when a notification is configured (to SQS and SNS, where it
 * arrives as a message): acknowledged, nothing to do. Failing it would only send it to the
 * dead-letter queue.
 */
@Singleton
public class S3TestEventParser implements EventParser {

    @Override
    public boolean accepts(JsonNode event) {
        return isTestEvent(event);
    }

    @Override
    public ParsedEvent parse(JsonNode event) {
        return new ParsedEvent(Route.S3_TEST_EVENT, List.of());
    }

    static boolean isTestEvent(JsonNode event) {
        JsonNode name = event.get("Event");
        return name != null && name.isString() && "s3:TestEvent".equals(name.getStringValue());
    }
}
