package io.thumbctl.cli.verify;

import io.thumbctl.storage.ObjectInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Map;

/**
 * A thumbnail listing turned into the order of the source keys its thumbnails stand for, for the
 * single thumbnail's merge walk.
 *
 * <p>A thumbnail's key is {@code prefix + KEY}, except for a HEIC/HEIF or AVIF source, whose
 * thumbnail is at {@code prefix + KEY + ".jpg"} (or {@code ".png"}). Taking those four characters
 * off does not keep S3's order: {@code a.heic-2.jpg} (a JPEG's thumbnail) lists before
 * {@code a.heic.jpg} (the thumbnail of {@code a.heic}), while the sources list {@code a.heic}
 * first. So the mapped keys wait in a small sorted buffer until no thumbnail still unread can map
 * to a key before them: a later key {@code T} maps to {@code T} itself or to one of its own
 * prefixes ending in {@code .heic}, {@code .heif} or {@code .avif} that {@code ".png"} completes
 * to at least {@code T} ({@link #lowestSourceKeyOf}). Only thumbnails between {@code a.heic} and
 * {@code a.heic.png} in S3's order ever wait; memory stays one listing page otherwise.
 *
 * <p>A key such as {@code a.heic.jpg} is the thumbnail of {@code a.heic} and also the key a JPEG
 * source named {@code a.heic.jpg} gets: it is offered under both source keys, and is an orphan only
 * when neither source is there ({@link Thumbnail#orphaned()}).
 */
final class SourceOrderedThumbnails implements Iterator<SourceOrderedThumbnails.Group> {

    private static final String[] HEIF_EXTENSIONS = {".heic", ".heif", ".avif"};
    private static final String[] WRITTEN_EXTENSIONS = {".jpg", ".png"};
    /** The largest of {@link #WRITTEN_EXTENSIONS}: a prefix completed with it is the latest such key. */
    private static final String LAST_EXTENSION = ".png";

    /** One listed thumbnail and what became of it. */
    static final class Thumbnail {
        private final ObjectInfo object;
        private final String sourceKey;
        private int groupsLeft;
        private boolean paired;

        private Thumbnail(ObjectInfo object, String sourceKey, int groups) {
            this.object = object;
            this.sourceKey = sourceKey;
            this.groupsLeft = groups;
        }

        ObjectInfo object() {
            return object;
        }

        /** The key of the source it most likely stands for (the HEIF one, where there are two). */
        String sourceKey() {
            return sourceKey;
        }

        /**
         * Marks one of its groups as handled, paired with a source or not; true when that was its
         * last group: it is then counted, and an orphan when no group found a source.
         */
        boolean settle(boolean withSource) {
            paired |= withSource;
            return --groupsLeft == 0;
        }

        boolean orphaned() {
            return groupsLeft == 0 && !paired;
        }
    }

    /** The thumbnails that stand for one source key (two when both its .jpg and .png are there). */
    record Group(String sourceKey, List<Thumbnail> thumbnails) {

        /** The newest, the one to judge staleness by. */
        ObjectInfo newest() {
            ObjectInfo newest = thumbnails.get(0).object();
            for (Thumbnail t : thumbnails) {
                if (t.object().lastModified().isAfter(newest.lastModified())) {
                    newest = t.object();
                }
            }
            return newest;
        }
    }

    private final Iterator<ObjectInfo> listing;
    private final int strip;
    /**
     * In the listing's own order, but for the keys a HEIF thumbnail maps back to, each put before
     * the first waiting key that sorts after it. (A server that lists in another order than S3's,
     * UTF-16's say, is followed as it is, as the source listing is.)
     */
    private final List<Group> waiting = new ArrayList<>();
    private final Map<String, Group> waitingByKey = new HashMap<>();
    private ObjectInfo unread;

    /**
     * @param listing the thumbnails in S3's order
     * @param strip   the length of the thumbnail prefix, taken off every key
     */
    SourceOrderedThumbnails(Iterator<ObjectInfo> listing, int strip) {
        this.listing = listing;
        this.strip = strip;
        this.unread = listing.hasNext() ? listing.next() : null;
    }

    @Override
    public boolean hasNext() {
        fill();
        return !waiting.isEmpty();
    }

    /** The group of the lowest source key still to come. */
    Group peek() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return waiting.get(0);
    }

    @Override
    public Group next() {
        Group group = peek();
        waiting.remove(0);
        waitingByKey.remove(group.sourceKey());
        return group;
    }

    /**
     * Reads on while a thumbnail still unread may map to a key before the first waiting one. Every
     * waiting key lists before the next unread key {@code T}; a thumbnail at {@code T} or after it
     * maps to {@code T} or later, unless {@code T} has a HEIF-named prefix {@code P} that
     * {@code P.jpg}/{@code P.png} can follow: then to {@code P} or later.
     */
    private void fill() {
        while (unread != null && (waiting.isEmpty() || mayComeBefore(unread, waiting.get(0).sourceKey()))) {
            add(unread);
            unread = listing.hasNext() ? listing.next() : null;
        }
    }

    private boolean mayComeBefore(ObjectInfo next, String firstWaiting) {
        String key = key(next);
        String lowest = lowestSourceKeyOf(key);
        return !lowest.equals(key) && Utf8Order.compare(firstWaiting, lowest) >= 0;
    }

    private void add(ObjectInfo object) {
        String key = key(object);
        String heifSource = heifSourceOf(key);
        Thumbnail thumbnail = new Thumbnail(object, heifSource == null ? key : heifSource, heifSource == null ? 1 : 2);
        if (heifSource != null) {
            groupAt(heifSource, true).thumbnails().add(thumbnail);
        }
        groupAt(key, false).thumbnails().add(thumbnail);
    }

    /** The waiting group of this key, or a new one: at the end, or (moved) before the first later key. */
    private Group groupAt(String sourceKey, boolean moved) {
        Group group = waitingByKey.get(sourceKey);
        if (group != null) {
            return group;
        }
        group = new Group(sourceKey, new ArrayList<>(2));
        int at = waiting.size();
        if (moved) {
            at = 0;
            while (at < waiting.size() && Utf8Order.compare(waiting.get(at).sourceKey(), sourceKey) < 0) {
                at++;
            }
        }
        waiting.add(at, group);
        waitingByKey.put(sourceKey, group);
        return group;
    }

    private String key(ObjectInfo object) {
        return object.key().substring(strip);
    }

    /** {@code K} for a thumbnail key {@code K.jpg} or {@code K.png} where {@code K} names a HEIF/AVIF file, else null. */
    static String heifSourceOf(String thumbnailKey) {
        for (String written : WRITTEN_EXTENSIONS) {
            if (thumbnailKey.endsWith(written)) {
                String source = thumbnailKey.substring(0, thumbnailKey.length() - written.length());
                return namesHeif(source, source.length()) ? source : null;
            }
        }
        return null;
    }

    /**
     * The lowest source key that this thumbnail key, or any that lists after it, can stand for:
     * the shortest prefix {@code P} of it that names a HEIF/AVIF file and with {@code P + ".png"}
     * not before it, or else the key itself.
     */
    static String lowestSourceKeyOf(String thumbnailKey) {
        for (int end = thumbnailKey.indexOf('.'); end >= 0; end = thumbnailKey.indexOf('.', end + 1)) {
            int after = end + 5; // a dot and four letters
            if (after <= thumbnailKey.length() && namesHeif(thumbnailKey, after)
                    && Utf8Order.compare(thumbnailKey.substring(after), LAST_EXTENSION) <= 0) {
                return thumbnailKey.substring(0, after);
            }
        }
        return thumbnailKey;
    }

    /** Whether {@code key}'s first {@code end} characters end in .heic, .heif or .avif, in any case. */
    private static boolean namesHeif(String key, int end) {
        if (end < 5) {
            return false;
        }
        String tail = key.substring(end - 5, end).toLowerCase(Locale.ROOT);
        for (String extension : HEIF_EXTENSIONS) {
            if (tail.equals(extension)) {
                return true;
            }
        }
        return false;
    }
}
