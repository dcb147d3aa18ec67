package io.thumbctl.event;

import io.thumbctl.testing.RouteEvents;
import io.thumbctl.thumbnail.ObjectRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventBridgeParserTest extends ParserContext {

    @Test
    void objectCreated_awsExample_isACreation_withSizeAndEtag() {
        ParsedEvent event = reader.read(fixture("eventbridge-object-created.json"));

        assertThat(event.route()).isEqualTo(Route.EVENTBRIDGE);
        assertThat(event.items()).singleElement().satisfies(item -> {
            assertThat(item.id()).isEqualTo("17793124-05d4-b198-2fde-7ededc63b103");
            assertThat(item.objects()).singleElement().satisfies(o -> {
                assertThat(o.action()).isEqualTo(ObjectEvent.Action.CREATED);
                assertThat(o.object()).isEqualTo(new ObjectRef("route-fixtures", "eventbridge/example-key.jpg", 5L,
                        "b1946ac92492d2347c6235b4d2611184"));
            });
        });
    }

    @Test
    void objectDeleted_awsExample_isARemoval_withoutSize() {
        assertThat(reader.read(fixture("eventbridge-object-deleted.json")).objects()).singleElement().satisfies(o -> {
            assertThat(o.action()).isEqualTo(ObjectEvent.Action.REMOVED);
            assertThat(o.object().size()).isNull();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"a+b.jpg", "My Photo(1).jpg", "100%25 real.jpg", "50% off.jpg", "a%2Bb.jpg", "фото 😀.jpg"})
    void key_isTakenAsDelivered_notUrlDecoded(String key) {
        assertThat(reader.read(RouteEvents.eventBridge("Object Created", "photos", key, 1L, "e")).objects())
                .extracting(o -> o.object().key()).containsExactly(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Object Restore Completed", "Object Tags Added", "Object Storage Class Changed",
            "Object ACL Updated"})
    void otherS3DetailTypes_areIgnored(String detailType) {
        assertThat(reader.read(RouteEvents.eventBridge(detailType, "photos", "a.jpg", 1L, "e")).objects())
                .extracting(ObjectEvent::action).containsExactly(ObjectEvent.Action.IGNORED);
    }

    @Test
    void eventFromAnotherSource_isNotAnS3Event() {
        assertThatThrownBy(() -> reader.read(bytes("{\"detail-type\":\"Object Created\",\"source\":\"aws.ec2\",\"detail\":{}}")))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("EventBridge event from aws.s3");
    }

    @Test
    void objectCreatedWithoutKey_failsWhenRead() {
        ParsedEvent event = reader.read(bytes("{\"id\":\"e1\",\"detail-type\":\"Object Created\",\"source\":\"aws.s3\","
                + "\"detail\":{\"bucket\":{\"name\":\"photos\"},\"object\":{}}}"));

        assertThatThrownBy(() -> event.items().get(0).objects()).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("detail.object.key");
    }
}
