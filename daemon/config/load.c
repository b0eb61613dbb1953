/*
 * load.c - reading a configuration file, and reloading one over the running
 * configuration.
 *
 * A reload that fails keeps the running configuration (DESIGN.md "Daemon"): the new text
 * is parsed into a separate object and only a complete success replaces the old one.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

/* A configuration is a few kilobytes; anything far larger is not one. */
#define MAX_FILE_SIZE (16u * 1024 * 1024)

static int read_file(const char *path, char **text, size_t *len, struct config_diags *diags)
{
        FILE *fp = fopen(path, "rb");
        if (fp == NULL) {
                config_diags_add(diags, CONFIG_SEV_ERROR, path, 0, 0, "cannot open: %s",
                                 strerror(errno));
                return CONFIG_ERR_IO;
        }
        size_t cap = 8192, n = 0;
        char *buf = malloc(cap);
        int rc = CONFIG_OK;
        while (buf != NULL) {
                if (n == cap) {
                        if (cap >= MAX_FILE_SIZE) {
                                config_diags_add(diags, CONFIG_SEV_ERROR, path, 0, 0,
                                                 "larger than %u bytes; not a configuration",
                                                 MAX_FILE_SIZE);
                                rc = CONFIG_ERR_IO;
                                break;
                        }
                        char *nb = realloc(buf, cap * 2);
                        if (nb == NULL) {
                                free(buf);
                                buf = NULL;
                                break;
                        }
                        buf = nb;
                        cap *= 2;
                }
                size_t got = fread(buf + n, 1, cap - n, fp);
                n += got;
                if (got == 0) {
                        if (ferror(fp)) {
                                config_diags_add(diags, CONFIG_SEV_ERROR, path, 0, 0,
                                                 "read error: %s", strerror(errno));
                                rc = CONFIG_ERR_IO;
                        }
                        break;
                }
        }
        fclose(fp);
        if (buf == NULL)
                return CONFIG_ERR_NOMEM;
        if (rc != CONFIG_OK) {
                free(buf);
                return rc;
        }
        *text = buf;
        *len = n;
        return CONFIG_OK;
}

int config_parse_file(const char *path, struct config **out, struct config_diags *diags)
{
        char *text;
        size_t len;

        *out = NULL;
        int rc = read_file(path, &text, &len, diags);
        if (rc != CONFIG_OK)
                return rc;
        rc = config_parse_buffer(path, text, len, out, diags);
        free(text);
        return rc;
}

int config_reload(struct config **running, const char *path, struct config_diags *diags)
{
        struct config *next;

        int rc = config_parse_file(path, &next, diags);
        if (rc != CONFIG_OK) {
                config_diags_add(diags, CONFIG_SEV_ERROR, path, 0, 0,
                                 "reload failed (%s); the running configuration is kept",
                                 config_strerror(rc));
                return rc;
        }
        config_free(*running);
        *running = next;
        return CONFIG_OK;
}
