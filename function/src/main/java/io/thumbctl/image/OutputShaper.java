package io.thumbctl.image;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Shapes one decoded image into every output's pixels: fitted or cropped to cover, scaled, turned
 * upright. The outputs that fit inside their box are made largest first, each from the smallest
 * image already made that is at least its size, so three sizes cost little more than the
 * largest one's downscale.
 */
final class OutputShaper {

    private final Decoded decoded;
    private final Orientation orientation;
    /** Stored-orientation images made so far that show the whole source (no crop), for reuse. */
    private final List<BufferedImage> whole = new ArrayList<>();

    OutputShaper(Decoded decoded, Orientation orientation) {
        this.decoded = decoded;
        this.orientation = orientation;
        whole.add(decoded.image());
    }

    /** Upright pixels for each output, in the order given. */
    List<BufferedImage> shape(List<ThumbnailSpec.Output> outputs) {
        BufferedImage[] shaped = new BufferedImage[outputs.size()];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingLong((Integer i) -> -(long) outputs.get(i).width() * outputs.get(i).height()));
        for (int i : order) {
            RenderDeadline.check();
            shaped[i] = orientation.apply(stored(outputs.get(i)));
        }
        return List.of(shaped);
    }

    /** An upright image fitted inside {@code width}x{@code height}, from the images made so far. */
    BufferedImage fittedInside(int width, int height) {
        return orientation.apply(inside(box(width, height)));
    }

    private BufferedImage stored(ThumbnailSpec.Output output) {
        int[] box = box(output.width(), output.height());
        return output.cover() ? cover(box) : inside(box);
    }

    /** The box in stored orientation: a sideways-stored portrait is fitted as a portrait. */
    private int[] box(int width, int height) {
        return orientation.swapsAxes() ? new int[]{height, width} : new int[]{width, height};
    }

    private BufferedImage inside(int[] box) {
        BoxFit fit = BoxFit.of(decoded.sourceWidth(), decoded.sourceHeight(), box[0], box[1]);
        BufferedImage from = smallestAtLeast(fit);
        BufferedImage image = HalvingDownscaler.downscale(from, fit);
        whole.add(image);
        return image;
    }

    /**
     * Scaled to cover the box, then the centre cut out. A source smaller than the box is not
     * enlarged: it gives the largest centred crop of the box's aspect ratio, at the source's scale.
     */
    private BufferedImage cover(int[] box) {
        BoxFit size = coverSize(decoded.sourceWidth(), decoded.sourceHeight(), box[0], box[1]);
        BufferedImage image = decoded.image();
        int w = image.getWidth();
        int h = image.getHeight();
        int cropW = w;
        int cropH = h;
        if ((long) w * box[1] > (long) h * box[0]) {
            cropW = Math.max(1, Math.min(w, (int) Math.round((double) h * box[0] / box[1])));
        } else {
            cropH = Math.max(1, Math.min(h, (int) Math.round((double) w * box[1] / box[0])));
        }
        BufferedImage crop = image.getSubimage((w - cropW) / 2, (h - cropH) / 2, cropW, cropH);
        return HalvingDownscaler.downscale(crop, size);
    }

    /** The size of a cover output: the box, or the largest crop of its aspect ratio a smaller source has. */
    static BoxFit coverSize(int sourceWidth, int sourceHeight, int boxWidth, int boxHeight) {
        if (sourceWidth >= boxWidth && sourceHeight >= boxHeight) {
            return new BoxFit(boxWidth, boxHeight);
        }
        if ((long) sourceWidth * boxHeight > (long) sourceHeight * boxWidth) {
            return new BoxFit(Math.max(1, (int) Math.round((double) sourceHeight * boxWidth / boxHeight)), sourceHeight);
        }
        return new BoxFit(sourceWidth, Math.max(1, (int) Math.round((double) sourceWidth * boxHeight / boxWidth)));
    }

    private BufferedImage smallestAtLeast(BoxFit fit) {
        BufferedImage best = decoded.image();
        for (BufferedImage candidate : whole) {
            if (candidate.getWidth() >= fit.width() && candidate.getHeight() >= fit.height()
                    && (long) candidate.getWidth() * candidate.getHeight() < (long) best.getWidth() * best.getHeight()) {
                best = candidate;
            }
        }
        return best;
    }
}
