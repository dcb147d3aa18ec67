/*
 * thumbctl's entry points into libavif, linked together with a static libavif into
 * libthumbctl_avif.so by function/native/build-libavif.sh.
 *
 * Why a shim: libavif 0.11's API hands out structs (avifImage, avifRGBImage, avifEncoder) whose
 * layouts change between releases. Setting their fields from Java would mean mapping those
 * layouts in JNA and keeping them in step with the C headers by hand. Here the compiler reads the
 * headers, and Java sees four functions that take and return plain numbers and buffers.
 *
 * Pixels cross as 32-bit ints, 0xAARRGGBB in native byte order: what Java's TYPE_INT_ARGB and
 * TYPE_INT_RGB rasters hold, so JNA copies an int[] straight in (and, for a decode, out).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "avif/avif.h"

#define THUMBCTL_API __attribute__((visibility("default")))

/* The byte order of a native 0xAARRGGBB int, in libavif's names. */
static avifRGBFormat argbIntFormat(void)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    return AVIF_RGB_FORMAT_ARGB;
#else
    return AVIF_RGB_FORMAT_BGRA;
#endif
}

static void setError(char * error, size_t errorSize, const char * what, avifResult result, const char * detail)
{
    if (error == NULL || errorSize == 0) {
        return;
    }
    if (detail != NULL && detail[0] != '\0') {
        snprintf(error, errorSize, "%s: %s (%s)", what, avifResultToString(result), detail);
    } else {
        snprintf(error, errorSize, "%s: %s", what, avifResultToString(result));
    }
}

/* "libavif 0.11.1, codecs aom [enc/dec]:v3.6.0": what was linked and what it found at run time. */
THUMBCTL_API void thumbctl_avif_versions(char * out, size_t outSize)
{
    char codecs[256];
    avifCodecVersions(codecs);
    snprintf(out, outSize, "libavif %s, codecs %s", avifVersion(), codecs);
}

/*
 * Encodes 8-bit sRGB pixels as a still AVIF: YUV 4:2:0, full range, CICP 1/13/6 (BT.709
 * primaries, sRGB transfer, BT.601 matrix), as avifenc writes PNG and JPEG input. With hasAlpha
 * the alpha channel (not premultiplied) is kept, coded at alphaQuantizer; without, it is ignored.
 *
 * Returns 0 (AVIF_RESULT_OK) and sets *out and *outSize, to be released with thumbctl_avif_free;
 * else an avifResult, with a message in error.
 */
THUMBCTL_API int thumbctl_avif_encode(const uint32_t * argb, uint32_t width, uint32_t height, uint32_t stride,
                                      int hasAlpha, int quantizer, int alphaQuantizer, int speed, int threads,
                                      uint8_t ** out, size_t * outSize, char * error, size_t errorSize)
{
    *out = NULL;
    *outSize = 0;
    avifResult result = AVIF_RESULT_OK;
    avifEncoder * encoder = NULL;
    avifRWData output = AVIF_DATA_EMPTY;
    avifImage * image = avifImageCreate((int)width, (int)height, 8, AVIF_PIXEL_FORMAT_YUV420);
    if (image == NULL) {
        setError(error, errorSize, "avifImageCreate", AVIF_RESULT_OUT_OF_MEMORY, NULL);
        return AVIF_RESULT_OUT_OF_MEMORY;
    }
    image->colorPrimaries = AVIF_COLOR_PRIMARIES_BT709;
    image->transferCharacteristics = AVIF_TRANSFER_CHARACTERISTICS_SRGB;
    image->matrixCoefficients = AVIF_MATRIX_COEFFICIENTS_BT601;
    image->yuvRange = AVIF_RANGE_FULL;

    avifRGBImage rgb;
    avifRGBImageSetDefaults(&rgb, image);
    rgb.format = argbIntFormat();
    rgb.depth = 8;
    rgb.ignoreAlpha = hasAlpha ? AVIF_FALSE : AVIF_TRUE;
    rgb.pixels = (uint8_t *)argb;
    rgb.rowBytes = stride * 4;
    result = avifImageRGBToYUV(image, &rgb);
    if (result != AVIF_RESULT_OK) {
        setError(error, errorSize, "avifImageRGBToYUV", result, NULL);
        goto done;
    }

    encoder = avifEncoderCreate();
    if (encoder == NULL) {
        result = AVIF_RESULT_OUT_OF_MEMORY;
        setError(error, errorSize, "avifEncoderCreate", result, NULL);
        goto done;
    }
    encoder->codecChoice = AVIF_CODEC_CHOICE_AOM;
    encoder->maxThreads = threads;
    encoder->speed = speed;
    encoder->minQuantizer = quantizer;
    encoder->maxQuantizer = quantizer;
    encoder->minQuantizerAlpha = alphaQuantizer;
    encoder->maxQuantizerAlpha = alphaQuantizer;
    result = avifEncoderWrite(encoder, image, &output);
    if (result != AVIF_RESULT_OK) {
        setError(error, errorSize, "avifEncoderWrite", result, encoder->diag.error);
        avifRWDataFree(&output);
        goto done;
    }
    *out = output.data;
    *outSize = output.size;

done:
    if (encoder != NULL) {
        avifEncoderDestroy(encoder);
    }
    avifImageDestroy(image);
    return result;
}

/*
 * Decodes the first image of an AVIF with libavif's own decoder (libaom's AV1 decoder) into
 * native 0xAARRGGBB ints, 8 bits a channel. info receives width, height, bit depth, avifPixelFormat
 * (1 = 4:4:4, 2 = 4:2:2, 3 = 4:2:0, 4 = 4:0:0), whether there is an alpha plane, colour
 * primaries, transfer characteristics, matrix coefficients and range (1 = full).
 *
 * Returns 0 and sets *argb (width * height ints, released with thumbctl_avif_free); else an
 * avifResult, with a message in error.
 */
THUMBCTL_API int thumbctl_avif_decode(const uint8_t * data, size_t size, uint32_t ** argb, int32_t info[9],
                                      char * error, size_t errorSize)
{
    *argb = NULL;
    avifRGBImage rgb;
    memset(&rgb, 0, sizeof(rgb));
    avifResult result;
    avifImage * image = avifImageCreateEmpty();
    avifDecoder * decoder = avifDecoderCreate();
    if (image == NULL || decoder == NULL) {
        result = AVIF_RESULT_OUT_OF_MEMORY;
        setError(error, errorSize, "avifDecoderCreate", result, NULL);
        goto done;
    }
    decoder->codecChoice = AVIF_CODEC_CHOICE_AOM;
    decoder->maxThreads = 1;
    result = avifDecoderReadMemory(decoder, image, data, size);
    if (result != AVIF_RESULT_OK) {
        setError(error, errorSize, "avifDecoderReadMemory", result, decoder->diag.error);
        goto done;
    }
    avifRGBImageSetDefaults(&rgb, image);
    rgb.format = argbIntFormat();
    rgb.depth = 8;
    avifRGBImageAllocatePixels(&rgb);
    result = avifImageYUVToRGB(image, &rgb);
    if (result != AVIF_RESULT_OK) {
        setError(error, errorSize, "avifImageYUVToRGB", result, NULL);
        goto done;
    }
    info[0] = (int32_t)image->width;
    info[1] = (int32_t)image->height;
    info[2] = (int32_t)image->depth;
    info[3] = (int32_t)image->yuvFormat;
    info[4] = image->alphaPlane != NULL ? 1 : 0;
    info[5] = (int32_t)image->colorPrimaries;
    info[6] = (int32_t)image->transferCharacteristics;
    info[7] = (int32_t)image->matrixCoefficients;
    info[8] = (int32_t)image->yuvRange;
    *argb = (uint32_t *)rgb.pixels;
    rgb.pixels = NULL; /* now the caller's */

done:
    avifRGBImageFreePixels(&rgb);
    if (decoder != NULL) {
        avifDecoderDestroy(decoder);
    }
    if (image != NULL) {
        avifImageDestroy(image);
    }
    return result;
}

/* Releases what thumbctl_avif_encode or thumbctl_avif_decode returned; NULL is ignored. */
THUMBCTL_API void thumbctl_avif_free(void * data)
{
    avifFree(data);
}
