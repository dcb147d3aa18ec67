package io.thumbctl.event;

import io.thumbctl.testing.RouteEvents;
import io.thumbctl.testing.RouteEvents.Task;
import io.thumbctl.thumbnail.ObjectRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class BatchOperationsParserTest extends ParserContext {

    @Test
    void schema10_awsExample_withRegionalLookingArn() {
        ParsedEvent event = reader.read(fixture("batch-operations-1.0.json"));

        assertThat(event.route()).isEqualTo(Route.BATCH_OPERATIONS);
        assertThat(event.batch()).isEqualTo(new ParsedEvent.BatchInvocation("1.0",
                "YXNkbGZqYWRmaiBhc2RmdW9hZHNmZGpmaGFzbGtkaGZza2RmaAo"));
        assertThat(event.items()).singleElement().satisfies(item -> {
            assertThat(item.id()).isEqualTo("dGFza2lkZ29lc2hlcmUK");
            assertThat(item.objects()).extracting(ObjectEvent::object)
                    .containsExactly(ObjectRef.of("route-fixtures", "batch/customerImage1.jpg"));
        });
    }

    @Test
    void schema10_lambdaGuideExample_withGlobalArn() {
        assertThat(reader.read(fixture("batch-operations-1.0-lambda-guide.json")).objects())
                .extracting(o -> o.object().bucket()).containsExactly("route-fixtures");
    }

    @Test
    void schema20_awsExample_withUserArgumentsAndNullVersion() {
        ParsedEvent event = reader.read(fixture("batch-operations-2.0.json"));

        assertThat(event.batch()).isEqualTo(new ParsedEvent.BatchInvocation("2.0",
                "Jr3s8KZqYWRmaiBhc2RmdW9hZHNmZGpmaGFzbGtkaGZzatx7Ruy"));
        assertThat(event.items()).singleElement().satisfies(item -> {
            assertThat(item.id()).isEqualTo("y5R3a2lkZ29lc2hlurcS");
            assertThat(item.objects()).extracting(o -> o.object().key(), o -> o.action())
                    .containsExactly(tuple("batch/s3objectkey.jpg", ObjectEvent.Action.BACKFILL));
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "arn:aws:s3:::photos|photos",
            "arn:aws:s3:us-east-1:0123456788:photos|photos",
            "arn:aws-cn:s3:::photos.example|photos.example",
            "photos|photos"})
    void bucketOfArn_isTheTextAfterTheLastColon(String arn, String bucket) {
        assertThat(BatchOperationsParser.bucketOfArn(arn)).isEqualTo(bucket);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "object%20key%20with%20spaces.jpg|object key with spaces.jpg",
            "My+Photo.jpg|My Photo.jpg",
            "a%2Bb.jpg|a+b.jpg",
            "100%25+real.jpg|100% real.jpg",
            "%D1%84%D0%BE%D1%82%D0%BE.jpg|фото.jpg"})
    void keys_areUrlDecoded_inBothSchemas(String encoded, String decoded) {
        for (String schema : new String[]{"1.0", "2.0"}) {
            String bucketField = schema.equals("1.0") ? "\"s3BucketArn\":\"arn:aws:s3:::photos\"" : "\"s3Bucket\":\"photos\"";
            ParsedEvent event = reader.read(bytes("{\"invocationSchemaVersion\":\"" + schema + "\",\"invocationId\":\"i\","
                    + "\"job\":{\"id\":\"j\"},\"tasks\":[{\"taskId\":\"t\",\"s3Key\":\"" + encoded + "\",\"s3VersionId\":null,"
                    + bucketField + "}]}"));

            assertThat(event.objects()).as(schema).extracting(o -> o.object().key()).containsExactly(decoded);
        }
    }

    @Test
    void taskThatCannotBeRead_failsAlone() {
        ParsedEvent event = reader.read(bytes("{\"invocationSchemaVersion\":\"2.0\",\"invocationId\":\"i\",\"job\":{\"id\":\"j\"},"
                + "\"tasks\":[{\"taskId\":\"no-key\",\"s3Bucket\":\"photos\"},{\"taskId\":\"bad\",\"s3Key\":\"%zz\",\"s3Bucket\":\"photos\"},"
                + "{\"taskId\":\"ok\",\"s3Key\":\"a.jpg\",\"s3Bucket\":\"photos\"}]}"));

        assertThat(event.items()).extracting(EventItem::id).containsExactly("no-key", "bad", "ok");
        assertThatThrownBy(() -> event.items().get(0).objects()).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("no-key");
        assertThatThrownBy(() -> event.items().get(1).objects()).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("%zz");
        assertThat(event.items().get(2).objects()).hasSize(1);
    }

    @Test
    void taskWithoutId_orUnknownSchema_makeTheEventInvalid() {
        assertThatThrownBy(() -> reader.read(bytes("{\"invocationSchemaVersion\":\"2.0\",\"invocationId\":\"i\","
                + "\"tasks\":[{\"s3Key\":\"a.jpg\",\"s3Bucket\":\"photos\"}]}")))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("taskId");
        assertThatThrownBy(() -> reader.read(bytes("{\"invocationSchemaVersion\":\"3.0\",\"invocationId\":\"i\",\"tasks\":[]}")))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("expected 1.0 or 2.0");
    }

    @Test
    void severalTasks_areSeveralItems_inOrder() {
        ParsedEvent event = reader.read(RouteEvents.batch2("inv", new Task("t1", "photos", "a.jpg"),
                new Task("t2", "photos", "b c.jpg")));

        assertThat(event.items()).extracting(EventItem::id).containsExactly("t1", "t2");
        assertThat(event.objects()).extracting(o -> o.object().key()).containsExactly("a.jpg", "b c.jpg");
    }
}
