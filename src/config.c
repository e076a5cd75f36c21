/* config.c: the one configuration file (ClearSilver HDF), read once per process. */
#include <stdlib.h>

#include <ClearSilver.h>

#include "wxdesk.h"

static HDF *config;

/*
 * Reads the HDF file at path (or $WXDESK_CONFIG when path is NULL) into the
 * process-lifetime tree. Returns 0, or -1 after logging why.
 */
int
cfg_load(const char *path)
{
	NEOERR *err;

	if (path == NULL)
		path = getenv("WXDESK_CONFIG");
	if (path == NULL || *path == '\0') {
		wx_log("no configuration: set WXDESK_CONFIG to the wxdesk.hdf file");
		return -1;
	}
	if (config != NULL)
		hdf_destroy(&config);
	if ((err = hdf_init(&config)) != STATUS_OK)
		goto fail;
	if ((err = hdf_read_file(config, path)) != STATUS_OK)
		goto fail;
	return 0;
fail:;
	STRING s;
	string_init(&s);
	nerr_error_string(err, &s);
	wx_log("cannot read configuration %s: %s", path, s.buf ? s.buf : "?");
	string_clear(&s);
	nerr_ignore(&err);
	return -1;
}

/*
 * Reads a second HDF file over the configuration (its values win): the
 * schema owner's credentials for migrations (Database.OwnerFile), kept apart
 * from the file every program reads. Returns 0, or -1 after logging why.
 */
int
cfg_overlay(const char *path)
{
	NEOERR *err;

	if (config == NULL || path == NULL)
		return -1;
	if ((err = hdf_read_file(config, path)) == STATUS_OK)
		return 0;
	STRING s;
	string_init(&s);
	nerr_error_string(err, &s);
	wx_log("cannot read %s: %s", path, s.buf ? s.buf : "?");
	string_clear(&s);
	nerr_ignore(&err);
	return -1;
}

const char *
cfg_get(const char *name, const char *def)
{
	return config ? hdf_get_value(config, name, def) : def;
}

int
cfg_int(const char *name, int def)
{
	return config ? hdf_get_int_value(config, name, def) : def;
}

HDF *
cfg_hdf(void)
{
	return config;
}
