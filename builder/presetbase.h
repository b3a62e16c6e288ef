/*
 * presetbase.h - the base path a detected generator's config gives its
 * site, for `tend serve` and `tend check` to serve it there (--base,
 * core/basepath.h) as its host will:
 *
 *   MkDocs   site_url in mkdocs.yml            its path
 *   Hugo     baseURL in hugo.toml/yaml/json,   its path
 *            config.toml/yaml/json, config/_default/ files
 *   Zola     base_url in config.toml           its path
 *   Jekyll   baseurl in _config.yml            as it is
 *
 * Only top-level settings are read (before a TOML table, at a YAML line's
 * start, a JSON key anywhere), the key's case ignored (Hugo's baseurl);
 * a value quoted or not, a YAML or TOML comment after it dropped.
 * --base on the command line wins (main.c does not call this then).
 * Reads one file; prints nothing.
 */
#ifndef TEND_PRESETBASE_H
#define TEND_PRESETBASE_H

#include <stddef.h>

#include "preset.h"

enum presetbase_result {
	PRESETBASE_NONE,	/* no setting, or it names the site's top */
	PRESETBASE_FOUND,	/* *base is set */
	PRESETBASE_BAD,		/* a path basepath.h refuses: msg says why */
};

/*
 * The base path that m's config (relative to src) sets, for m's row. On
 * PRESETBASE_FOUND, *base is a new string in basepath.h's one form and
 * msg says where it comes from ("base path '/repo/' from mkdocs.yml's
 * site_url"); on PRESETBASE_BAD, msg is the warning to print.
 */
enum presetbase_result presetbase_read(const char *src,
    const struct preset_match *m, char **base, char *msg, size_t msglen);

/*
 * The value of the top-level setting key in text, a config file of the
 * format of its name (".toml", ".yml"/".yaml", ".json"), unquoted; NULL
 * if none. A new string. (For the tests.)
 */
char *presetbase_value(const char *name, const char *text, const char *key);

/*
 * The path of url: "https://h.io/repo/" -> "/repo/", "/docs" -> "/docs";
 * "" for a URL with no path or a relative value. Points into url; a query
 * or fragment is kept (basepath.h refuses it).
 */
const char *presetbase_path(const char *url);

#endif
