package io.thumbctl.storage;

/**
 * Part of an object, read with a ranged GET: bytes {@code first} to {@code first + content.length - 1}
 * of the object {@code info} describes ({@code info.size()} is the whole object's size, from
 * {@code Content-Range}).
 */
public record StoredRange(ObjectInfo info, long first, byte[] content) {

    /** Whether these bytes run to the object's last byte. */
    public boolean reachesEnd() {
        return first + content.length >= info.size();
    }
}
