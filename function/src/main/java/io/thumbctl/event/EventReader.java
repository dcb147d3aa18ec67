package io.thumbctl.event;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.List;

/** Event bytes in, {@link ParsedEvent} out: finds the parser for the document's shape. */
@Singleton
public class EventReader {

    private final JsonMapper json;
    private final List<EventParser> parsers;

    public EventReader(JsonMapper json, List<EventParser> parsers) {
        this.json = json;
        this.parsers = parsers;
    }

    public ParsedEvent read(byte[] event) {
        JsonNode tree;
        try {
            tree = json.readValue(event, JsonNode.class);
        } catch (IOException e) {
            throw new InvalidEventException("the event is not JSON: " + e.getMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidEventException("the event is not a JSON object");
        }
        for (EventParser parser : parsers) {
            if (parser.accepts(tree)) {
                return parser.parse(tree);
            }
        }
        throw new InvalidEventException("unrecognised event: expected an S3 notification (Records[]) or an "
                + "s3:TestEvent; top-level fields were " + fieldNames(tree));
    }

    private static String fieldNames(JsonNode tree) {
        StringBuilder names = new StringBuilder();
        for (var entry : tree.entries()) {
            names.append(names.length() == 0 ? "" : ", ").append(entry.getKey());
        }
        return "[" + names + "]";
    }
}
