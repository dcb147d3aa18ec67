package io.thumbctl.event;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * A batch of queue messages from an SQS event source mapping ({@code Records[].body}, read with
 * AWS's {@link SQSEvent}). Each message is an item of its own: the answer names the messages to
 * retry, so one bad message never holds back or redelivers the others.
 */
@Singleton
public class SqsEventParser implements EventParser {

    private final JsonMapper json;
    private final MessageBodies messages;

    public SqsEventParser(JsonMapper json, MessageBodies messages) {
        this.json = json;
        this.messages = messages;
    }

    @Override
    public boolean accepts(JsonNode event) {
        JsonNode first = EventReader.firstRecord(event);
        if (first == null) {
            return false;
        }
        JsonNode source = first.get("eventSource");
        return source != null && source.isString() && "aws:sqs".equals(source.getStringValue());
    }

    @Override
    public ParsedEvent parse(JsonNode event) {
        List<SQSEvent.SQSMessage> records = EventReader.readAs(json, event, SQSEvent.class, "SQS event").getRecords();
        List<EventItem> items = new ArrayList<>();
        for (SQSEvent.SQSMessage message : records == null ? List.<SQSEvent.SQSMessage>of() : records) {
            if (message.getMessageId() == null || message.getMessageId().isEmpty()) {
                // Without its id a message cannot be named in the answer; Lambda would take the
                // whole batch as failed anyway.
                throw new InvalidEventException("an SQS message without messageId");
            }
            items.add(new EventItem(message.getMessageId(), () -> messages.sqsBody(message.getBody())));
        }
        return new ParsedEvent(Route.SQS, List.copyOf(items));
    }
}
