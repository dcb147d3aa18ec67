package io.thumbctl.guard;

/** Why a key gets no thumbnail. The words are part of the product contract (DESIGN.md). */
public enum SkipReason {
    /** The key is a thumbnail (under the prefix in the target bucket), or would be its own thumbnail. */
    RECURSION_GUARD("recursion-guard"),
    /** A zero-byte "folder" object made by consoles and sync tools. */
    FOLDER_MARKER("folder-marker"),
    /** The extension is not one of the image types we read. */
    NOT_AN_IMAGE("not-an-image"),
    /** Larger than {@code thumbnail.max-source-bytes}. */
    TOO_LARGE("too-large");

    private final String word;

    SkipReason(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    @Override
    public String toString() {
        return word;
    }
}
