package io.thumbctl.image;

/** Fits a size into a bounding box, keeping the aspect ratio and never enlarging. */
public record BoxFit(int width, int height) {

    public static BoxFit of(int sourceWidth, int sourceHeight, int boxWidth, int boxHeight) {
        double scale = Math.min(1.0, Math.min((double) boxWidth / sourceWidth, (double) boxHeight / sourceHeight));
        int w = Math.max(1, (int) Math.round(sourceWidth * scale));
        int h = Math.max(1, (int) Math.round(sourceHeight * scale));
        return new BoxFit(Math.min(w, boxWidth), Math.min(h, boxHeight));
    }
}
