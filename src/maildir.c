/* maildir.c — read-only Maildir and Maildir++ listing. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "i18n.h"
#include "maildir.h"
#include "util.h"

static bool
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool
maildir_is(const char *path)
{
	char *cur = xasprintf("%s/cur", path), *new = xasprintf("%s/new", path);
	bool yes = is_dir(cur) && is_dir(new);

	free(cur);
	free(new);
	return yes;
}

/* Base name without the folder/sub prefix, for ordering. */
static const char *
base_of(const struct maildir_entry *e)
{
	const char *s = strrchr(e->name, '/');

	return s != NULL ? s + 1 : e->name;
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct maildir_entry *x = a, *y = b;
	int c = strcmp(x->folder, y->folder);

	if (c != 0)
		return c;
	return strverscmp(base_of(x), base_of(y));
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
list_sub(struct maildir *md, const char *folder, const char *sub, char **cause)
{
	char *dir = xasprintf("%s%s%s/%s", md->path, *folder ? "/" : "", folder, sub);
	DIR *d = opendir(dir);
	struct dirent *de;

	if (d == NULL) {
		*cause = xasprintf("%s: %s", dir, strerror(errno));
		free(dir);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		struct maildir_entry *e;
		const char *colon;

		if (de->d_name[0] == '.')
			continue;   /* Maildir: names starting with '.' are not messages */
		if (de->d_type == DT_DIR)
			continue;   /* a folder inside cur/ is nobody's message */
		/* anything else is listed: what is not a regular file gets a one-line reason when read */
		md->v = xreallocarray(md->v, md->n + 1, sizeof *md->v);
		e = &md->v[md->n++];
		e->path = xasprintf("%s/%s", dir, de->d_name);
		e->name = xasprintf("%s%s%s/%s", folder, *folder ? "/" : "", sub, de->d_name);
		e->folder = xstrdup(folder);
		colon = strstr(de->d_name, ":2,");
		e->flags = xstrdup(colon != NULL ? colon + 3 : "");
		e->is_new = strcmp(sub, "new") == 0;
	}
	closedir(d);
	free(dir);
	return 0;
}

int
maildir_open(const char *path, bool recursive, struct maildir **out, char **cause)
{
	struct maildir *md;
	struct stat st;

	*out = NULL;
	if (stat(path, &st) != 0) {
		*cause = xstrdup(strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		*cause = xstrdup(_("not a directory"));
		return -1;
	}
	if (!maildir_is(path)) {
		*cause = xstrdup(_("not a Maildir (no cur/ and new/ folders)"));
		return -1;
	}
	md = xcalloc(1, sizeof *md);
	md->path = xstrdup(path);
	if (list_sub(md, "", "new", cause) != 0 || list_sub(md, "", "cur", cause) != 0) {
		maildir_free(md);
		return -1;
	}
	{
		/* Maildir++ subfolders: ".Name" directories holding cur/ and new/. */
		DIR *d = opendir(path);
		struct dirent *de;

		while (d != NULL && (de = readdir(d)) != NULL) {
			char *sub;
			if (de->d_name[0] != '.' || strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
				continue;
			sub = xasprintf("%s/%s", path, de->d_name);
			if (maildir_is(sub)) {
				md->folders = xreallocarray(md->folders, md->nfolders + 1, sizeof *md->folders);
				md->folders[md->nfolders++] = xstrdup(de->d_name);
			}
			free(sub);
		}
		if (d != NULL)
			closedir(d);
	}
	if (md->nfolders > 0)   /* qsort(NULL, 0, ...) is undefined */
		qsort(md->folders, md->nfolders, sizeof *md->folders, str_cmp);
	for (size_t i = 0; recursive && i < md->nfolders; i++) {
		char *c1 = NULL;
		if (list_sub(md, md->folders[i], "new", &c1) != 0 || list_sub(md, md->folders[i], "cur", &c1) != 0)
			free(c1);   /* an unreadable subfolder does not stop the rest */
	}
	if (md->n > 0)
		qsort(md->v, md->n, sizeof *md->v, entry_cmp);
	*out = md;
	return 0;
}

void
maildir_free(struct maildir *md)
{
	if (md == NULL)
		return;
	for (size_t i = 0; i < md->n; i++) {
		free(md->v[i].path);
		free(md->v[i].name);
		free(md->v[i].folder);
		free(md->v[i].flags);
	}
	free(md->v);
	for (size_t i = 0; i < md->nfolders; i++)
		free(md->folders[i]);
	free(md->folders);
	free(md->path);
	free(md);
}
