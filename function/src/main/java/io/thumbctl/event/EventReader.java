package io.thumbctl.event;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.List;

/**
 * Event bytes in, {@link ParsedEvent} out: looks at the document's top level to find its route,
 * then lets that route's parser read it with the route's event model.
 */
@Singleton
public class EventReader {

    /** What the function accepts, for the message of an event of no known shape. */
    static final String EXPECTED = "expected an S3 notification (Records[].s3), an SNS event (Records[].Sns), "
            + "an SQS event (Records[].body, eventSource aws:sqs), an EventBridge event from aws.s3 "
            + "(detail-type, detail), an S3 Batch Operations task (invocationSchemaVersion, tasks[]) "
            + "or an s3:TestEvent";

    private final JsonMapper json;
    private final List<EventParser> parsers;

    public EventReader(JsonMapper json, List<EventParser> parsers) {
        this.json = json;
        this.parsers = parsers;
    }

    /** @throws InvalidEventException when the document is of no known shape */
    public ParsedEvent read(byte[] event) {
        JsonNode tree;
        try {
            tree = json.readValue(event, JsonNode.class);
        } catch (IOException e) {
            throw new InvalidEventException("the event is not JSON (" + e.getMessage() + "); " + EXPECTED, e);
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidEventException("the event is not a JSON object; " + EXPECTED);
        }
        for (EventParser parser : parsers) {
            if (parser.accepts(tree)) {
                return parser.parse(tree);
            }
        }
        throw new InvalidEventException("unrecognised event: " + EXPECTED + "; its top-level fields were "
                + fieldNames(tree) + describeFirstRecord(tree));
    }

    /**
     * A document of a known shape read into its type.
     *
     * @param what what it is, for the message ({@code "SNS event"})
     * @throws InvalidEventException when it does not fit the type
     */
    static <T> T readAs(JsonMapper json, JsonNode document, Class<T> type, String what) {
        T value;
        try {
            value = json.readValueFromTree(document, type);
        } catch (IOException | RuntimeException e) {
            throw new InvalidEventException("not a valid " + what + ": " + e.getMessage(), e);
        }
        if (value == null) {
            throw new InvalidEventException("an empty " + what);
        }
        return value;
    }

    /** The first element of a {@code Records} array, or null. */
    static JsonNode firstRecord(JsonNode event) {
        JsonNode records = event.get("Records");
        if (records == null || !records.isArray() || records.size() == 0) {
            return null;
        }
        JsonNode first = records.get(0);
        return first != null && first.isObject() ? first : null;
    }

    static String fieldNames(JsonNode tree) {
        StringBuilder names = new StringBuilder();
        for (var entry : tree.entries()) {
            names.append(names.length() == 0 ? "" : ", ").append(entry.getKey());
        }
        return "[" + names + "]";
    }

    private static String describeFirstRecord(JsonNode tree) {
        JsonNode first = firstRecord(tree);
        return first == null ? "" : ", Records[0] had " + fieldNames(first);
    }
}
