/*
 * log.c - lbgpd's log targets and levels (log.h).
 *
 * Streams (stderr, stdout, files) get one line a message, "TIME lbgpd LEVEL: TEXT", the
 * time in UTC; syslog gets the text alone, under the daemon facility with our pid.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>

#include "config.h"
#include "log.h"

#define MAX_TARGETS   8
#define LEVEL_CMDLINE (-1) /* a command-line target: the level of lbgpd_log_set_level() */

enum target_kind {
        TARGET_STDERR,
        TARGET_STDOUT,
        TARGET_SYSLOG,
        TARGET_FILE,
};

struct target {
        enum target_kind kind;
        int level; /* 0-7, or LEVEL_CMDLINE */
        bool from_config;
        FILE *fp; /* TARGET_FILE */
};

static struct target targets[MAX_TARGETS];
static size_t n_targets;
static int cmdline_level = LOG_INFO;
static bool syslog_open;

/* FRR's words (lib/log_vty.c zlog_priority), index = syslog level. */
static const char *const frr_names[8] = {"emergencies",   "alerts",   "critical",
                                         "errors",        "warnings", "notifications",
                                         "informational", "debugging"};
/* syslog's short words, which FRR's --log-level also takes; the streams print these. */
static const char *const short_names[8] = {"emerg",   "alert",  "crit", "error",
                                           "warning", "notice", "info", "debug"};

int lbgpd_log_level_parse(const char *word)
{
        if (word == NULL)
                return -1;
        for (int i = 0; i < 8; i++)
                if (strcmp(word, frr_names[i]) == 0 || strcmp(word, short_names[i]) == 0)
                        return i;
        /* syslog.conf(5) also writes these two. */
        if (strcmp(word, "err") == 0)
                return LOG_ERR;
        if (strcmp(word, "warn") == 0)
                return LOG_WARNING;
        return -1;
}

const char *lbgpd_log_level_name(int level)
{
        return level >= 0 && level < 8 ? frr_names[level] : "?";
}

static int level_of(const struct target *t)
{
        return t->level == LEVEL_CMDLINE ? cmdline_level : t->level;
}

void lbgpd_log_set_level(int level)
{
        if (level >= 0 && level < 8)
                cmdline_level = level;
}

static void close_target(struct target *t)
{
        if (t->kind == TARGET_FILE && t->fp != NULL)
                fclose(t->fp);
        t->fp = NULL;
}

/* syslog opened while a target uses it, closed when none does. */
static void sync_syslog(void)
{
        bool want = false;
        for (size_t i = 0; i < n_targets; i++)
                want = want || targets[i].kind == TARGET_SYSLOG;
        if (want && !syslog_open)
                openlog("lbgpd", LOG_PID | LOG_NDELAY, LOG_DAEMON);
        else if (!want && syslog_open)
                closelog();
        syslog_open = want;
}

static int add(enum target_kind kind, int level, bool from_config, const char *path, char *err,
               size_t errlen)
{
        if (n_targets == MAX_TARGETS) {
                snprintf(err, errlen, "too many log targets");
                return LBGPD_LOG_ERR_NOMEM;
        }
        struct target t = {kind, level, from_config, NULL};
        if (kind == TARGET_FILE) {
                t.fp = fopen(path, "a");
                if (t.fp == NULL) {
                        snprintf(err, errlen, "log file %s: %s", path, strerror(errno));
                        return LBGPD_LOG_ERR_OPEN;
                }
                /* Whole lines, at once: another process may be reading the file. */
                setvbuf(t.fp, NULL, _IOLBF, 0);
        }
        targets[n_targets++] = t;
        sync_syslog();
        return LBGPD_LOG_OK;
}

int lbgpd_log_add_target(const char *spec, char *err, size_t errlen)
{
        if (strcmp(spec, "stderr") == 0)
                return add(TARGET_STDERR, LEVEL_CMDLINE, false, NULL, err, errlen);
        if (strcmp(spec, "stdout") == 0)
                return add(TARGET_STDOUT, LEVEL_CMDLINE, false, NULL, err, errlen);
        if (strcmp(spec, "syslog") == 0)
                return add(TARGET_SYSLOG, LEVEL_CMDLINE, false, NULL, err, errlen);
        if (strncmp(spec, "file:", 5) == 0 && spec[5] != '\0')
                return add(TARGET_FILE, LEVEL_CMDLINE, false, spec + 5, err, errlen);
        snprintf(err, errlen, "log target %s: not stderr, stdout, syslog or file:PATH", spec);
        return LBGPD_LOG_ERR_TARGET;
}

/* A configured level: FRR's default is debugging when the line names none. */
static int config_level(enum config_log_level l)
{
        return l == CONFIG_LOG_DEFAULT ? LOG_DEBUG : (int)l - (int)CONFIG_LOG_EMERGENCIES;
}

int lbgpd_log_configure(const struct config_log *log, char *err, size_t errlen)
{
        size_t kept = 0;
        for (size_t i = 0; i < n_targets; i++) {
                if (targets[i].from_config)
                        close_target(&targets[i]);
                else
                        targets[kept++] = targets[i];
        }
        n_targets = kept;
        err[0] = '\0';
        int rc = LBGPD_LOG_OK;
        if (log->to_syslog.enabled)
                rc =
                    add(TARGET_SYSLOG, config_level(log->to_syslog.level), true, NULL, err, errlen);
        if (log->to_stdout.enabled) {
                int r =
                    add(TARGET_STDOUT, config_level(log->to_stdout.level), true, NULL, err, errlen);
                rc = rc != 0 ? rc : r;
        }
        if (log->to_file.enabled && log->file_path != NULL) {
                int r = add(TARGET_FILE, config_level(log->to_file.level), true, log->file_path,
                            err, errlen);
                rc = rc != 0 ? rc : r;
        }
        sync_syslog();
        return rc;
}

void lbgpd_log_close(void)
{
        for (size_t i = 0; i < n_targets; i++)
                close_target(&targets[i]);
        n_targets = 0;
        sync_syslog();
}

bool lbgpd_log_enabled(int level)
{
        /* No target at all: stderr, at the command line's level. */
        if (n_targets == 0)
                return level <= cmdline_level;
        for (size_t i = 0; i < n_targets; i++)
                if (level <= level_of(&targets[i]))
                        return true;
        return false;
}

static void put_line(FILE *fp, int level, const char *when, const char *msg)
{
        fprintf(fp, "%s lbgpd %s: %s\n", when, short_names[level], msg);
        fflush(fp);
}

void lbgpd_log(int level, const char *fmt, ...)
{
        if (level < 0)
                level = 0;
        if (level > LOG_DEBUG)
                level = LOG_DEBUG;
        if (!lbgpd_log_enabled(level))
                return;
        char msg[1024];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof(msg), fmt, ap);
        va_end(ap);
        time_t now = time(NULL);
        struct tm tm;
        char when[32];
        strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S", gmtime_r(&now, &tm));

        if (n_targets == 0) {
                put_line(stderr, level, when, msg);
                return;
        }
        for (size_t i = 0; i < n_targets; i++) {
                const struct target *t = &targets[i];
                if (level > level_of(t))
                        continue;
                switch (t->kind) {
                case TARGET_STDERR:
                        put_line(stderr, level, when, msg);
                        break;
                case TARGET_STDOUT:
                        put_line(stdout, level, when, msg);
                        break;
                case TARGET_FILE:
                        put_line(t->fp, level, when, msg);
                        break;
                case TARGET_SYSLOG:
                        syslog(level, "%s", msg);
                        break;
                }
        }
}
