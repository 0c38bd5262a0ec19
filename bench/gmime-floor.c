/* gmime-floor.c — the floor kensa scan is measured against: a plain GMime
 * parse-and-decode loop (every header decoded, every text part decoded to
 * UTF-8) over the files named on the command line. Prints messages/second. */
#include <fcntl.h>
#include <gmime/gmime.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static size_t decoded_bytes;

static void
decode_part(GMimeObject *parent, GMimeObject *part, gpointer data)
{
	GMimeDataWrapper *content;
	GMimeStream *mem, *filtered;
	GMimeContentType *ct;
	const char *charset;
	GByteArray *array;

	(void)parent;
	(void)data;
	if (!GMIME_IS_PART(part))
		return;
	ct = g_mime_object_get_content_type(part);
	if (!g_mime_content_type_is_type(ct, "text", "*"))
		return;
	if ((content = g_mime_part_get_content(GMIME_PART(part))) == NULL)
		return;
	mem = g_mime_stream_mem_new();
	filtered = g_mime_stream_filter_new(mem);
	charset = g_mime_content_type_get_parameter(ct, "charset");
	if (charset != NULL) {
		GMimeFilter *f = g_mime_filter_charset_new(charset, "UTF-8");
		if (f != NULL) {
			g_mime_stream_filter_add(GMIME_STREAM_FILTER(filtered), f);
			g_object_unref(f);
		}
	}
	g_mime_data_wrapper_write_to_stream(content, filtered);
	g_mime_stream_flush(filtered);
	array = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
	decoded_bytes += array->len;
	g_object_unref(filtered);
	g_object_unref(mem);
}

int
main(int argc, char **argv)
{
	struct timespec t0, t1;
	int n = 0;
	double secs;

	g_mime_init();
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 1; i < argc; i++) {
		GMimeStream *stream;
		GMimeParser *parser;
		GMimeMessage *msg;
		GMimeHeaderList *headers;

		if ((stream = g_mime_stream_fs_open(argv[i], O_RDONLY, 0, NULL)) == NULL)
			continue;
		parser = g_mime_parser_new_with_stream(stream);
		msg = g_mime_parser_construct_message(parser, NULL);
		if (msg != NULL) {
			headers = g_mime_object_get_header_list(GMIME_OBJECT(msg));
			for (int h = 0; h < g_mime_header_list_get_count(headers); h++) {
				GMimeHeader *hd = g_mime_header_list_get_header_at(headers, h);
				char *v = g_mime_utils_header_decode_text(NULL, g_mime_header_get_raw_value(hd));
				decoded_bytes += strlen(v);
				g_free(v);
			}
			g_mime_message_foreach(msg, decode_part, NULL);
			g_object_unref(msg);
		}
		n++;
		g_object_unref(parser);
		g_object_unref(stream);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("%d messages in %.3f s: %.0f messages/s (%zu bytes decoded)\n", n, secs, n / secs, decoded_bytes);
	return 0;
}
