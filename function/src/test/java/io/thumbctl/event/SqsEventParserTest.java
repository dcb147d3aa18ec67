package io.thumbctl.event;

import io.thumbctl.testing.RouteEvents;
import io.thumbctl.testing.S3Events;
import io.thumbctl.thumbnail.ObjectRef;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqsEventParserTest extends ParserContext {

    @Test
    void awsExample_notificationBody_isAnItemNamedByMessageId() {
        ParsedEvent event = reader.read(fixture("sqs-s3-put.json"));

        assertThat(event.route()).isEqualTo(Route.SQS);
        assertThat(event.items()).singleElement().satisfies(item -> {
            assertThat(item.id()).isEqualTo("ca3e7a89-c358-40e5-8aa0-5da01403c267");
            assertThat(item.objects()).extracting(ObjectEvent::object).containsExactly(
                    new ObjectRef("route-fixtures", "sqs/Happy Face.jpg", 1024L, "d41d8cd98f00b204e9800998ecf8427e"));
        });
    }

    @Test
    void snsEnvelopeBody_withUpperCaseSigningCertUrl_isUnwrapped() {
        byte[] event = fixture("sqs-sns-s3-put.json");
        assertThat(new String(event)).contains("SigningCertURL").contains("UnsubscribeURL");

        assertThat(reader.read(event).objects()).extracting(o -> o.object().key())
                .containsExactly("sqs-sns/Happy Face.jpg");
    }

    @Test
    void testEventBody_hasNoObjects() {
        assertThat(reader.read(fixture("sqs-s3-test-event.json")).items()).singleElement()
                .satisfies(item -> assertThat(item.objects()).isEmpty());
    }

    @Test
    void testEventInsideAnSnsEnvelope_hasNoObjects() {
        ParsedEvent event = reader.read(RouteEvents.sqs(new RouteEvents.Message("m1", RouteEvents.snsEnvelope(
                bytes("{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"photos\"}")))));

        assertThat(event.items().get(0).objects()).isEmpty();
    }

    @Test
    void bodiesOfNoKnownShape_failOnlyTheirOwnMessage() {
        ParsedEvent event = reader.read(RouteEvents.sqs(
                new RouteEvents.Message("not-json", "{{{"),
                new RouteEvents.Message("json-array", "[1,2]"),
                new RouteEvents.Message("other", "{\"orderId\":7}"),
                RouteEvents.message("good", S3Events.event(S3Events.created("photos", "k.jpg", 1, "e")))));

        assertThat(event.items()).extracting(EventItem::id).containsExactly("not-json", "json-array", "other", "good");
        for (int i = 0; i < 3; i++) {
            EventItem item = event.items().get(i);
            assertThatThrownBy(item::objects).as(item.id()).isInstanceOf(InvalidEventException.class);
        }
        assertThatThrownBy(() -> event.items().get(2).objects())
                .hasMessageContainingAll("S3 notification", "s3:TestEvent", "SNS notification", "[orderId]");
        assertThat(event.items().get(3).objects()).hasSize(1);
    }

    @Test
    void messageWithoutId_cannotBeAnswered_soTheEventIsInvalid() {
        assertThatThrownBy(() -> reader.read(bytes("{\"Records\":[{\"eventSource\":\"aws:sqs\",\"body\":\"{}\"}]}")))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("messageId");
    }
}
