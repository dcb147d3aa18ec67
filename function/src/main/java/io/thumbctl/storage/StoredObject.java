package io.thumbctl.storage;

/** An object read whole: its description and its bytes. */
public record StoredObject(ObjectInfo info, byte[] content) {
}
