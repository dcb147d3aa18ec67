package io.thumbctl.thumbnail;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.thumbctl.image.Placeholder;
import io.thumbctl.image.SourceFacts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The manifest of one source (DESIGN.md, "Renditions"): the source, every rendition with its real
 * size, and a placeholder, so a front end can lay out {@code srcset} without fetching an image.
 * Written with Jackson's streaming generator: no reflection, nothing to set up at cold start.
 */
final class ManifestJson {

    private static final JsonFactory JSON = new JsonFactory();

    /** One rendition's line. */
    record Entry(String name, String key, String format, int width, int height, long bytes) {
    }

    private ManifestJson() {
    }

    static byte[] write(String sourceKey, String sourceEtag, long sourceBytes, SourceFacts source, List<Entry> renditions,
                        Placeholder placeholder) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeObjectFieldStart("source");
            json.writeStringField("key", sourceKey);
            json.writeStringField("etag", sourceEtag);
            json.writeStringField("format", source.format());
            json.writeNumberField("width", source.width());
            json.writeNumberField("height", source.height());
            json.writeNumberField("bytes", sourceBytes);
            json.writeEndObject();
            json.writeArrayFieldStart("renditions");
            for (Entry entry : renditions) {
                json.writeStartObject();
                json.writeStringField("name", entry.name());
                json.writeStringField("key", entry.key());
                json.writeStringField("format", entry.format());
                json.writeNumberField("width", entry.width());
                json.writeNumberField("height", entry.height());
                json.writeNumberField("bytes", entry.bytes());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeObjectFieldStart("placeholder");
            json.writeStringField("thumbhash", placeholder.thumbhash());
            json.writeStringField("color", placeholder.color());
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
