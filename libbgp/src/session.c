/*
 * session.c - the session object: bytes in, messages to events, bytes out, timers.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "session_int.h"

const char *bgp_state_name(enum bgp_state state)
{
        switch (state) {
        case BGP_STATE_IDLE:
                return "Idle";
        case BGP_STATE_CONNECT:
                return "Connect";
        case BGP_STATE_ACTIVE:
                return "Active";
        case BGP_STATE_OPENSENT:
                return "OpenSent";
        case BGP_STATE_OPENCONFIRM:
                return "OpenConfirm";
        case BGP_STATE_ESTABLISHED:
                return "Established";
        }
        return "Unknown";
}

void bgp_session_config_init(struct bgp_session_config *c)
{
        memset(c, 0, sizeof(*c));
        c->version = BGP_SESSION_CONFIG_VERSION;
        c->families = BGP_FAMILY_IPV6_UNICAST;
        /* FRR "frr defaults traditional": keepalive 60, hold 180, connect retry 120. */
        c->hold_time = 180;
        c->keepalive_time = 60;
        c->connect_retry_time = 120;
        /* RFC 4271 8: "a large value" for the hold timer in OpenSent; 4 minutes is
         * the value the RFC suggests. */
        c->open_hold_time = 240;
        c->delay_open_time = 120;
        c->auto_restart = true;
        c->damp_peer_oscillations = true;
        c->idle_hold_time = 5;
        c->idle_hold_max = 120;
        c->route_refresh = true;
        c->enhanced_route_refresh = true;
}

void bgp_session_log(struct bgp_session *s, enum bgp_log_level level, const char *fmt, ...)
{
        char msg[512];
        va_list ap;

        if (s->cb.log == NULL)
                return;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof(msg), fmt, ap);
        va_end(ap);
        s->cb.log(s, level, msg, s->user_data);
}

int bgp_session_new(struct bgp_session **out, const struct bgp_session_config *cfg,
                    const struct bgp_callbacks *cb, const struct bgp_mem *mem, void *user_data)
{
        struct bgp_mem m;
        struct bgp_session *s;

        *out = NULL;
        if (cfg == NULL || cfg->version != BGP_SESSION_CONFIG_V1 || cfg->local_as == 0 ||
            cfg->local_id == 0 || cfg->hold_time == 1 || cfg->hold_time == 2)
                return BGP_ERR_INVALID_ARGUMENT;
        if (cb != NULL && cb->version != BGP_CALLBACKS_V1)
                return BGP_ERR_INVALID_ARGUMENT;
        bgp_mem_init(&m, mem);
        s = bgp_mem_calloc(&m, 1, sizeof(*s));
        if (s == NULL)
                return BGP_ERR_NOMEM;
        s->cfg = *cfg;
        if (cb != NULL)
                s->cb = *cb;
        s->mem = m;
        s->user_data = user_data;
        s->state = BGP_STATE_IDLE;
        for (int t = 0; t < BGP_T_COUNT; t++)
                s->timer[t] = BGP_TIME_NEVER;
        bgp_codec_opts_init(&s->codec);
        s->codec.as4 = false;
        s->codec.families = 0;
        *out = s;
        return 0;
}

void bgp_session_del(struct bgp_session *s)
{
        if (s == NULL)
                return;
        bgp_outq_free(&s->out, &s->mem);
        bgp_mem_free(&s->mem, s->in);
        struct bgp_mem m = s->mem;
        bgp_mem_free(&m, s);
}

void *bgp_session_user_data(const struct bgp_session *s)
{
        return s->user_data;
}

/* ---- timers ------------------------------------------------------------------------ */

void bgp_timer_set(struct bgp_session *s, enum bgp_timer t, bgp_time_ms at)
{
        s->timer[t] = at;
}

void bgp_timer_stop(struct bgp_session *s, enum bgp_timer t)
{
        s->timer[t] = BGP_TIME_NEVER;
}

bool bgp_timer_running(const struct bgp_session *s, enum bgp_timer t)
{
        return s->timer[t] != BGP_TIME_NEVER;
}

bgp_time_ms bgp_jitter(struct bgp_session *s, uint32_t seconds)
{
        bgp_time_ms ms = (bgp_time_ms)seconds * 1000;
        /* RFC 4271 10: jitter by a random factor between 0.75 and 1.0. */
        if (s->cb.random == NULL)
                return ms;
        uint32_t r = s->cb.random(s->user_data) % 1001;
        return ms - ms * (1000 - r) / 4000;
}

bgp_time_ms bgp_session_expiry(const struct bgp_session *s)
{
        bgp_time_ms next = BGP_TIME_NEVER;
        for (int t = 0; t < BGP_T_COUNT; t++)
                if (s->timer[t] < next)
                        next = s->timer[t];
        return next;
}

static const enum bgp_fsm_event timer_event[BGP_T_COUNT] = {
    [BGP_T_CONNECT_RETRY] = BGP_EV_CONNECT_RETRY_EXPIRES,
    [BGP_T_HOLD] = BGP_EV_HOLD_EXPIRES,
    [BGP_T_KEEPALIVE] = BGP_EV_KEEPALIVE_EXPIRES,
    [BGP_T_DELAY_OPEN] = BGP_EV_DELAY_OPEN_EXPIRES,
    [BGP_T_IDLE_HOLD] = BGP_EV_IDLE_HOLD_EXPIRES,
    [BGP_T_SEND_HOLD] = BGP_EV_SEND_HOLD_EXPIRES,
};

int bgp_session_handle_expiry(struct bgp_session *s, bgp_time_ms now)
{
        /* One timer at a time, earliest first: each event may re-arm or stop others. */
        for (;;) {
                int due = -1;
                for (int t = 0; t < BGP_T_COUNT; t++)
                        if (s->timer[t] <= now && (due < 0 || s->timer[t] < s->timer[due]))
                                due = t;
                if (due < 0)
                        return 0;
                s->timer[due] = BGP_TIME_NEVER;
                int rc = bgp_fsm_event(s, timer_event[due], NULL, now);
                if (rc < 0)
                        return rc;
        }
}

/* ---- output ------------------------------------------------------------------------ */

static bgp_time_ms send_hold_ms(const struct bgp_session *s)
{
        /* RFC 9687 4: at least 8 minutes, and at least twice the hold time. */
        uint32_t secs = s->cfg.send_hold_time;
        if (secs == 0) {
                secs = 480;
                if (2u * s->hold_time > secs)
                        secs = 2u * s->hold_time;
        }
        return (bgp_time_ms)secs * 1000;
}

int bgp_session_queue(struct bgp_session *s, const uint8_t *msg, size_t len, bgp_time_ms now)
{
        bool was_empty = bgp_outq_pending(&s->out) == 0;
        int rc = bgp_outq_push(&s->out, &s->mem, msg, len);
        if (rc != 0)
                return rc;
        if (msg[18] < 6)
                s->counters.sent[msg[18]]++;
        /* RFC 9687 3: the send hold timer runs while our data waits to be read. */
        if (was_empty)
                bgp_timer_set(s, BGP_T_SEND_HOLD, now + send_hold_ms(s));
        /* RFC 4271 4.4: any message sent counts as a keepalive. */
        if (s->state == BGP_STATE_ESTABLISHED && s->keepalive_time != 0 &&
            msg[18] == BGP_MSG_UPDATE)
                bgp_timer_set(s, BGP_T_KEEPALIVE, now + bgp_jitter(s, s->keepalive_time));
        return 0;
}

size_t bgp_session_send(struct bgp_session *s, const uint8_t **data, bgp_time_ms now)
{
        (void)now;
        *data = bgp_outq_data(&s->out);
        return bgp_outq_pending(&s->out);
}

void bgp_session_sent(struct bgp_session *s, size_t n, bgp_time_ms now)
{
        if (n == 0)
                return;
        bgp_outq_consume(&s->out, n);
        /* Progress: the peer reads; the send hold timer starts over, or stops. */
        if (bgp_outq_pending(&s->out) == 0)
                bgp_timer_stop(s, BGP_T_SEND_HOLD);
        else
                bgp_timer_set(s, BGP_T_SEND_HOLD, now + send_hold_ms(s));
}

size_t bgp_session_pending(const struct bgp_session *s)
{
        return bgp_outq_pending(&s->out);
}

/* ---- input ------------------------------------------------------------------------- */

static int handle_open(struct bgp_session *s, const uint8_t *body, size_t len, bgp_time_ms now)
{
        struct bgp_open open;
        struct bgp_verdict v;
        struct bgp_codec_opts o;

        bgp_codec_opts_init(&o);
        o.local_as = s->cfg.local_as;
        o.remote_as = s->cfg.remote_as;
        o.local_id = s->cfg.local_id;
        if (bgp_open_decode(body, len, &o, &open, &v) != 0 || bgp_negotiate(s, &open, &v) != 0)
                return bgp_fsm_event(s, BGP_EV_OPEN_ERR, &v, now);
        s->open_received = true;
        bgp_session_log(s, BGP_LOG_INFO,
                        "OPEN from AS %u, hold time %u, negotiated hold %u keepalive %u",
                        bgp_open_peer_as(&open), open.hold_time, s->hold_time, s->keepalive_time);
        bool delayed = bgp_timer_running(s, BGP_T_DELAY_OPEN) &&
                       (s->state == BGP_STATE_CONNECT || s->state == BGP_STATE_ACTIVE);
        return bgp_fsm_event(s, delayed ? BGP_EV_OPEN_DELAYED : BGP_EV_OPEN, NULL, now);
}

static int handle_notification(struct bgp_session *s, const uint8_t *body, size_t len,
                               bgp_time_ms now)
{
        struct bgp_notification n;
        struct bgp_verdict v;

        if (bgp_notification_decode(body, len, &n, &v) != 0) {
                n.code = 0;
                n.subcode = 0;
                n.data = NULL;
                n.data_len = 0;
        }
        s->last_notif_valid = true;
        s->last_notif_sent = false;
        s->last_code = n.code;
        s->last_subcode = n.subcode;
        bgp_session_log(s, BGP_LOG_NOTICE, "received NOTIFICATION %u/%u (%s/%s)", n.code, n.subcode,
                        bgp_notify_code_name(n.code), bgp_notify_subcode_name(n.code, n.subcode));
        if (s->cb.notification != NULL)
                s->cb.notification(s, false, &n, s->user_data);
        bool version =
            n.code == BGP_NOTIFY_OPEN && n.subcode == BGP_NOTIFY_OPEN_UNSUPPORTED_VERSION;
        return bgp_fsm_event(s, version ? BGP_EV_NOTIF_VERSION_ERR : BGP_EV_NOTIF, NULL, now);
}

/* Logs a malformed UPDATE handled without a reset, at most BURST lines at once and then
 * one per INTERVAL; a line after a quiet spell says how many were left out. */
static void log_malformed(struct bgp_session *s, const struct bgp_verdict *v, bgp_time_ms now)
{
        s->counters.malformed[v->action]++;
        if (!s->malformed_started) {
                s->malformed_started = true;
                s->malformed_tokens = BGP_SESSION_MALFORMED_LOG_BURST;
                s->malformed_refill = now;
        }
        while (now - s->malformed_refill >= BGP_SESSION_MALFORMED_LOG_INTERVAL &&
               s->malformed_tokens < BGP_SESSION_MALFORMED_LOG_BURST) {
                s->malformed_tokens++;
                s->malformed_refill += BGP_SESSION_MALFORMED_LOG_INTERVAL;
        }
        if (s->malformed_tokens == BGP_SESSION_MALFORMED_LOG_BURST)
                s->malformed_refill = now;
        if (s->malformed_tokens == 0) {
                s->malformed_suppressed++;
                s->counters.malformed_unlogged++;
                return;
        }
        s->malformed_tokens--;
        if (s->malformed_suppressed > 0)
                bgp_session_log(s, BGP_LOG_WARNING,
                                "malformed UPDATE handled as %s: %s (%llu more not logged)",
                                bgp_action_name(v->action), v->reason ? v->reason : "",
                                (unsigned long long)s->malformed_suppressed);
        else
                bgp_session_log(s, BGP_LOG_WARNING, "malformed UPDATE handled as %s: %s",
                                bgp_action_name(v->action), v->reason ? v->reason : "");
        s->malformed_suppressed = 0;
}

static int handle_update(struct bgp_session *s, const uint8_t *body, size_t len, bgp_time_ms now)
{
        struct bgp_update upd;
        struct bgp_verdict v;

        /* Outside Established an UPDATE is an FSM error; no need to read it. */
        if (s->state != BGP_STATE_ESTABLISHED)
                return bgp_fsm_event(s, BGP_EV_UPDATE, NULL, now);
        (void)bgp_update_decode(body, len, &s->codec, &upd, &v);
        if (v.action == BGP_ACTION_SESSION_RESET)
                return bgp_fsm_event(s, BGP_EV_UPDATE_ERR, &v, now);
        if (v.action != BGP_ACTION_OK)
                log_malformed(s, &v, now);
        struct bgp_update_arg arg = {&upd, &v};
        return bgp_fsm_event(s, BGP_EV_UPDATE, &arg, now);
}

static int handle_refresh(struct bgp_session *s, const uint8_t *msg, size_t len, bgp_time_ms now)
{
        struct bgp_route_refresh rr;
        struct bgp_verdict v;

        /* Outside Established it is an FSM error; the message itself does not matter. */
        if (s->state != BGP_STATE_ESTABLISHED)
                return bgp_fsm_event(s, BGP_EV_ROUTE_REFRESH, NULL, now);
        if (bgp_route_refresh_decode(msg + BGP_HEADER_LEN, len - BGP_HEADER_LEN, &rr, &v) != 0) {
                /* RFC 7313 5: the data of a length error is the whole message. */
                v.data = msg;
                v.data_len = len;
                return bgp_fsm_event(s, BGP_EV_UPDATE_ERR, &v, now);
        }
        /* RFC 2918 4: a family we did not negotiate is ignored. */
        if ((s->codec.families & bgp_family_of(rr.afi, rr.safi)) == 0 ||
            rr.subtype > BGP_REFRESH_EORR || !(s->caps & BGP_CAPF_ROUTE_REFRESH))
                return 0;
        return bgp_fsm_event(s, BGP_EV_ROUTE_REFRESH, &rr, now);
}

/* One whole message of len octets. */
static int handle_message(struct bgp_session *s, const uint8_t *msg, size_t len, bgp_time_ms now)
{
        const uint8_t *body = msg + BGP_HEADER_LEN;
        size_t blen = len - BGP_HEADER_LEN;

        switch (msg[18]) {
        case BGP_MSG_OPEN:
                if (s->state == BGP_STATE_OPENSENT ||
                    ((s->state == BGP_STATE_CONNECT || s->state == BGP_STATE_ACTIVE) &&
                     bgp_timer_running(s, BGP_T_DELAY_OPEN)))
                        return handle_open(s, body, blen, now);
                return bgp_fsm_event(s, BGP_EV_OPEN, NULL, now);
        case BGP_MSG_UPDATE:
                return handle_update(s, body, blen, now);
        case BGP_MSG_NOTIFICATION:
                return handle_notification(s, body, blen, now);
        case BGP_MSG_KEEPALIVE:
                return bgp_fsm_event(s, BGP_EV_KEEPALIVE, NULL, now);
        case BGP_MSG_ROUTE_REFRESH:
                return handle_refresh(s, msg, len, now);
        default:
                return 0;
        }
}

static bool connected(const struct bgp_session *s)
{
        return s->state >= BGP_STATE_OPENSENT ||
               ((s->state == BGP_STATE_CONNECT || s->state == BGP_STATE_ACTIVE) &&
                bgp_timer_running(s, BGP_T_DELAY_OPEN));
}

long bgp_session_recv(struct bgp_session *s, const uint8_t *buf, size_t len, bgp_time_ms now)
{
        size_t used = 0;

        while (used < len && connected(s)) {
                struct bgp_header h;
                struct bgp_verdict v;
                const uint8_t *msg;
                size_t have;

                /* Complete the buffered message first, else read straight from buf. */
                if (s->in_len > 0) {
                        size_t want = BGP_HEADER_LEN;
                        if (s->in_len >= BGP_HEADER_LEN)
                                want = (size_t)s->in[16] << 8 | s->in[17];
                        size_t take = want - s->in_len;
                        if (take > len - used)
                                take = len - used;
                        memcpy(s->in + s->in_len, buf + used, take);
                        s->in_len += take;
                        used += take;
                        msg = s->in;
                        have = s->in_len;
                } else {
                        msg = buf + used;
                        have = len - used;
                }

                /* Before the OPEN exchange the codec allows the RFC 4271 maximum only. */
                int rc = bgp_header_decode(msg, have, &s->codec, &h, &v);
                if (rc == BGP_ERR_MALFORMED) {
                        s->in_len = 0;
                        rc = bgp_fsm_event(s, BGP_EV_HEADER_ERR, &v, now);
                        return rc < 0 ? rc : (long)len;
                }
                if (rc == BGP_ERR_SHORT || have < h.length) {
                        if (msg != s->in) {
                                /* Keep the partial message: at most one, of the largest
                                 * size the session allows. */
                                size_t need = bgp_codec_max_msg_len(&s->codec);
                                if (s->in_cap < need) {
                                        uint8_t *nb = bgp_mem_realloc(&s->mem, s->in, need);
                                        if (nb == NULL)
                                                return BGP_ERR_NOMEM;
                                        s->in = nb;
                                        s->in_cap = need;
                                }
                                memcpy(s->in, msg, have);
                                s->in_len = have;
                                used = len;
                        }
                        continue;
                }
                if (msg != s->in)
                        used += h.length;
                s->in_len = 0;
                s->counters.received[h.type]++; /* a valid header: 1 to 5 */
                rc = handle_message(s, msg, h.length, now);
                if (rc < 0)
                        return rc;
        }
        return (long)len;
}

/* ---- administrative and TCP events -------------------------------------------------- */

int bgp_session_start(struct bgp_session *s, bgp_time_ms now)
{
        if (s->state == BGP_STATE_IDLE)
                bgp_outq_clear(&s->out);
        return bgp_fsm_event(s, s->cfg.passive ? BGP_EV_MANUAL_START_PASSIVE : BGP_EV_MANUAL_START,
                             NULL, now);
}

int bgp_session_stop(struct bgp_session *s, const char *shutdown_msg, bgp_time_ms now)
{
        uint8_t data[256];
        struct bgp_cease_arg c = {BGP_NOTIFY_CEASE_ADMIN_SHUTDOWN, NULL, 0};

        /* RFC 9003 2: the shutdown communication, a length octet then UTF-8. */
        if (shutdown_msg != NULL) {
                size_t n = strlen(shutdown_msg);
                if (n > 255)
                        return BGP_ERR_INVALID_ARGUMENT;
                data[0] = (uint8_t)n;
                memcpy(data + 1, shutdown_msg, n);
                c.data = data;
                c.len = n + 1;
        }
        return bgp_fsm_event(s, BGP_EV_MANUAL_STOP, &c, now);
}

int bgp_session_cease(struct bgp_session *s, uint8_t subcode, const uint8_t *data, size_t data_len,
                      bgp_time_ms now)
{
        struct bgp_cease_arg c = {subcode, data, data_len};
        if (s->state == BGP_STATE_IDLE)
                return 0;
        return bgp_fsm_event(s, BGP_EV_AUTOMATIC_STOP, &c, now);
}

int bgp_session_cease_hold(struct bgp_session *s, uint8_t subcode, const uint8_t *data,
                           size_t data_len, uint32_t hold_seconds, bgp_time_ms now)
{
        int rc = bgp_session_cease(s, subcode, data, data_len, now);
        /* The hold-down replaces the back-off of an ordinary error restart. */
        if (hold_seconds == 0)
                bgp_timer_stop(s, BGP_T_IDLE_HOLD);
        else
                bgp_timer_set(s, BGP_T_IDLE_HOLD, now + (bgp_time_ms)hold_seconds * 1000);
        return rc;
}

int bgp_session_tcp_connected(struct bgp_session *s, bgp_time_ms now)
{
        s->in_len = 0;
        /* A new connection starts a new byte stream: what the last one left unwritten (the
         * rest of a table cut off by its close) must not come before our OPEN, or the peer
         * reads a stream out of sync (RFC 4271 6.1, Connection Not Synchronized).
         * bgp_session_start() clears it too, but a restart by the IdleHoldTimer does not
         * go through there. */
        bgp_outq_clear(&s->out);
        return bgp_fsm_event(
            s, s->state == BGP_STATE_CONNECT ? BGP_EV_TCP_CR_ACKED : BGP_EV_TCP_CONFIRMED, NULL,
            now);
}

int bgp_session_tcp_failed(struct bgp_session *s, bgp_time_ms now)
{
        return bgp_fsm_event(s, BGP_EV_TCP_FAILS, NULL, now);
}

int bgp_session_queue_update(struct bgp_session *s, const uint8_t *msg, size_t len, bgp_time_ms now)
{
        struct bgp_header h;
        struct bgp_verdict v;

        /* Only whole, well-framed UPDATEs: the output queue walks messages by their
         * length fields, so one that lies about its length would corrupt the stream. */
        if (s->state != BGP_STATE_ESTABLISHED ||
            bgp_header_decode(msg, len, &s->codec, &h, &v) != 0 || h.length != len ||
            h.type != BGP_MSG_UPDATE)
                return BGP_ERR_INVALID_ARGUMENT;
        return bgp_session_queue(s, msg, len, now);
}

int bgp_session_request_refresh(struct bgp_session *s, uint16_t afi, uint8_t safi, uint8_t subtype,
                                bgp_time_ms now)
{
        uint8_t buf[32];
        struct bgp_route_refresh rr = {afi, subtype, safi};

        /* RFC 2918 4: only to a peer that advertised the capability. */
        if (s->state != BGP_STATE_ESTABLISHED || !(s->caps & BGP_CAPF_ROUTE_REFRESH))
                return BGP_ERR_INVALID_ARGUMENT;
        if (subtype != BGP_REFRESH_NORMAL && !(s->caps & BGP_CAPF_ENHANCED_REFRESH))
                return BGP_ERR_INVALID_ARGUMENT;
        int n = bgp_route_refresh_encode(buf, sizeof(buf), &rr);
        if (n < 0)
                return n;
        return bgp_session_queue(s, buf, (size_t)n, now);
}

/* ---- what the session knows ---------------------------------------------------------- */

enum bgp_state bgp_session_state(const struct bgp_session *s)
{
        return s->state;
}

const struct bgp_codec_opts *bgp_session_codec(const struct bgp_session *s)
{
        return &s->codec;
}

int bgp_session_set_discard(struct bgp_session *s, const uint8_t *types, size_t n)
{
        struct bgp_codec_opts o;
        memset(&o, 0, sizeof(o));
        for (size_t i = 0; i < n; i++)
                if (bgp_codec_opts_discard(&o, types[i]) != 0)
                        return BGP_ERR_INVALID_ARGUMENT;
        /* The negotiated values stay; only the set of dropped types is replaced. */
        memcpy(s->codec.discard, o.discard, sizeof(o.discard));
        return 0;
}

uint16_t bgp_session_hold_time(const struct bgp_session *s)
{
        return s->hold_time;
}

uint16_t bgp_session_keepalive_time(const struct bgp_session *s)
{
        return s->keepalive_time;
}

uint32_t bgp_session_peer_id(const struct bgp_session *s)
{
        return s->peer_id;
}

uint32_t bgp_session_caps(const struct bgp_session *s)
{
        return s->caps;
}

void bgp_session_counters(const struct bgp_session *s, struct bgp_session_counters *out)
{
        *out = s->counters;
}

bool bgp_session_last_notification(const struct bgp_session *s, bool *sent, uint8_t *code,
                                   uint8_t *subcode)
{
        if (!s->last_notif_valid)
                return false;
        *sent = s->last_notif_sent;
        *code = s->last_code;
        *subcode = s->last_subcode;
        return true;
}

struct bgp_session *bgp_session_collision(struct bgp_session *existing,
                                          struct bgp_session *incoming, bgp_time_ms now)
{
        /* RFC 4271 6.8: a collision needs the peer's identifier on both, which is there
         * once each received an OPEN (OpenConfirm, or Established for the existing one). */
        if (existing == incoming || !existing->open_received || !incoming->open_received ||
            existing->peer_id != incoming->peer_id)
                return NULL;
        if (existing->state < BGP_STATE_OPENCONFIRM || incoming->state != BGP_STATE_OPENCONFIRM)
                return NULL;
        struct bgp_session *loser;
        /* An Established session stays: the newcomer is dumped (RFC 4271 6.8, last
         * paragraph). */
        if (existing->state == BGP_STATE_ESTABLISHED)
                loser = incoming;
        /* RFC 4271 6.8 1) and 2): with the local identifier lower than the remote one,
         * the existing connection closes; otherwise the new one does. */
        else if (existing->cfg.local_id < existing->peer_id)
                loser = existing;
        else
                loser = incoming;
        (void)bgp_fsm_event(loser, BGP_EV_OPEN_COLLISION_DUMP, NULL, now);
        return loser;
}
