/*
 * log.h - where lbgpd's messages go: stderr, stdout, syslog, a file, each with a level.
 *
 * Levels are syslog(3)'s, 0 (emergencies) to 7 (debugging); a target takes a message when
 * the message's level is at or under its own.  Targets come from two places, as in FRR:
 *   - the command line (`--log stdout|stderr|syslog|file:PATH`, FRR's --log), for the
 *     whole run, at the level of `--log-level` (informational by default, -v: debugging);
 *   - the configuration's `log syslog [LEVEL]`, `log stdout [LEVEL]`, `log file PATH
 *     [LEVEL]` lines (LEVEL in FRR's words; debugging when not written, as FRR), replaced
 *     at every reload (which also reopens the file, for log rotation).
 * With neither, messages go to stderr (lbgpd runs in the foreground; DESIGN.md).
 */
#ifndef LBGPD_LOG_H
#define LBGPD_LOG_H

#include <stdbool.h>
#include <stddef.h>

struct config_log;

enum lbgpd_log_error {
        LBGPD_LOG_OK = 0,
        LBGPD_LOG_ERR_TARGET = -1, /* not a target lbgpd knows */
        LBGPD_LOG_ERR_OPEN = -2,   /* the file could not be opened */
        LBGPD_LOG_ERR_NOMEM = -3,
};

/* FRR's level words ("informational"), and syslog's short ones ("info", "warning") as
 * FRR's --log-level takes them: 0-7, or -1 when the word is neither. */
int lbgpd_log_level_parse(const char *word);
/* FRR's word for a level 0-7 ("debugging"); "?" for anything else. */
const char *lbgpd_log_level_name(int level);

/* The level of command-line targets and of the stderr fallback. */
void lbgpd_log_set_level(int level);
/* A command-line target: "stderr", "stdout", "syslog" or "file:PATH". */
int lbgpd_log_add_target(const char *spec, char *err, size_t errlen);
/* The configuration's targets, replacing those of the previous configuration.  A file
 * that cannot be opened is LBGPD_LOG_ERR_OPEN (err says why); the other targets apply. */
int lbgpd_log_configure(const struct config_log *log, char *err, size_t errlen);
/* Closes the files and syslog; later messages go to stderr. */
void lbgpd_log_close(void);

/* Whether a message of this level goes anywhere (to skip building one that does not). */
bool lbgpd_log_enabled(int level);
void lbgpd_log(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif /* LBGPD_LOG_H */
