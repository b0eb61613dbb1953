/*
 * session_int.h - the inside of struct bgp_session, shared by session.c, fsm.c and
 * negotiate.c.
 */
#ifndef BGP_SESSION_INT_H
#define BGP_SESSION_INT_H

#include <bgp/error.h>
#include <bgp/msg.h>
#include <bgp/session.h>

#include "mem.h"
#include "outq.h"

/* RFC 4271 8.1: the events, numbered as the RFC numbers them. */
enum bgp_fsm_event {
        BGP_EV_MANUAL_START = 1,
        BGP_EV_MANUAL_STOP = 2,
        BGP_EV_AUTOMATIC_START = 3,
        BGP_EV_MANUAL_START_PASSIVE = 4,
        BGP_EV_AUTOMATIC_START_PASSIVE = 5,
        BGP_EV_AUTOMATIC_STOP = 8,
        BGP_EV_CONNECT_RETRY_EXPIRES = 9,
        BGP_EV_HOLD_EXPIRES = 10,
        BGP_EV_KEEPALIVE_EXPIRES = 11,
        BGP_EV_DELAY_OPEN_EXPIRES = 12,
        BGP_EV_IDLE_HOLD_EXPIRES = 13,
        BGP_EV_TCP_CR_ACKED = 16,
        BGP_EV_TCP_CONFIRMED = 17,
        BGP_EV_TCP_FAILS = 18,
        BGP_EV_OPEN = 19,
        BGP_EV_OPEN_DELAYED = 20,
        BGP_EV_HEADER_ERR = 21,
        BGP_EV_OPEN_ERR = 22,
        BGP_EV_OPEN_COLLISION_DUMP = 23,
        BGP_EV_NOTIF_VERSION_ERR = 24,
        BGP_EV_NOTIF = 25,
        BGP_EV_KEEPALIVE = 26,
        BGP_EV_UPDATE = 27,
        BGP_EV_UPDATE_ERR = 28,
        /* Not in RFC 4271: a ROUTE-REFRESH (RFC 2918) and the send hold timer (RFC 9687). */
        BGP_EV_ROUTE_REFRESH = 100,
        BGP_EV_SEND_HOLD_EXPIRES = 101,
};

/* The argument of a stop event: the Cease to send. */
struct bgp_cease_arg {
        uint8_t subcode;
        const uint8_t *data;
        size_t len;
};

/* The argument of an UPDATE event. */
struct bgp_update_arg {
        const struct bgp_update *upd;
        const struct bgp_verdict *verdict;
};

enum bgp_timer {
        BGP_T_CONNECT_RETRY,
        BGP_T_HOLD,
        BGP_T_KEEPALIVE,
        BGP_T_DELAY_OPEN,
        BGP_T_IDLE_HOLD,
        BGP_T_SEND_HOLD,
        BGP_T_COUNT,
};

struct bgp_session {
        struct bgp_session_config cfg;
        struct bgp_callbacks cb;
        struct bgp_mem mem;
        void *user_data;

        enum bgp_state state;
        bgp_time_ms timer[BGP_T_COUNT];
        uint32_t connect_retry_counter;
        uint32_t idle_hold_ms; /* the current back-off */
        bgp_time_ms established_at;

        /* What the OPEN exchange settled (RFC 4271 4.2, RFC 5492). */
        struct bgp_codec_opts codec;
        uint16_t hold_time;
        uint16_t keepalive_time;
        uint32_t peer_id;
        uint32_t caps; /* BGP_CAPF_* both sides advertised */
        bool open_received;

        /* A message arriving in pieces; at most one is ever buffered. */
        uint8_t *in;
        size_t in_len;
        size_t in_cap;

        struct bgp_outq out;
        struct bgp_session_counters counters;
        /* The malformed-UPDATE log's token bucket (session.c, log_malformed). */
        bool malformed_started;
        uint32_t malformed_tokens;
        bgp_time_ms malformed_refill;
        uint64_t malformed_suppressed; /* since the last line logged */

        bool last_notif_valid;
        bool last_notif_sent;
        uint8_t last_code;
        uint8_t last_subcode;
};

/* fsm.c */
int bgp_fsm_event(struct bgp_session *s, enum bgp_fsm_event ev, const void *arg, bgp_time_ms now);

/* negotiate.c */
/* Writes our OPEN for the config; returns its length or a negative error. */
int bgp_negotiate_build_open(const struct bgp_session *s, uint8_t *buf, size_t cap);
/* Checks the peer's OPEN beyond what the codec checks (role) and settles what both
 * sides support.  Returns 0 or BGP_ERR_MALFORMED with the verdict of the OPEN error. */
int bgp_negotiate(struct bgp_session *s, const struct bgp_open *open, struct bgp_verdict *v);

/* session.c */
void bgp_session_log(struct bgp_session *s, enum bgp_log_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int bgp_session_queue(struct bgp_session *s, const uint8_t *msg, size_t len, bgp_time_ms now);
void bgp_timer_set(struct bgp_session *s, enum bgp_timer t, bgp_time_ms at);
void bgp_timer_stop(struct bgp_session *s, enum bgp_timer t);
bool bgp_timer_running(const struct bgp_session *s, enum bgp_timer t);
/* A duration in seconds with RFC 4271 10 jitter (75% to 100%), in milliseconds. */
bgp_time_ms bgp_jitter(struct bgp_session *s, uint32_t seconds);

#endif /* BGP_SESSION_INT_H */
