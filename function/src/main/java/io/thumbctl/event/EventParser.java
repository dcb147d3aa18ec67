package io.thumbctl.event;

import io.micronaut.json.tree.JsonNode;

/** Reads one event shape. Each shape has its own parser; {@link EventReader} picks one. */
public interface EventParser {

    /** Whether this document is of this parser's shape (cheap, top-level fields only). */
    boolean accepts(JsonNode event);

    ParsedEvent parse(JsonNode event);
}
