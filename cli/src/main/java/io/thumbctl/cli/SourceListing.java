package io.thumbctl.cli;

import io.thumbctl.config.ThumbnailSettings;
import io.thumbctl.storage.ObjectInfo;
import io.thumbctl.storage.ObjectStore;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The source objects under a prefix, in S3's order, without the thumbnails. With the same-bucket
 * layout the thumbnails sit inside the source listing as one contiguous range (every key that
 * starts with the thumbnail prefix); instead of listing through them, as many keys again as there
 * are sources, the listing jumps over that range with {@code StartAfter}.
 */
public final class SourceListing {

    /**
     * Put after the thumbnail prefix, sorts after every key under it: U+10FFFF is the last code
     * point, so in UTF-8 byte order no real key under the prefix comes later. A server that sorts
     * differently (UTF-16 order puts U+E000-U+FFFF after it) only lists a few thumbnails more,
     * which are then dropped here; the result is the same.
     */
    static final String PAST_EVERY_KEY = "\uDBFF\uDFFF".repeat(4);

    private SourceListing() {
    }

    public static Stream<ObjectInfo> of(ObjectStore store, ThumbnailSettings settings, String bucket, String prefix) {
        String thumbnails = settings.prefix();
        if (!settings.targetBucketFor(bucket).equals(bucket)) {
            return store.list(bucket, prefix);
        }
        if (prefix.startsWith(thumbnails)) {
            return Stream.empty(); // all of it is thumbnails
        }
        if (!thumbnails.startsWith(prefix)) {
            return store.list(bucket, prefix); // the thumbnails are outside this listing
        }
        SkippingIterator objects = new SkippingIterator(store, bucket, prefix, thumbnails);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(objects,
                Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(objects::close);
    }

    private static final class SkippingIterator implements Iterator<ObjectInfo> {
        private final ObjectStore store;
        private final String bucket;
        private final String prefix;
        private final String thumbnails;
        private Stream<ObjectInfo> listing;
        private Iterator<ObjectInfo> objects;
        private boolean jumped;
        private ObjectInfo next;

        SkippingIterator(ObjectStore store, String bucket, String prefix, String thumbnails) {
            this.store = store;
            this.bucket = bucket;
            this.prefix = prefix;
            this.thumbnails = thumbnails;
            this.listing = store.list(bucket, prefix);
            this.objects = listing.iterator();
        }

        @Override
        public boolean hasNext() {
            while (next == null && objects.hasNext()) {
                ObjectInfo o = objects.next();
                if (!o.key().startsWith(thumbnails)) {
                    next = o;
                } else if (!jumped) {
                    jumped = true;
                    listing.close();
                    listing = store.list(bucket, prefix, thumbnails + PAST_EVERY_KEY);
                    objects = listing.iterator();
                }
            }
            return next != null;
        }

        @Override
        public ObjectInfo next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ObjectInfo o = next;
            next = null;
            return o;
        }

        void close() {
            listing.close();
        }
    }
}
