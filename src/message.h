/* message.h — load a message with GMime: decoded headers, chosen body rendered to UTF-8 text, MIME tree. */
#ifndef KENSA_MESSAGE_H
#define KENSA_MESSAGE_H

#include <stdbool.h>
#include <stddef.h>

/* Hard limits: past them analysis is capped and a notice says so. */
#define MESSAGE_MAX_PARTS      200            /* MIME parts walked (real mail has tens) */
#define MESSAGE_MAX_BODY       (4u << 20)     /* bytes of rendered body text kept */
#define MESSAGE_MAX_HEADER     (64u << 10)    /* bytes of one decoded header value kept */
#define MESSAGE_MAX_HEADERS    500            /* header fields kept in order; past them only the evidence fields (see message.c) */
#define MESSAGE_MAX_SIZE       (256u << 20)   /* default max_message_size: bytes read of one message */
#define MESSAGE_MAX_EVIDENCE   256            /* evidence fields kept past MESSAGE_MAX_HEADERS */

struct header {
	char *name;        /* as written ("Received", "X-Spam-Flag") */
	char *raw;         /* raw value bytes, folding kept, not decoded (may hold 8-bit) */
	char lead[8];      /* the blank between the colon and raw as written ("" for "Name:value"), at most 7 bytes */
	char *value;       /* unfolded, RFC 2047/2231-decoded, valid UTF-8 */
};

struct mime_part {
	int index;         /* 0-based in depth-first order */
	int depth;         /* 0 for the top-level entity */
	char *content_type;/* lower-case "type/subtype" */
	char *charset;     /* label as given, or NULL */
	char *filename;    /* decoded (RFC 2231/2047) file name, or NULL */
	char *disposition; /* "inline", "attachment" or NULL */
	size_t size;       /* decoded content size in bytes (0 for multiparts) */
	char sha256[65];   /* of the whole decoded content, lower-case hex, for attachments and parts not shown as text; "" else */
	bool is_body;      /* the part chosen as the displayed body */
	bool is_attachment;
};

struct body_link {
	int number;        /* [n] as shown in the body, from 1 */
	char *href;        /* target as written (trimmed) */
	char *text;        /* visible text, UTF-8, squeezed */
	size_t start, end; /* byte span of the visible text in message.body */
	char *source;      /* "a", "area", "form", "meta-refresh", "text" */
};

/* A byte span of message.body. */
struct text_span {
	size_t start, end;
};

struct message {
	char *path;        /* file name as given ("-" for stdin) */
	size_t size;       /* bytes read */
	struct header *headers; size_t nheaders;   /* in order, topmost first */
	size_t nfields;    /* header fields the message has (nheaders < nfields: some were dropped) */
	size_t nreceived;  /* Received fields the message has, kept or not */
	char *body;        /* rendered body text, UTF-8, NUL-terminated (never NULL) */
	size_t body_len;
	char *body_type;   /* content type of the chosen body part, e.g. "text/html"; NULL if none */
	char *body_charset;/* charset actually used to decode it */
	struct body_link *links; size_t nlinks;    /* from the HTML rendering (source "a", ...); text URLs are found by later modules */
	struct text_span *hidden; size_t nhidden;  /* body text the HTML hides with CSS (display:none, ...), in order */
	struct mime_part *parts; size_t nparts;
	char **notices; size_t nnotices;           /* "analysis capped: 10000 MIME parts, first 1000 read", "undecodable bytes in charset X" */
	void *priv;        /* owned by message.c */
};

/*
 * Load a message from a file ("-" reads standard input). Returns 0 with
 * *out set (free with message_free), or -1 with *cause set to a one-line
 * reason (caller frees): unreadable file, empty file, not a mail message
 * (no header could be parsed).
 */
int message_load_file(const char *path, struct message **out, char **cause);
/* The same, reading at most max bytes (0: MESSAGE_MAX_SIZE): a larger file or stream is refused. */
int message_load_file_max(const char *path, size_t max, struct message **out, char **cause);

/*
 * Open path ("-": standard input) to read a message without ever
 * blocking on the open: only a regular file is accepted (symlinks are
 * followed), a FIFO, a device, a socket or a directory is refused with a
 * one-line *cause, as is a file over max bytes (0: MESSAGE_MAX_SIZE).
 * Standard input may be any stream but a directory. Returns the
 * descriptor (blocking again, close-on-exec) with *size the file's size
 * (0 for a stream), or -1 with *cause (caller frees).
 */
int message_open(const char *path, size_t max, size_t *size, char **cause);
/*
 * Read all of fd (opened by message_open) into *data (NUL-terminated,
 * caller frees with free()) and *len, refusing past max bytes (0:
 * MESSAGE_MAX_SIZE): then -1 with *cause, as on a read error.
 */
int message_read_fd(int fd, size_t size, size_t max, char **data, size_t *len, char **cause);
/* The same from memory; name is used for messages. data need not be NUL-terminated. */
int message_load_mem(const char *data, size_t len, const char *name, struct message **out, char **cause);
void message_free(struct message *m);

/* First header with this name (case-insensitive), or NULL. */
const struct header *message_header(const struct message *m, const char *name);
/* The next header after 'after' with this name (NULL: start from the top), or NULL. */
const struct header *message_header_next(const struct message *m, const char *name, const struct header *after);
/* Decoded value of the first such header, or NULL. */
const char *message_hvalue(const struct message *m, const char *name);

/* Decode an unstructured header value: RFC 2047 words (also broken ones: split multi-byte sequences, words inside quotes or words, missing spaces, wrong or missing charset labels), unlabelled 8-bit. Returns unfolded valid UTF-8; caller frees. */
char *message_decode_header(const char *raw);

/*
 * The decoded content (transfer encoding undone, nothing else) of leaf
 * part 'index' of m when it is an attachment or not text (the first 2 MiB
 * are kept at load time), at most cap bytes, in *data (NUL-terminated, caller
 * frees) and *len; *truncated (may be NULL) says bytes were dropped.
 * Nothing is interpreted or run. Returns -1 when no content was kept for that part.
 */
int message_part_content(const struct message *m, size_t index, size_t cap, char **data, size_t *len,
    bool *truncated);

/* Initialise GMime once (idempotent, thread-safe enough for the first call from main). */
void message_init(void);

#endif
