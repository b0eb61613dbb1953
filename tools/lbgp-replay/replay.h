/*
 * replay.h - lbgp-replay, the program: options, the session and its phases, the report.
 */
#ifndef LBGP_REPLAY_H
#define LBGP_REPLAY_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

#include <bgp/event.h>

#include "sender.h"
#include "source.h"
#include "table.h"

struct replay_cfg {
        struct bgp_ev_peer_config peer; /* the session's configuration inside */
        const char *peer_text;
        const char *local_text; /* update-source, and where --passive listens */
        struct sockaddr_storage local;
        socklen_t local_len;
        uint16_t port;

        /* The table: exactly one of these. */
        const char *mrt_file;
        const char *prefix_file;
        const char *generate; /* the ipasn file */
        const char *positional;
        uint64_t seed;
        uint32_t first_as;
        struct rsource_opts src;

        const char *second;
        long second_after;   /* seconds, after the first table is written */
        long withdraw_after; /* seconds; -1: never */
        long exit_after;     /* seconds after the last action; -1: hold until a signal */
        unsigned flap;
        long flap_wait;         /* seconds between the table written and the drop */
        long flap_reconnect_ms; /* from our drop to the next connection */

        bool have_nh6, have_nh4;
        uint8_t nh6[16], nh4[4];
        size_t per_update; /* at most this many prefixes an UPDATE; 0: as many as fit */

        bool json;
        bool sink; /* receive and discard, count, report */
        bool quiet;
};

/* Parses argv; exits 2 with usage on a mistake. */
void replay_parse_args(struct replay_cfg *cfg, int argc, char **argv);

/* What was done, for the report. */
struct replay_report {
        const struct replay_cfg *cfg;
        const struct rtable *t1, *t2;
        double load_seconds;
        struct sender_stats st; /* all sessions together */
        unsigned established;   /* sessions that reached Established */
        unsigned flaps;         /* drops we made */
        bool table_done;        /* the first table and End-of-RIB were written at least once */
        double table_seconds;   /* Established to the last UPDATE of the table written */
        uint64_t table_prefixes;
        uint64_t table_updates;
        uint64_t table_bytes;
        double table_cpu; /* our CPU seconds (user + system) while writing it */
        double cpu_user, cpu_sys;
        long max_rss_kib;
        const char *state;
        bool final;
        /* --sink */
        uint64_t rx_updates, rx_announced, rx_withdrawn;
        unsigned rx_eor;
        double rx_seconds; /* Established to the last End-of-RIB received */
};

void replay_report_print(const struct replay_report *r);

/* Runs the session until done; returns the exit status. */
int replay_run(const struct replay_cfg *cfg, struct rtable *t1, struct rtable *t2,
               double load_seconds);

#endif /* LBGP_REPLAY_H */
