package io.thumbctl.cli.verify;

/**
 * Compares keys the way S3 sorts them: by their UTF-8 bytes. That is code point order, which is
 * not {@link String#compareTo}: UTF-16 puts a supplementary character (an emoji, its surrogates
 * are 0xD800-0xDFFF) before U+E000-U+FFFF, while UTF-8 puts it after.
 */
final class Utf8Order {

    private Utf8Order() {
    }

    static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
