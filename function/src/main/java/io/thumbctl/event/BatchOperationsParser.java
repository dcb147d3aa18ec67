package io.thumbctl.event;

import com.amazonaws.services.lambda.runtime.events.S3BatchEvent;
import com.amazonaws.services.lambda.runtime.events.S3BatchEventV2;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.thumbctl.thumbnail.ObjectRef;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * An S3 Batch Operations LambdaInvoke task, invocation schema {@code 1.0} ({@code s3BucketArn})
 * or {@code 2.0} ({@code s3Bucket}, {@code job.userArguments}), read with AWS's
 * {@link S3BatchEvent} / {@link S3BatchEventV2}. Every task makes its object's thumbnail if it is
 * missing or stale. Keys come URL-encoded, as in the job's manifest, and are decoded here.
 *
 * <p>A task whose bucket or key cannot be read fails alone (answered {@code TemporaryFailure});
 * an event without a task id, or of another schema version, cannot be answered at all and fails
 * the invocation.
 */
@Singleton
public class BatchOperationsParser implements EventParser {

    static final String SCHEMA_1 = "1.0";
    static final String SCHEMA_2 = "2.0";
    static final String ACTION = "BatchOperations:LambdaInvoke";

    private final JsonMapper json;

    public BatchOperationsParser(JsonMapper json) {
        this.json = json;
    }

    @Override
    public boolean accepts(JsonNode event) {
        return event.get("invocationSchemaVersion") != null && event.get("tasks") != null;
    }

    @Override
    public ParsedEvent parse(JsonNode event) {
        JsonNode version = event.get("invocationSchemaVersion");
        String schema = version.isString() ? version.getStringValue() : version.toString();
        if (SCHEMA_1.equals(schema)) {
            S3BatchEvent batch = read(event, S3BatchEvent.class);
            List<Task> tasks = new ArrayList<>();
            for (S3BatchEvent.Task task : nonNull(batch.getTasks())) {
                tasks.add(new Task(task.getTaskId(), bucketOfArn(task.getS3BucketArn()), task.getS3Key()));
            }
            return parsed(batch.getInvocationSchemaVersion(), batch.getInvocationId(), tasks);
        }
        if (SCHEMA_2.equals(schema)) {
            S3BatchEventV2 batch = read(event, S3BatchEventV2.class);
            List<Task> tasks = new ArrayList<>();
            for (S3BatchEventV2.Task task : nonNull(batch.getTasks())) {
                tasks.add(new Task(task.getTaskId(), task.getS3Bucket(), task.getS3Key()));
            }
            return parsed(batch.getInvocationSchemaVersion(), batch.getInvocationId(), tasks);
        }
        throw new InvalidEventException("S3 Batch Operations invocationSchemaVersion " + schema
                + " is not supported: expected " + SCHEMA_1 + " or " + SCHEMA_2);
    }

    /**
     * The bucket name of a task's {@code s3BucketArn}: the text after the last {@code :}. AWS's own
     * examples use both {@code arn:aws:s3:::bucket} and {@code arn:aws:s3:us-east-1:0123456788:bucket}.
     */
    static String bucketOfArn(String arn) {
        if (arn == null) {
            return null;
        }
        String name = arn.substring(arn.lastIndexOf(':') + 1);
        return name.isEmpty() ? null : name;
    }

    private <T> T read(JsonNode event, Class<T> type) {
        return EventReader.readAs(json, event, type, "S3 Batch Operations event");
    }

    private static ParsedEvent parsed(String schema, String invocationId, List<Task> tasks) {
        if (invocationId == null) {
            throw new InvalidEventException("an S3 Batch Operations event without invocationId");
        }
        List<EventItem> items = new ArrayList<>(tasks.size());
        for (Task task : tasks) {
            if (task.taskId() == null) {
                throw new InvalidEventException("an S3 Batch Operations task without taskId");
            }
            items.add(new EventItem(task.taskId(), () -> List.of(task.objectEvent())));
        }
        return new ParsedEvent(Route.BATCH_OPERATIONS, List.copyOf(items),
                new ParsedEvent.BatchInvocation(schema, invocationId));
    }

    private static <T> List<T> nonNull(List<T> tasks) {
        if (tasks == null) {
            throw new InvalidEventException("an S3 Batch Operations event without tasks");
        }
        return tasks;
    }

    private record Task(String taskId, String bucket, String encodedKey) {
        ObjectEvent objectEvent() {
            if (bucket == null || encodedKey == null) {
                throw new InvalidEventException("task " + taskId + " has no bucket or no s3Key");
            }
            String key;
            try {
                key = S3Keys.decode(encodedKey);
            } catch (IllegalArgumentException e) {
                throw new InvalidEventException("task " + taskId + ": s3Key is not URL-encoded: " + encodedKey);
            }
            return new ObjectEvent(ObjectEvent.Action.BACKFILL, ObjectRef.of(bucket, key), ACTION);
        }
    }
}
