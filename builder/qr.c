/* qr.c - a QR code drawn with text */
#include "qr.h"

#include <errno.h>
#include <qrencode.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "banned.h"

/* Is module (x, y) light? Outside the code (the margin) is. */
static bool
light(const QRcode *q, int x, int y)
{
	if (x < 0 || y < 0 || x >= q->width || y >= q->width)
		return true;
	return !(q->data[y * q->width + x] & 1);
}

int
qr_render(const char *text, bool utf8, struct buf *out)
{
	static const char *const half[4] = { " ", "\u2584", "\u2580",
		"\u2588" };	/* index: top light * 2 + bottom light */
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_L, QR_MODE_8, 1);
	int lo = -QR_MARGIN, hi;

	if (!q) {
		if (errno == ERANGE || errno == EINVAL)
			errno = ERANGE;
		return -1;
	}
	hi = q->width + QR_MARGIN;
	for (int y = lo; y < hi; y += utf8 ? 2 : 1) {
		for (int x = lo; x < hi; x++) {
			if (!utf8)
				buf_adds(out, light(q, x, y) ? "##" : "  ");
			else	/* the row below the last is margin too */
				buf_adds(out, half[light(q, x, y) * 2 +
				    (y + 1 < hi ? light(q, x, y + 1) : 0)]);
		}
		buf_add(out, "\n", 1);
	}
	QRcode_free(q);
	return 0;
}

bool
qr_utf8_locale(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_CTYPE", "LANG" };

	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);

		if (v && *v)
			return strcasestr(v, "utf-8") || strcasestr(v, "utf8");
	}
	return false;
}
