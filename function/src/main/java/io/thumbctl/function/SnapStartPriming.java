package io.thumbctl.function;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.thumbctl.event.EventReader;
import io.thumbctl.event.ObjectEvent;
import io.thumbctl.event.ParsedEvent;
import io.thumbctl.guard.KeyPolicy;
import io.thumbctl.image.ImageException;
import io.thumbctl.image.ThumbnailRenderer;
import io.thumbctl.image.ThumbnailSpec;
import io.thumbctl.storage.OfflineS3;
import io.thumbctl.storage.S3ObjectStore;
import io.thumbctl.thumbnail.Outcome;
import io.thumbctl.thumbnail.ThumbnailService;
import org.crac.Context;
import org.crac.Resource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Warms the function up before a SnapStart snapshot, so a restored environment starts with the
 * classes loaded, ImageIO's plugins registered and the hot code compiled.
 *
 * <p>Before the snapshot ({@link #prime()}): a bundled sample S3 event is parsed and handled by the
 * real service, guard, renderer and S3 storage code, with the S3 client's HTTP layer replaced by an
 * in-memory stand-in ({@link OfflineS3}); a bundled PNG goes through the renderer as well. Nothing
 * is written to S3, no credentials are read and no connection is opened, so none of them can end
 * up in the snapshot, where every restored environment would share them.
 *
 * <p>After a restore ({@link #afterRestore}): the real S3 client is built (credentials provider,
 * connection pool), before the first event arrives; its credentials and connections are fetched on
 * first use, in the restored environment.
 */
public final class SnapStartPriming implements Resource {

    private final EventReader events;
    private final KeyPolicy policy;
    private final ThumbnailRenderer renderer;
    private final JsonMapper json;
    private final S3ObjectStore store;

    public SnapStartPriming(ApplicationContext context) {
        this.events = context.getBean(EventReader.class);
        this.policy = context.getBean(KeyPolicy.class);
        this.renderer = context.getBean(ThumbnailRenderer.class);
        this.json = context.getBean(JsonMapper.class);
        this.store = context.getBean(S3ObjectStore.class);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        store.prepare();
    }

    /**
     * Runs one event through the whole pipeline against the offline S3 stand-in.
     *
     * @return what the stand-in was asked, as {@code METHOD /path} (for tests and diagnostics)
     * @throws IllegalStateException if the pipeline did not produce a thumbnail: a build whose
     *                               image plugins or settings are broken fails before the snapshot
     */
    public List<String> prime() {
        byte[] photo = resource("priming.jpg");
        ParsedEvent event = events.read(resource("priming-event.json"));
        List<Outcome> outcomes = new ArrayList<>();
        try (OfflineS3 offline = OfflineS3.serving(photo)) {
            ThumbnailService service = new ThumbnailService(offline.store(), policy, renderer);
            for (ObjectEvent object : event.objects()) {
                outcomes.add(service.createUploaded(object.object()));
            }
            if (outcomes.stream().anyMatch(o -> o instanceof Outcome.Failed)) {
                throw new IllegalStateException("priming failed to make a thumbnail: " + outcomes);
            }
            json.writeValueAsBytes(ThumbnailHandler.HandlerResponse.of(outcomes));
            ThumbnailSpec spec = ThumbnailSpec.of(policy.settings());
            if (outcomes.stream().noneMatch(o -> o instanceof Outcome.Created)) {
                // A prefix that happens to cover the sample key: the guard skipped it; still warm the renderer.
                renderer.render(photo, spec);
            }
            renderer.render(resource("priming.png"), spec);
            return offline.requests();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ImageException e) {
            throw new IllegalStateException("priming could not render the bundled PNG: " + e.getMessage(), e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = SnapStartPriming.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing bundled resource io/thumbctl/function/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
