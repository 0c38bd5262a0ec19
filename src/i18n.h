/* i18n.h — gettext wrappers for the core and the UI. */
#ifndef KENSA_I18N_H
#define KENSA_I18N_H

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#define _(s) (s)
#endif
#ifndef N_
#define N_(s) s
#endif

#endif
