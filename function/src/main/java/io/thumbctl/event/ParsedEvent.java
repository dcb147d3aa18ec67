package io.thumbctl.event;

import java.util.List;

/**
 * An invocation's event, whatever its shape.
 *
 * @param shape   which parser read it ({@code s3-notification}, {@code s3-test-event})
 * @param objects the object changes it carries, in order; empty for a test event
 */
public record ParsedEvent(String shape, List<ObjectEvent> objects) {
}
