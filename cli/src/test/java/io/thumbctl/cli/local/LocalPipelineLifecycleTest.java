package io.thumbctl.cli.local;

import io.thumbctl.config.InvalidSettingsException;
import io.thumbctl.testing.TestImages;
import io.thumbctl.thumbnail.ThumbnailService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Local mode across restarts, with the function's own configuration, and refusing to start. */
class LocalPipelineLifecycleTest {

    @TempDir
    Path data;

    @Test
    void restart_onTheSameData_keepsObjectsThumbnailsAndTheirMetadata() throws Exception {
        byte[] photo = TestImages.jpeg(500, 250);
        String etag;
        RecordingListener first = new RecordingListener();
        try (LocalPipeline local = LocalPipeline.start(new LocalOptions(0, data, List.of("photos"), Map.of()), first);
             S3Client s3 = LocalClients.plain(local.endpoint())) {
            etag = s3.putObject(b -> b.bucket("photos").key("kept/sun.jpg"), RequestBody.fromBytes(photo)).eTag()
                    .replace("\"", "");
            assertThat(first.await("photos", "kept/sun.jpg").outcome().outcome()).isEqualTo("created");
        }

        RecordingListener second = new RecordingListener();
        try (LocalPipeline local = LocalPipeline.start(new LocalOptions(0, data, List.of("photos"), Map.of()), second);
             S3Client s3 = LocalClients.plain(local.endpoint())) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket("photos").key("kept/sun.jpg")).asByteArray()).isEqualTo(photo);
            assertThat(s3.headObject(b -> b.bucket("photos").key("thumbnails/kept/sun.jpg")).metadata())
                    .containsEntry(ThumbnailService.SOURCE_ETAG, etag);

            // The same bytes again: the thumbnail made before the restart is recognised as current.
            s3.putObject(b -> b.bucket("photos").key("kept/sun.jpg"), RequestBody.fromBytes(photo));
            assertThat(second.await("photos", "kept/sun.jpg").outcome().outcome()).isEqualTo("up-to-date");
        }
    }

    @Test
    void targetBucketSetting_isCreated_andReceivesTheThumbnails() throws Exception {
        RecordingListener function = new RecordingListener();
        Map<String, Object> settings = Map.of("thumbnail.target-bucket", "photos-resized", "thumbnail.prefix", "");
        try (LocalPipeline local = LocalPipeline.start(new LocalOptions(0, data, List.of("photos"), settings), function);
             S3Client s3 = LocalClients.plain(local.endpoint())) {
            assertThat(local.buckets()).containsExactly("photos", "photos-resized");

            s3.putObject(b -> b.bucket("photos").key("cat.png"), RequestBody.fromBytes(TestImages.png(256, 128)));

            RecordingListener.Invocation done = function.await("photos", "cat.png");
            assertThat(done.outcome().thumbnailBucket()).isEqualTo("photos-resized");
            assertThat(s3.headObject(b -> b.bucket("photos-resized").key("cat.png")).contentType())
                    .isEqualTo("image/png");
            // the thumbnail's own creation is announced too, and the guard stops it there
            assertThat(function.await("photos-resized", "cat.png").outcome().reason()).isEqualTo("recursion-guard");
        }
    }

    @Test
    void recursiveConfiguration_refusesToStart_andFreesItsPort() throws Exception {
        Map<String, Object> recursive = Map.of("thumbnail.prefix", "");
        int port = freePort();

        assertThatThrownBy(() -> LocalPipeline.start(new LocalOptions(port, data, List.of(), recursive),
                new RecordingListener()))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("recurse");
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getByName(LocalS3Server.HOST))) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LocalS3Server.HOST))) {
            return socket.getLocalPort();
        }
    }

    @Test
    void noBucketGiven_createsTheDefaultOne_andStartingWritesNothingIntoIt() throws Exception {
        RecordingListener function = new RecordingListener();
        try (LocalPipeline local = LocalPipeline.start(new LocalOptions(0, data, null, null), function);
             S3Client s3 = LocalClients.plain(local.endpoint())) {
            assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).containsExactly(LocalOptions.DEFAULT_BUCKET);

            // queued behind the start-up warm-up on the function's thread, so awaited after it
            s3.putObject(b -> b.bucket("photos").key("first.jpg"), RequestBody.fromBytes(TestImages.jpeg(64, 64)));
            function.await("photos", "first.jpg");
            function.await("photos", "thumbnails/first.jpg");

            assertThat(s3.listObjectsV2(b -> b.bucket("photos")).contents()).extracting(o -> o.key())
                    .containsExactly("first.jpg", "thumbnails/first.jpg");
            assertThat(function.seenKeys()).containsExactly("first.jpg", "thumbnails/first.jpg");
        }
    }
}
