package io.thumbctl.event;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * A topic's notifications delivered to the function by an SNS subscription
 * ({@code Records[].Sns.Message}, read as {@link SnsMessage.Event}). Each record is an item; its
 * message is an S3 notification or an {@code s3:TestEvent}.
 */
@Singleton
public class SnsEventParser implements EventParser {

    private final JsonMapper json;
    private final MessageBodies messages;

    public SnsEventParser(JsonMapper json, MessageBodies messages) {
        this.json = json;
        this.messages = messages;
    }

    @Override
    public boolean accepts(JsonNode event) {
        JsonNode first = EventReader.firstRecord(event);
        return first != null && first.get("Sns") != null;
    }

    @Override
    public ParsedEvent parse(JsonNode event) {
        SnsMessage.Event sns = EventReader.readAs(json, event, SnsMessage.Event.class, "SNS event");
        List<EventItem> items = new ArrayList<>();
        List<SnsMessage.Record> records = sns.records() == null ? List.of() : sns.records();
        for (int i = 0; i < records.size(); i++) {
            SnsMessage message = records.get(i) == null ? null : records.get(i).sns();
            String id = message != null && message.messageId() != null ? message.messageId() : "Records[" + i + "]";
            items.add(new EventItem(id, () -> {
                if (message == null) {
                    throw new InvalidEventException("an SNS record without Sns");
                }
                return messages.snsMessage(message.message());
            }));
        }
        return new ParsedEvent(Route.SNS, List.copyOf(items));
    }
}
