/*
 * png_same.c: do two PNG files hold the same pixels?  Decodes both with
 * libpng (which checks every chunk's CRC and the zlib stream's Adler-32)
 * as 8-bit RGBA and compares them; prints the first pixel that differs.
 * Exit 0 when the same, 1 when not, 2 when a file cannot be read.  For
 * the notes' steps that change a PNG's bytes but must keep its pixels.
 * Build: cc bench/png_same.c $(pkg-config --cflags --libs libpng) -o build/png_same
 */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned char *load(const char *path, png_image *image)
{
	unsigned char *pixels;

	memset(image, 0, sizeof(*image));
	image->version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_file(image, path))
		return NULL;
	image->format = PNG_FORMAT_RGBA;
	pixels = malloc(PNG_IMAGE_SIZE(*image));
	if (pixels == NULL || !png_image_finish_read(image, NULL, pixels, 0,
	    NULL)) {
		free(pixels);
		return NULL;
	}
	return pixels;
}

int main(int argc, char **argv)
{
	png_image a, b;
	unsigned char *pa, *pb;

	if (argc != 3) {
		fprintf(stderr, "usage: png_same A.png B.png\n");
		return 2;
	}
	pa = load(argv[1], &a);
	pb = load(argv[2], &b);
	if (pa == NULL || pb == NULL) {
		fprintf(stderr, "png_same: %s\n", pa == NULL ? a.message : b.message);
		return 2;
	}
	if (a.width != b.width || a.height != b.height) {
		printf("sizes differ: %ux%u and %ux%u\n", a.width, a.height,
			b.width, b.height);
		return 1;
	}
	for (size_t i = 0; i < PNG_IMAGE_SIZE(a); i++)
		if (pa[i] != pb[i]) {
			printf("first difference at pixel (%zu, %zu)\n",
				i / 4 % a.width, i / 4 / a.width);
			return 1;
		}
	printf("same pixels (%ux%u)\n", a.width, a.height);
	return 0;
}
