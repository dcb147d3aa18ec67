package io.thumbctl.event;

import io.thumbctl.testing.RouteEvents;
import io.thumbctl.testing.S3Events;
import io.thumbctl.thumbnail.ObjectRef;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnsEventParserTest extends ParserContext {

    @Test
    void awsExample_itemPerRecord_namedByMessageId_withTheNotificationsObject() {
        ParsedEvent event = reader.read(fixture("sns-s3-put.json"));

        assertThat(event.route()).isEqualTo(Route.SNS);
        assertThat(event.items()).singleElement().satisfies(item -> {
            assertThat(item.id()).isEqualTo("95df01b4-ee98-5cb9-9903-4c221d41eb5e");
            assertThat(item.objects()).singleElement().satisfies(o -> {
                assertThat(o.action()).isEqualTo(ObjectEvent.Action.CREATED);
                assertThat(o.object()).isEqualTo(new ObjectRef("route-fixtures", "sns/Happy Face.jpg", 1024L,
                        "d41d8cd98f00b204e9800998ecf8427e"));
            });
        });
    }

    @Test
    void testEventMessage_hasNoObjects() {
        assertThat(reader.read(fixture("sns-s3-test-event.json")).objects()).isEmpty();
    }

    @Test
    void everyRecord_isAnItem_andAMessageOfNoKnownShapeFailsAlone() {
        ParsedEvent event = reader.read(RouteEvents.sns(
                S3Events.event(S3Events.created("photos", "a b.jpg", 1, "e")),
                bytes("Hello from SNS!"),
                bytes("{\"Records\":[{\"eventSource\":\"aws:kinesis\"}]}")));

        assertThat(event.items()).hasSize(3);
        assertThat(event.items().get(0).objects()).extracting(o -> o.object().key()).containsExactly("a b.jpg");
        assertThatThrownBy(() -> event.items().get(1).objects()).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> event.items().get(2).objects()).isInstanceOf(InvalidEventException.class);
    }

    @Test
    void snsEnvelope_isNotUnwrappedInsideAnSnsRecord() {
        // SNS delivers the published message; an envelope there means someone published an SNS document.
        ParsedEvent event = reader.read(RouteEvents.sns(bytes(RouteEvents.snsEnvelope(
                S3Events.event(S3Events.created("photos", "x.jpg", 1, "e"))))));

        assertThatThrownBy(() -> event.items().get(0).objects()).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("[Type, MessageId, TopicArn, Subject, Message");
    }
}
