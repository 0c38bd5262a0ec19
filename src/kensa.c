/* kensa.c — main(): options, the report and scan commands; the one file in src/ that knows ui/ exists (the browser: tui_main). */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analyze.h"
#include "cache.h"
#include "geoip.h"
#include "i18n.h"
#include "mailbox.h"
#include "pool.h"
#include "message.h"
#include "report.h"
#include "settings.h"
#include "util.h"
#include "weights.h"
#include "../ui/tui.h"

static struct settings opts;     /* the option table */
static const char *progname = "kensa";

/* The options kensa takes itself; those that set a setting come from settings_table (settings_help). */
static void __attribute__((noreturn))
usage(int status)
{
	FILE *f = status == 0 ? stdout : stderr;

	fprintf(f, _("usage: %s [OPTIONS] [MAILDIR | FILE | -]\n"), progname);
	fprintf(f, _("       %s report [--format text|markdown|json] FILE...\n"), progname);
	fprintf(f, _("       %s scan [--json] [--recursive] MAILDIR...\n"), progname);
	fprintf(f, _("       %s geoip [IP...]   the GeoIP databases found, or what they say of each IP\n"), progname);
	fprintf(f, "\n%s\n", _("Options:"));
	fprintf(f, "  --config FILE                 %s\n", _("read settings from FILE (default ~/.config/kensa/config)"));
	fprintf(f, "  --weights FILE                %s\n", _("weights over the shipped table (default ~/.config/kensa/weights.conf)"));
	settings_help(f, true);
	fprintf(f, "  --version                     %s\n", _("print the version and data attributions"));
	fprintf(f, "  --help                        %s\n", _("this text"));
	fprintf(f, "\n%s\n", _("Settings (key = value lines in the config file; an option above wins over its setting):"));
	settings_help(f, false);
	exit(status);
}

static void
version(void)
{
	printf("kensa %s\n", PACKAGE_VERSION);
	printf("%s\n", _("Analysis core: GMime, libpsl, libidn2, libunistring, gumbo, jansson, libmaxminddb, libcurl."));
	printf("%s\n", _("GeoIP data set up by kensa-update-geoip (ip-location-db, by sapics):"));
	printf("  %s\n", _("IP to ASN: IP to ASN Lite by DB-IP (https://db-ip.com) and Route Views (https://www.routeviews.org), CC BY 4.0."));
	printf("  %s\n", _("IP to country: geo-whois-asn-country, CC0; built from NRO statistics (https://www.nro.net), CC BY 4.0."));
	exit(0);
}

static void __attribute__((noreturn, format(printf, 1, 2)))
die_usage(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

/* ---- report ---- */

/* Once per run: which GeoIP database is missing and how to get one. */
static void
geoip_hint_once(void)
{
	static bool said;
	char *hint;

	if (said)
		return;
	said = true;
	if ((hint = geoip_missing_hint(geoip_shared(opts.geoip_dir))) != NULL) {
		fprintf(stderr, "%s: %s\n", progname, hint);
		free(hint);
	}
}

static int
cmd_report(int argc, char **argv)
{
	enum report_format fmt = REPORT_TEXT;
	int rc = 0, nfiles = 0, nreports = 0;

	for (int i = 0; i < argc; i++) {
		const char *v;

		if (strcmp(argv[i], "--format") == 0) {
			if (i + 1 >= argc)
				die_usage("%s", _("--format needs a value"));
			argv[i] = NULL;
			v = argv[++i];
		} else if (strncmp(argv[i], "--format=", 9) == 0)
			v = argv[i] + 9;
		else
			continue;
		argv[i] = NULL;
		if (strcmp(v, "text") == 0)
			fmt = REPORT_TEXT;
		else if (strcmp(v, "markdown") == 0 || strcmp(v, "md") == 0)
			fmt = REPORT_MARKDOWN;
		else if (strcmp(v, "json") == 0)
			fmt = REPORT_JSON;
		else
			die_usage(_("unknown format: %s (text, markdown or json)"), v);
	}
	for (int i = 0; i < argc; i++) {
		struct report *r;
		char *cause = NULL;

		if (argv[i] == NULL)
			continue;
		if (argv[i][0] == '-' && argv[i][1] != '\0')
			die_usage(_("unknown option: %s"), argv[i]);
		nfiles++;
		if (analyze_file(argv[i], &opts, &r, &cause) != 0) {
			fprintf(stderr, "%s: %s: %s\n", progname, argv[i], cause);
			free(cause);
			rc = 1;
			continue;
		}
		if (nfiles > 1 && fmt != REPORT_JSON)
			fputc('\n', stdout);
		report_write(stdout, r, fmt);
		report_free(r);
		nreports++;
	}
	if (nfiles == 0)
		die_usage("%s", _("report: no file given (use - for standard input)"));
	if (nreports > 0)
		geoip_hint_once();
	return rc;
}

/* ---- geoip: the databases found, or the facts for each IP ---- */

static int
cmd_geoip(int argc, char **argv)
{
	struct geoip *g = geoip_shared(opts.geoip_dir);
	char *hint;
	int rc = 0;

	if (argc == 0) {
		size_t n = geoip_count(g);
		for (size_t i = 0; i < n; i++) {
			int k = geoip_db_kinds(g, i);
			printf("%s\t%s%s%s\n", geoip_path(g, i), k & GEOIP_COUNTRY ? "country" : "",
			    k == (GEOIP_COUNTRY | GEOIP_ASN) ? "," : "", k & GEOIP_ASN ? "asn" : "");
		}
		if (geoip_problems(g) != NULL)
			fprintf(stderr, "%s: %s\n", progname, geoip_problems(g));
		if ((hint = geoip_missing_hint(g)) != NULL) {
			fprintf(stderr, "%s: %s\n", progname, hint);
			free(hint);
			rc = 1;
		}
		return rc;
	}
	for (int i = 0; i < argc; i++) {
		struct geoip_info gi;

		if (argv[i][0] == '-' && argv[i][1] != '\0')
			die_usage(_("unknown option: %s"), argv[i]);
		if (geoip_lookup(g, argv[i], &gi) != 0) {
			printf("%s\t-\t-\t-\n", argv[i]);
			rc = 1;
		} else {
			char asn[24] = "-";
			if (gi.asn != 0)
				snprintf(asn, sizeof asn, "AS%lu", gi.asn);
			printf("%s\t%s\t%s\t%s\n", argv[i], gi.country[0] ? gi.country : "-", asn,
			    gi.as_org != NULL ? gi.as_org : "-");
		}
		geoip_info_free(&gi);
	}
	return rc;
}

/* ---- scan: the shared analysis pool, output in the mailbox's order ---- */

struct scan_job {
	struct mailbox *mb;
	bool json;
	struct cache *cache;      /* NULL: --no-cache, or none could be opened */
	char **lines;             /* one per entry, NULL until done or printed */
	size_t printed;           /* entries printed so far */
	pthread_mutex_t lock;
};

/*
 * One message on a pool thread: analyse it (or take the cache's answer),
 * then print every line that is now due in order (its own and those that
 * finished before it): no thread waits for another to wake it.
 */
static void
scan_one(void *ctx, void *arg)
{
	struct scan_job *job = ctx;
	size_t i = (size_t)(uintptr_t)arg - 1, n = mailbox_count(job->mb);
	const char *name = mailbox_name(job->mb, i);
	char *path = mailbox_path(job->mb, i), *cause = NULL, *line;
	struct report *r;
	struct cache_entry ce;
	struct stat st;
	bool have_st = job->cache != NULL && stat(path, &st) == 0 && S_ISREG(st.st_mode);

	/* the cache answers the plain lines; JSON wants the whole report */
	if (have_st && !job->json && cache_get(job->cache, name, &st, &ce)) {
		line = report_scan_line_cached(&ce, name);
		cache_entry_free(&ce);
	} else if (analyze_file(path, &opts, &r, &cause) != 0) {
		line = report_scan_error_line(name, cause, job->json);
		free(cause);
	} else {
		free(r->file);
		r->file = xstrdup(name);
		line = job->json ? report_json_line(r) : report_scan_line(r, name);
		if (have_st && r->pending == NULL) {
			cache_entry_from_report(&ce, r);
			cache_put(job->cache, name, &st, &ce);
			cache_entry_free(&ce);
		}
		report_free(r);
	}
	free(path);
	pthread_mutex_lock(&job->lock);
	job->lines[i] = line;
	while (job->printed < n && job->lines[job->printed] != NULL) {
		puts(job->lines[job->printed]);
		free(job->lines[job->printed]);
		job->lines[job->printed++] = NULL;
	}
	pthread_mutex_unlock(&job->lock);
}

static void
scan_mailbox(struct mailbox *mb, bool json, struct cache *cache)
{
	struct scan_job job = { .mb = mb, .json = json, .cache = cache };
	size_t n = mailbox_count(mb);
	struct pool *pool;

	job.lines = xcalloc(n + 1, sizeof *job.lines);
	pthread_mutex_init(&job.lock, NULL);
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);

	/* one thread per core, never more threads than messages */
	pool = pool_new(ncpu > 0 && (size_t)ncpu > n ? (int)(n > 0 ? n : 1) : 0, 0, scan_one, NULL, &job);
	for (size_t i = 0; i < n; i++)
		pool_push(pool, (void *)(uintptr_t)(i + 1));
	pool_drain(pool);
	pool_free(pool, NULL);
	fflush(stdout);
	pthread_mutex_destroy(&job.lock);
	free(job.lines);
}

static int
cmd_scan(int argc, char **argv)
{
	bool json = false, recursive = false;
	int rc = 0, ndirs = 0;
	struct cache *cache = NULL;
	char *def = NULL;

	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = true;
		else if (strcmp(argv[i], "--recursive") == 0 || strcmp(argv[i], "-r") == 0)
			recursive = true;
		else if (argv[i][0] == '-')
			die_usage(_("unknown option: %s"), argv[i]);
		else
			ndirs++;
	}
	if (ndirs == 0) {   /* $MAILDIR, else ~/Maildir */
		const char *env = getenv("MAILDIR");

		def = env != NULL ? xstrdup(env) : xasprintf("%s/Maildir", getenv("HOME") ? getenv("HOME") : ".");
		argv = &def;
		argc = 1;
	}
	if (opts.cache) {
		char *notice = NULL;

		cache = cache_shared(&opts, &notice);
		if (notice != NULL)
			fprintf(stderr, "%s: %s%s\n", progname, notice, cache == NULL ? _(" (going on without the cache)") : "");
		free(notice);
	}
	for (int i = 0; i < argc; i++) {
		struct mailbox *mb;
		char *cause = NULL;

		if (argv[i][0] == '-')
			continue;
		if (mailbox_open(argv[i], "", recursive ? MAILBOX_RECURSIVE : 0, &opts, &mb, &cause) != 0) {
			fprintf(stderr, "%s: %s: %s\n", progname, argv[i], cause);
			free(cause);
			rc = 1;
			continue;
		}
		scan_mailbox(mb, json, cache);
		mailbox_free(mb);
	}
	cache_shared_close();
	free(def);
	return rc;
}

/* ---- no command: the message browser (ui/) on a Maildir, a file or standard input ---- */

/*
 * The browser loads the shipped data files on a thread while it lists the
 * Maildir (the two are about as long on a large Maildir); it waits for them
 * before the first analysis and stops, as report and scan do, when one is
 * missing.
 */
static pthread_t data_thread;
static bool data_threaded, data_done;
static int data_rc;
static char *data_cause;

static void *
load_data(void *arg)
{
	(void)arg;
	data_rc = analyze_load_data(&data_cause);
	return NULL;
}

static void print_lines(const char *cause);

/* Why kensa stops when a shipped data file is missing (report, scan and the browser alike). */
static void
data_missing(const char *cause)
{
	print_lines(cause);
	fprintf(stderr, _("%s: cannot start without its data files (an uninstalled build finds them "
	    "through KENSA_DATADIR)\n"), progname);
}

static int
wait_data(void)
{
	if (data_done)
		return data_rc;
	if (data_threaded)
		pthread_join(data_thread, NULL);
	data_done = true;
	if (data_rc != 0) {
		data_missing(data_cause);
	}
	free(data_cause);
	data_cause = NULL;
	return data_rc;
}

static int
cmd_default(int argc, char **argv)
{
	struct tui_options topt = { NULL, opts.keymap, opts.no_color, wait_data };
	int rc;

	for (int i = 0; i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1] != '\0')
			die_usage(_("unknown option: %s"), argv[i]);
		if (topt.target != NULL)
			die_usage("%s", _("only one MAILDIR or FILE may be given"));
		topt.target = argv[i];
	}
	data_threaded = pthread_create(&data_thread, NULL, load_data, NULL) == 0;
	if (!data_threaded)
		load_data(NULL);   /* no thread to spare: load here */
	rc = tui_main(&opts, &topt);
	if (wait_data() != 0 && rc == 0)
		rc = 1;
	return rc;
}

/* Each line of a multi-line cause as its own "kensa: ..." line on stderr. */
static void
print_lines(const char *cause)
{
	for (const char *p = cause; p != NULL && *p != '\0';) {
		size_t n = strcspn(p, "\n");

		fprintf(stderr, "%s: %.*s\n", progname, (int)n, p);
		p += n + (p[n] == '\n');
	}
}

/*
 * gettext ignores LANGUAGE under the C locale: when a language was asked
 * for there, borrow a UTF-8 locale of that language for messages only.
 */
static void
lang_locale(void)
{
	const char *want = getenv("LANGUAGE"), *cur = setlocale(LC_MESSAGES, NULL);
	char name[64];

	if (want == NULL || *want == '\0' || cur == NULL ||
	    (strcmp(cur, "C") != 0 && strcmp(cur, "POSIX") != 0 && strncmp(cur, "C.", 2) != 0))
		return;
	snprintf(name, sizeof name, "%.2s_%s.UTF-8", want,
	    strncmp(want, "ja", 2) == 0 ? "JP" : strncmp(want, "en", 2) == 0 ? "US" : "XX");
	if (setlocale(LC_MESSAGES, name) == NULL)
		setlocale(LC_MESSAGES, cur);
}

int
main(int argc, char **argv)
{
	char **rest = xcalloc((size_t)argc + 1, sizeof *rest);
	const char *config = NULL, *command = NULL;
	/* options that set a setting: applied after the config file, so that they win */
	const struct setting_def **cli_def = xcalloc((size_t)argc + 1, sizeof *cli_def);
	const char **cli_val = xcalloc((size_t)argc + 1, sizeof *cli_val);
	const char *cli_weights = NULL;
	bool cli_lang = false;
	int nrest = 0, ncli = 0, rc;
	char *cause = NULL;

	settings_init(&opts);
	/* The language first, so that even --help and usage errors speak it. */
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			setenv("LANGUAGE", argv[i + 1], 1);
		else if (strncmp(argv[i], "--lang=", 7) == 0)
			setenv("LANGUAGE", argv[i] + 7, 1);
	}
	setlocale(LC_ALL, "");
	lang_locale();
#ifdef ENABLE_NLS
	/* KENSA_LOCALEDIR: catalogues outside the installed tree (tests, an uninstalled build) */
	bindtextdomain(PACKAGE, getenv("KENSA_LOCALEDIR") != NULL ? getenv("KENSA_LOCALEDIR") : LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
#endif
	/* Global options are taken wherever they stand; the rest goes to the command. */
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *val = strchr(a, '=');
		size_t klen = val != NULL ? (size_t)(val - a) : strlen(a);
		const struct setting_def *d;
#define OPT(name) (strncmp(a, name, klen) == 0 && strlen(name) == klen)
#define VALUE() (val != NULL ? val + 1 : (i + 1 < argc ? argv[++i] : (die_usage(_("%s needs a value"), a), "")))
		if (strcmp(a, "--") == 0) {
			while (++i < argc)
				rest[nrest++] = argv[i];
			break;
		} else if (OPT("--help") || strcmp(a, "-h") == 0)
			usage(0);
		else if (OPT("--version") || strcmp(a, "-V") == 0)
			command = "version";
		else if (OPT("--config"))
			config = VALUE();
		else if (OPT("--weights"))
			cli_weights = VALUE();
		else if (strncmp(a, "--", 2) == 0 && (d = settings_find_option(a, klen)) != NULL) {
			if (d->metavar == NULL && val != NULL)
				die_usage(_("%s takes no value"), d->option);
			cli_def[ncli] = d;
			cli_val[ncli++] = d->metavar != NULL ? VALUE() : d->flag_value;
		} else if (command == NULL && nrest == 0 && (strcmp(a, "report") == 0 || strcmp(a, "scan") == 0 ||
		    strcmp(a, "geoip") == 0))
			command = a;
		else
			rest[nrest++] = argv[i];
#undef OPT
#undef VALUE
	}
	/* every bad line is named; a config kensa cannot follow is not half-followed */
	if (settings_load(&opts, config, &cause) != 0) {
		print_lines(cause);
		free(cause);
		free(rest);
		free(cli_def);
		free(cli_val);
		settings_free(&opts);
		return 1;
	}
	/* the command line wins over the config file, and its values pass the same checks */
	for (int i = 0; i < ncli; i++) {
		char *why = NULL;

		if (settings_apply(&opts, cli_def[i], cli_val[i], &why) != 0)
			die_usage("%s: %s", cli_def[i]->option, why);
		cli_lang |= strcmp(cli_def[i]->name, "lang") == 0;
	}
	free(cli_def);
	free(cli_val);
	if (!cli_lang && opts.lang != NULL) {
		setenv("LANGUAGE", opts.lang, 1);   /* "lang" from the config file */
		lang_locale();
	}
	if (command != NULL && strcmp(command, "version") == 0)
		version();
	/* The weight table: a missing or bad file is fatal, not a silent "clean" for everything. */
	if (weights_setup(cli_weights, &cause) != 0) {
		fprintf(stderr, "%s: %s\n", progname, cause);
		free(cause);
		free(rest);
		settings_free(&opts);
		return 1;
	}
	message_init();
	/* A missing shipped list would only weaken verdicts, silently: stop and say where kensa looked. */
	if (command != NULL && (strcmp(command, "report") == 0 || strcmp(command, "scan") == 0) &&
	    analyze_load_data(&cause) != 0) {
		data_missing(cause);
		free(cause);
		free(rest);
		settings_free(&opts);
		return 1;
	}

	if (command == NULL)
		rc = cmd_default(nrest, rest);
	else if (strcmp(command, "report") == 0)
		rc = cmd_report(nrest, rest);
	else if (strcmp(command, "geoip") == 0)
		rc = cmd_geoip(nrest, rest);
	else
		rc = cmd_scan(nrest, rest);
	free(rest);
	settings_free(&opts);
	return rc;
}
