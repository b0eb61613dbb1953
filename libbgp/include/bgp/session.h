/*
 * bgp/session.h - one BGP connection and its RFC 4271 section 8 state machine, sans I/O.
 *
 * A struct bgp_session never opens a socket, reads a clock or sleeps.  The embedder:
 *   - feeds received bytes with bgp_session_recv();
 *   - pulls bytes to write with bgp_session_send() and reports what the socket took with
 *     bgp_session_sent() (NOTIFICATION always goes before anything not yet started);
 *   - asks bgp_session_expiry() when the next timer is due and calls
 *     bgp_session_handle_expiry() then;
 *   - reports TCP events (bgp_session_tcp_connected(), bgp_session_tcp_failed()) and
 *     answers the connect/disconnect callbacks.
 * Time is milliseconds on any monotonic clock the caller likes, passed to every call.
 *
 * One session is one connection, as in RFC 4271 8.  When a peer has two connections at
 * once (one we opened, one it opened) the embedder holds two sessions and resolves the
 * collision with bgp_session_collision() (RFC 4271 6.8).
 */
#ifndef BGP_SESSION_H
#define BGP_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <bgp/error.h>
#include <bgp/export.h>
#include <bgp/mem.h>
#include <bgp/msg.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Milliseconds on the caller's monotonic clock. */
typedef uint64_t bgp_time_ms;
#define BGP_TIME_NEVER UINT64_MAX

/* RFC 4271 8.2.2. */
enum bgp_state {
        BGP_STATE_IDLE = 1,
        BGP_STATE_CONNECT = 2,
        BGP_STATE_ACTIVE = 3,
        BGP_STATE_OPENSENT = 4,
        BGP_STATE_OPENCONFIRM = 5,
        BGP_STATE_ESTABLISHED = 6,
};

/* "Idle", "Connect", "Active", "OpenSent", "OpenConfirm", "Established" (FRR's words). */
BGP_EXTERN const char *bgp_state_name(enum bgp_state state);

#define BGP_SESSION_CONFIG_V1      1
#define BGP_SESSION_CONFIG_VERSION BGP_SESSION_CONFIG_V1

/* What we are and what we ask for.  Fill with bgp_session_config_init() first. */
struct bgp_session_config {
        uint32_t version; /* BGP_SESSION_CONFIG_VERSION */
        uint32_t local_as;
        uint32_t local_id; /* BGP identifier, host order */
        /* The peer's AS; a different one in its OPEN is Bad Peer AS. */
        uint32_t remote_as;
        /* Families to advertise (enum bgp_family); the negotiated set is the intersection. */
        uint32_t families;
        /* Seconds.  Defaults are FRR's "traditional" ones: hold 180, keepalive 60,
         * connect retry 120.  Hold time 0 disables keepalives (RFC 4271 4.2). */
        uint16_t hold_time;
        uint16_t keepalive_time;
        uint16_t connect_retry_time;
        /* RFC 4271 8: the hold timer while waiting for OPEN ("large value", 4 minutes). */
        uint16_t open_hold_time;
        /* RFC 4271 8.1.1 optional attributes. */
        bool passive;                /* PassiveTcpEstablishment: never connect out */
        bool delay_open;             /* DelayOpen */
        uint16_t delay_open_time;    /* seconds */
        bool auto_restart;           /* AutomaticStart again after an error, after IdleHold */
        bool damp_peer_oscillations; /* IdleHold doubles after each error, up to the max */
        uint16_t idle_hold_time;     /* seconds, first wait before an automatic restart */
        uint16_t idle_hold_max;      /* seconds, the largest back-off */
        /* RFC 9687: close a peer that has not read our data for this long (seconds);
         * 0 means the RFC's default, max(8 minutes, 2 x hold time). */
        uint16_t send_hold_time;
        /* Capabilities we advertise besides MP and 4-octet AS (always sent). */
        bool route_refresh;
        bool enhanced_route_refresh;
        bool ext_msg;
        bool role_enabled;    /* RFC 9234 */
        uint8_t role;         /* enum bgp_role */
        bool role_strict;     /* the peer must advertise a role too */
        const char *hostname; /* FQDN capability, NULL for none */
        const char *domainname;
};

BGP_EXTERN void bgp_session_config_init(struct bgp_session_config *cfg);

struct bgp_session;

#define BGP_CALLBACKS_V1      1
#define BGP_CALLBACKS_VERSION BGP_CALLBACKS_V1

enum bgp_log_level {
        BGP_LOG_ERR = 3,
        BGP_LOG_WARNING = 4,
        BGP_LOG_NOTICE = 5,
        BGP_LOG_INFO = 6,
        BGP_LOG_DEBUG = 7,
};

/*
 * What the session tells the embedder.  Any member may be NULL.  A callback that returns
 * int returns 0, or BGP_ERR_CALLBACK_FAILURE to make the calling function fail with it.
 * Pointers passed in are valid only during the call.  New members are only ever added
 * at the end, with a new BGP_CALLBACKS_V*.
 */
struct bgp_callbacks {
        uint32_t version; /* BGP_CALLBACKS_VERSION */
        void (*state_change)(struct bgp_session *s, enum bgp_state from, enum bgp_state to,
                             void *user_data);
        /* Open a TCP connection to the peer; report the outcome with
         * bgp_session_tcp_connected() or bgp_session_tcp_failed(). */
        int (*connect)(struct bgp_session *s, void *user_data);
        /* Close the TCP connection (after writing what bgp_session_send() still has). */
        void (*disconnect)(struct bgp_session *s, void *user_data);
        /* An UPDATE arrived.  The verdict says how RFC 7606 treats it: OK or
         * ATTR_DISCARD (install what is there), TREAT_AS_WITHDRAW (withdraw every prefix
         * it names).  Session resets never reach this callback. */
        int (*update)(struct bgp_session *s, const struct bgp_update *upd,
                      const struct bgp_verdict *verdict, void *user_data);
        /* The peer asked for our routes again (RFC 2918, RFC 7313). */
        int (*route_refresh)(struct bgp_session *s, const struct bgp_route_refresh *rr,
                             void *user_data);
        /* A NOTIFICATION went out (sent = true) or came in. */
        void (*notification)(struct bgp_session *s, bool sent, const struct bgp_notification *n,
                             void *user_data);
        /* Random 32 bits, for timer jitter (RFC 4271 10).  NULL: no jitter. */
        uint32_t (*random)(void *user_data);
        void (*log)(struct bgp_session *s, enum bgp_log_level level, const char *msg,
                    void *user_data);
};

/*
 * Creates a session in Idle.  cfg and cb are copied; strings in cfg must outlive the
 * session.  Returns 0, BGP_ERR_INVALID_ARGUMENT or BGP_ERR_NOMEM.
 */
BGP_EXTERN int bgp_session_new(struct bgp_session **out, const struct bgp_session_config *cfg,
                               const struct bgp_callbacks *cb, const struct bgp_mem *mem,
                               void *user_data);
BGP_EXTERN void bgp_session_del(struct bgp_session *s);
BGP_EXTERN void *bgp_session_user_data(const struct bgp_session *s);

/* ManualStart (RFC 4271 8.1.2 events 1 and 4: passive when the config says so). */
BGP_EXTERN int bgp_session_start(struct bgp_session *s, bgp_time_ms now);
/* ManualStop: Cease / Administrative Shutdown, with an RFC 9003 message when not NULL. */
BGP_EXTERN int bgp_session_stop(struct bgp_session *s, const char *shutdown_msg, bgp_time_ms now);
/* Cease with any subcode (Administrative Reset for "clear bgp", Maximum Prefixes with
 * data...), then Idle; with auto_restart the session comes back after IdleHold. */
BGP_EXTERN int bgp_session_cease(struct bgp_session *s, uint8_t subcode, const uint8_t *data,
                                 size_t data_len, bgp_time_ms now);

/*
 * Cease, then Idle for hold_seconds before the session starts again by itself (FRR's
 * "maximum-prefix ... restart MINUTES"); 0 keeps it down until bgp_session_start().
 */
BGP_EXTERN int bgp_session_cease_hold(struct bgp_session *s, uint8_t subcode, const uint8_t *data,
                                      size_t data_len, uint32_t hold_seconds, bgp_time_ms now);

/* TCP events (RFC 4271 8.1.4): our connection was acknowledged (Tcp_CR_Acked) or the
 * peer's was accepted (TcpConnectionConfirmed); the connection failed or closed. */
BGP_EXTERN int bgp_session_tcp_connected(struct bgp_session *s, bgp_time_ms now);
BGP_EXTERN int bgp_session_tcp_failed(struct bgp_session *s, bgp_time_ms now);

/*
 * Consumes received bytes; partial messages are kept until the rest arrives.  Returns
 * the number of bytes consumed (all of them, unless the session closed on an error) or a
 * negative error (BGP_ERR_NOMEM, BGP_ERR_CALLBACK_FAILURE).
 */
BGP_EXTERN long bgp_session_recv(struct bgp_session *s, const uint8_t *buf, size_t len,
                                 bgp_time_ms now);

/*
 * Hands out the bytes waiting to be written: *data points at them (valid until the next
 * call on the session) and the count is returned; 0 means nothing to write.  They stay
 * pending until bgp_session_sent() says how many the socket took.
 */
BGP_EXTERN size_t bgp_session_send(struct bgp_session *s, const uint8_t **data, bgp_time_ms now);
BGP_EXTERN void bgp_session_sent(struct bgp_session *s, size_t n, bgp_time_ms now);
/* Bytes waiting to be written. */
BGP_EXTERN size_t bgp_session_pending(const struct bgp_session *s);

/* When the next timer is due (BGP_TIME_NEVER for none), and firing what is due. */
BGP_EXTERN bgp_time_ms bgp_session_expiry(const struct bgp_session *s);
BGP_EXTERN int bgp_session_handle_expiry(struct bgp_session *s, bgp_time_ms now);

/*
 * Queues an UPDATE (a whole message, e.g. from bgp_update_build_announce()) for an
 * Established session.  Returns 0, BGP_ERR_INVALID_ARGUMENT when not Established or
 * larger than the negotiated maximum, BGP_ERR_NOMEM.
 */
BGP_EXTERN int bgp_session_queue_update(struct bgp_session *s, const uint8_t *msg, size_t len,
                                        bgp_time_ms now);
/* Asks the peer for its routes (RFC 2918; subtype per RFC 7313 when negotiated). */
BGP_EXTERN int bgp_session_request_refresh(struct bgp_session *s, uint16_t afi, uint8_t safi,
                                           uint8_t subtype, bgp_time_ms now);

BGP_EXTERN enum bgp_state bgp_session_state(const struct bgp_session *s);
/* What was negotiated (valid from OpenConfirm on): codec options for the peer's UPDATEs. */
BGP_EXTERN const struct bgp_codec_opts *bgp_session_codec(const struct bgp_session *s);
/* Drops path attributes of these types on receipt (bgp_codec_opts_discard()), from the
 * next UPDATE on and for later sessions of s; replaces the earlier set.  0, or
 * BGP_ERR_INVALID_ARGUMENT for a type that cannot be dropped (nothing is changed). */
BGP_EXTERN int bgp_session_set_discard(struct bgp_session *s, const uint8_t *types, size_t n);
/* The negotiated hold and keepalive times in seconds. */
BGP_EXTERN uint16_t bgp_session_hold_time(const struct bgp_session *s);
BGP_EXTERN uint16_t bgp_session_keepalive_time(const struct bgp_session *s);
/* The peer's BGP identifier (host order), 0 before its OPEN. */
BGP_EXTERN uint32_t bgp_session_peer_id(const struct bgp_session *s);
/* Capabilities both sides advertised: BGP_CAPF_* bits. */
BGP_EXTERN uint32_t bgp_session_caps(const struct bgp_session *s);
/* Messages sent and received by type (index enum bgp_msg_type; 0 is unused), as FRR's
 * "show bgp neighbors" message statistics, and how often the session was Established. */
struct bgp_session_counters {
        uint64_t sent[6];
        uint64_t received[6];
        uint32_t established;
        /* Malformed UPDATEs handled without a reset (RFC 7606), by enum bgp_action:
         * [BGP_ACTION_ATTR_DISCARD] and [BGP_ACTION_TREAT_AS_WITHDRAW]. */
        uint64_t malformed[3];
        /* Of those, how many were not logged: the log is rate-limited per session
         * (BGP_SESSION_MALFORMED_LOG_BURST at once, then one every
         * BGP_SESSION_MALFORMED_LOG_INTERVAL ms), so that a peer sending errors cannot
         * flood it. */
        uint64_t malformed_unlogged;
};
#define BGP_SESSION_MALFORMED_LOG_BURST    10
#define BGP_SESSION_MALFORMED_LOG_INTERVAL 6000
BGP_EXTERN void bgp_session_counters(const struct bgp_session *s, struct bgp_session_counters *out);

/* The last NOTIFICATION sent or received, for "show bgp neighbors"; false when none. */
BGP_EXTERN bool bgp_session_last_notification(const struct bgp_session *s, bool *sent,
                                              uint8_t *code, uint8_t *subcode);

/*
 * RFC 4271 6.8 connection collision: existing is the connection that reached OpenConfirm
 * (or Established) first, incoming the one that has just received the peer's OPEN.  The
 * loser gets Cease / Connection Collision Resolution and goes to Idle.  Returns the loser,
 * or NULL when the two are not in collision.
 */
BGP_EXTERN struct bgp_session *bgp_session_collision(struct bgp_session *existing,
                                                     struct bgp_session *incoming, bgp_time_ms now);

#ifdef __cplusplus
}
#endif

#endif /* BGP_SESSION_H */
