/*
 * fsm.c - the BGP finite state machine of RFC 4271 section 8.2.2.
 *
 * One function per state, each a switch over the events of section 8.1 in the order the
 * RFC's table lists them, so the code can be read against the RFC line by line.
 *
 * RFC says / we do:
 *  - The RFC answers most unexpected events with a NOTIFICATION "FSM Error"; RFC 6608
 *    gives it the subcodes we send (unexpected message in OpenSent, OpenConfirm,
 *    Established).  A received NOTIFICATION is never answered with one (RFC 4271 6.4:
 *    the connection is closed right after it), although 8.2.2 lists event 25 among
 *    those that send one in OpenSent.
 *  - "SendNOTIFICATIONwithoutOPEN" is always on: an error found before our OPEN went out
 *    is still reported to the peer.
 *  - A failed connection attempt in Connect goes to Active with the ConnectRetryTimer
 *    running, so the session retries (RFC 4271 goes to Idle and waits for a new start).
 *  - The IdleHoldTimer (DampPeerOscillations) doubles after each error restart, up to
 *    idle_hold_max, and falls back to idle_hold_time once a session stayed Established
 *    for idle_hold_max.
 */
#include <string.h>

#include "session_int.h"

static void set_state(struct bgp_session *s, enum bgp_state to, bgp_time_ms now)
{
        enum bgp_state from = s->state;
        if (from == to)
                return;
        s->state = to;
        if (to == BGP_STATE_ESTABLISHED) {
                s->established_at = now;
                s->counters.established++;
        }
        bgp_session_log(s, BGP_LOG_INFO, "%s -> %s", bgp_state_name(from), bgp_state_name(to));
        if (s->cb.state_change != NULL)
                s->cb.state_change(s, from, to, s->user_data);
}

static void stop_all_timers(struct bgp_session *s)
{
        for (int t = 0; t < BGP_T_COUNT; t++)
                bgp_timer_stop(s, (enum bgp_timer)t);
}

static void drop_connection(struct bgp_session *s)
{
        s->in_len = 0;
        s->open_received = false;
        if (s->cb.disconnect != NULL)
                s->cb.disconnect(s, s->user_data);
}

/*
 * Every way to Idle: release the connection, stop the timers and, after an error, count
 * it (ConnectRetryCounter) and arm the IdleHoldTimer when the session restarts by itself.
 */
static int to_idle(struct bgp_session *s, bool error, bgp_time_ms now)
{
        bool connected = s->state >= BGP_STATE_OPENSENT || s->state == BGP_STATE_CONNECT ||
                         s->state == BGP_STATE_ACTIVE;
        stop_all_timers(s);
        if (connected)
                drop_connection(s);
        if (error) {
                s->connect_retry_counter++;
                if (s->state == BGP_STATE_ESTABLISHED &&
                    now - s->established_at >= (bgp_time_ms)s->cfg.idle_hold_max * 1000)
                        s->idle_hold_ms = 0;
                if (s->cfg.auto_restart) {
                        uint32_t base = (uint32_t)s->cfg.idle_hold_time * 1000;
                        uint32_t max = (uint32_t)s->cfg.idle_hold_max * 1000;
                        if (!s->cfg.damp_peer_oscillations || s->idle_hold_ms == 0)
                                s->idle_hold_ms = base;
                        else
                                s->idle_hold_ms =
                                    s->idle_hold_ms * 2 > max ? max : s->idle_hold_ms * 2;
                        bgp_timer_set(s, BGP_T_IDLE_HOLD, now + s->idle_hold_ms);
                }
        } else {
                s->connect_retry_counter = 0;
                s->idle_hold_ms = 0;
        }
        set_state(s, BGP_STATE_IDLE, now);
        return 0;
}

static int send_notification(struct bgp_session *s, uint8_t code, uint8_t subcode,
                             const uint8_t *data, size_t len, bgp_time_ms now)
{
        uint8_t buf[BGP_MAX_MSG_LEN];
        int n = bgp_notification_encode(buf, sizeof(buf), code, subcode, data, len);
        if (n == BGP_ERR_NOSPACE) /* data too long for one message: send it without */
                n = bgp_notification_encode(buf, sizeof(buf), code, subcode, NULL, 0);
        if (n < 0)
                return n;
        (void)now;
        int rc = bgp_outq_push_first(&s->out, &s->mem, buf, (size_t)n);
        s->counters.sent[BGP_MSG_NOTIFICATION]++;
        s->last_notif_valid = true;
        s->last_notif_sent = true;
        s->last_code = code;
        s->last_subcode = subcode;
        bgp_session_log(s, BGP_LOG_NOTICE, "sent NOTIFICATION %u/%u (%s/%s)", code, subcode,
                        bgp_notify_code_name(code), bgp_notify_subcode_name(code, subcode));
        if (s->cb.notification != NULL) {
                struct bgp_notification nt = {code, subcode, data, len};
                s->cb.notification(s, true, &nt, s->user_data);
        }
        return rc;
}

static int send_cease(struct bgp_session *s, const struct bgp_cease_arg *c, bgp_time_ms now)
{
        return send_notification(s, BGP_NOTIFY_CEASE, c->subcode, c->data, c->len, now);
}

static int send_open(struct bgp_session *s, bgp_time_ms now)
{
        uint8_t buf[BGP_MAX_MSG_LEN];
        int n = bgp_negotiate_build_open(s, buf, sizeof(buf));
        if (n < 0)
                return n;
        return bgp_session_queue(s, buf, (size_t)n, now);
}

static int send_keepalive(struct bgp_session *s, bgp_time_ms now)
{
        uint8_t buf[BGP_HEADER_LEN];
        int n = bgp_keepalive_encode(buf, sizeof(buf));
        if (n < 0)
                return n;
        return bgp_session_queue(s, buf, (size_t)n, now);
}

static void restart_keepalive(struct bgp_session *s, bgp_time_ms now)
{
        if (s->keepalive_time == 0)
                bgp_timer_stop(s, BGP_T_KEEPALIVE);
        else
                bgp_timer_set(s, BGP_T_KEEPALIVE, now + bgp_jitter(s, s->keepalive_time));
}

static void restart_hold(struct bgp_session *s, bgp_time_ms now)
{
        /* RFC 4271 4.4: a hold time of zero means no timer at all. */
        if (s->hold_time == 0)
                bgp_timer_stop(s, BGP_T_HOLD);
        else
                bgp_timer_set(s, BGP_T_HOLD, now + (bgp_time_ms)s->hold_time * 1000);
}

static int connect_out(struct bgp_session *s)
{
        if (s->cb.connect == NULL)
                return 0;
        return s->cb.connect(s, s->user_data);
}

/* An error after which the peer is told with a NOTIFICATION, then Idle. */
static int fail(struct bgp_session *s, uint8_t code, uint8_t subcode, const uint8_t *data,
                size_t len, bgp_time_ms now)
{
        int rc = send_notification(s, code, subcode, data, len, now);
        to_idle(s, true, now);
        return rc;
}

static int fail_verdict(struct bgp_session *s, const struct bgp_verdict *v, bgp_time_ms now)
{
        return fail(s, v->code, v->subcode, v->data, v->data_len, now);
}

/* TCP is up: send OPEN now, or wait for DelayOpen (RFC 4271 8.2.2, events 16 and 17). */
static int tcp_up(struct bgp_session *s, bgp_time_ms now)
{
        bgp_timer_stop(s, BGP_T_CONNECT_RETRY);
        if (s->cfg.delay_open) {
                bgp_timer_set(s, BGP_T_DELAY_OPEN,
                              now + (bgp_time_ms)s->cfg.delay_open_time * 1000);
                return 0;
        }
        int rc = send_open(s, now);
        bgp_timer_set(s, BGP_T_HOLD, now + (bgp_time_ms)s->cfg.open_hold_time * 1000);
        set_state(s, BGP_STATE_OPENSENT, now);
        return rc;
}

/* The peer's OPEN came while DelayOpen ran (event 20): both OPEN and KEEPALIVE go out. */
static int open_delayed(struct bgp_session *s, bgp_time_ms now)
{
        bgp_timer_stop(s, BGP_T_CONNECT_RETRY);
        bgp_timer_stop(s, BGP_T_DELAY_OPEN);
        int rc = send_open(s, now);
        if (rc == 0)
                rc = send_keepalive(s, now);
        restart_keepalive(s, now);
        restart_hold(s, now);
        set_state(s, BGP_STATE_OPENCONFIRM, now);
        return rc;
}

static int fsm_idle(struct bgp_session *s, enum bgp_fsm_event ev, bgp_time_ms now)
{
        switch (ev) {
        case BGP_EV_MANUAL_START:
        case BGP_EV_AUTOMATIC_START:
                s->connect_retry_counter = ev == BGP_EV_MANUAL_START ? 0 : s->connect_retry_counter;
                bgp_timer_set(s, BGP_T_CONNECT_RETRY,
                              now + bgp_jitter(s, s->cfg.connect_retry_time));
                set_state(s, BGP_STATE_CONNECT, now);
                return connect_out(s);
        case BGP_EV_MANUAL_START_PASSIVE:
        case BGP_EV_AUTOMATIC_START_PASSIVE:
                s->connect_retry_counter =
                    ev == BGP_EV_MANUAL_START_PASSIVE ? 0 : s->connect_retry_counter;
                bgp_timer_set(s, BGP_T_CONNECT_RETRY,
                              now + bgp_jitter(s, s->cfg.connect_retry_time));
                set_state(s, BGP_STATE_ACTIVE, now);
                return 0;
        case BGP_EV_IDLE_HOLD_EXPIRES:
                /* The automatic restart after an error (RFC 4271 8.1.1 IdleHoldTimer). */
                return bgp_fsm_event(
                    s, s->cfg.passive ? BGP_EV_AUTOMATIC_START_PASSIVE : BGP_EV_AUTOMATIC_START,
                    NULL, now);
        default:
                /* RFC 4271 8.2.2: in Idle every other event is ignored. */
                return 0;
        }
}

static int fsm_connect_active(struct bgp_session *s, enum bgp_fsm_event ev, const void *arg,
                              bgp_time_ms now)
{
        bool active = s->state == BGP_STATE_ACTIVE;

        switch (ev) {
        case BGP_EV_MANUAL_START:
        case BGP_EV_AUTOMATIC_START:
        case BGP_EV_MANUAL_START_PASSIVE:
        case BGP_EV_AUTOMATIC_START_PASSIVE:
                return 0; /* ignored */
        case BGP_EV_MANUAL_STOP:
                if (bgp_timer_running(s, BGP_T_DELAY_OPEN))
                        send_cease(s, arg, now);
                return to_idle(s, false, now);
        case BGP_EV_CONNECT_RETRY_EXPIRES:
                /* Connect: drop and retry; Active: try connecting now. */
                if (!active)
                        drop_connection(s);
                bgp_timer_stop(s, BGP_T_DELAY_OPEN);
                bgp_timer_set(s, BGP_T_CONNECT_RETRY,
                              now + bgp_jitter(s, s->cfg.connect_retry_time));
                if (s->cfg.passive)
                        return 0;
                set_state(s, BGP_STATE_CONNECT, now);
                return connect_out(s);
        case BGP_EV_DELAY_OPEN_EXPIRES: {
                int rc = send_open(s, now);
                bgp_timer_set(s, BGP_T_HOLD, now + (bgp_time_ms)s->cfg.open_hold_time * 1000);
                set_state(s, BGP_STATE_OPENSENT, now);
                return rc;
        }
        case BGP_EV_TCP_CR_ACKED:
        case BGP_EV_TCP_CONFIRMED:
                return tcp_up(s, now);
        case BGP_EV_TCP_FAILS:
                if (!active && bgp_timer_running(s, BGP_T_DELAY_OPEN)) {
                        bgp_timer_stop(s, BGP_T_DELAY_OPEN);
                        bgp_timer_set(s, BGP_T_CONNECT_RETRY,
                                      now + bgp_jitter(s, s->cfg.connect_retry_time));
                        set_state(s, BGP_STATE_ACTIVE, now);
                        return 0;
                }
                if (!active) {
                        /* Connect: the connection attempt failed; wait for the retry. */
                        bgp_timer_set(s, BGP_T_CONNECT_RETRY,
                                      now + bgp_jitter(s, s->cfg.connect_retry_time));
                        set_state(s, BGP_STATE_ACTIVE, now);
                        return 0;
                }
                return to_idle(s, true, now);
        case BGP_EV_OPEN_DELAYED:
                return open_delayed(s, now);
        case BGP_EV_HEADER_ERR:
        case BGP_EV_OPEN_ERR:
                return fail_verdict(s, arg, now);
        case BGP_EV_NOTIF_VERSION_ERR:
                return to_idle(s, false, now);
        default:
                return to_idle(s, true, now);
        }
}

/* What the event returns when the shared handler below leaves it to the state. */
enum {
        NOT_HANDLED = 1
};

/*
 * The events OpenSent, OpenConfirm and Established answer alike (RFC 4271 8.2.2): starts
 * are ignored, stops send a Cease, the hold and send hold timers (RFC 9687) end the
 * session with their NOTIFICATION, header and OPEN errors and a collision dump send theirs.
 */
static int fsm_connected(struct bgp_session *s, enum bgp_fsm_event ev, const void *arg,
                         bgp_time_ms now)
{
        switch (ev) {
        case BGP_EV_MANUAL_START:
        case BGP_EV_AUTOMATIC_START:
        case BGP_EV_MANUAL_START_PASSIVE:
        case BGP_EV_AUTOMATIC_START_PASSIVE:
                return 0;
        case BGP_EV_MANUAL_STOP:
                send_cease(s, arg, now);
                return to_idle(s, false, now);
        case BGP_EV_AUTOMATIC_STOP:
                send_cease(s, arg, now);
                return to_idle(s, true, now);
        case BGP_EV_HOLD_EXPIRES:
                return fail(s, BGP_NOTIFY_HOLD_TIMER, 0, NULL, 0, now);
        case BGP_EV_SEND_HOLD_EXPIRES:
                return fail(s, BGP_NOTIFY_SEND_HOLD_TIMER, 0, NULL, 0, now);
        case BGP_EV_HEADER_ERR:
        case BGP_EV_OPEN_ERR:
                return fail_verdict(s, arg, now);
        case BGP_EV_OPEN_COLLISION_DUMP:
                return fail(s, BGP_NOTIFY_CEASE, BGP_NOTIFY_CEASE_COLLISION, NULL, 0, now);
        default:
                return NOT_HANDLED;
        }
}

/* KeepaliveTimer_Expires in OpenConfirm and Established. */
static int keepalive_due(struct bgp_session *s, bgp_time_ms now)
{
        int rc = send_keepalive(s, now);
        restart_keepalive(s, now);
        return rc;
}

static int fsm_opensent(struct bgp_session *s, enum bgp_fsm_event ev, const void *arg,
                        bgp_time_ms now)
{
        int rc = fsm_connected(s, ev, arg, now);
        if (rc != NOT_HANDLED)
                return rc;
        switch (ev) {
        case BGP_EV_TCP_FAILS:
                /* RFC 4271 8.2.2: close, restart ConnectRetryTimer, listen: Active. */
                drop_connection(s);
                bgp_timer_stop(s, BGP_T_HOLD);
                bgp_timer_set(s, BGP_T_CONNECT_RETRY,
                              now + bgp_jitter(s, s->cfg.connect_retry_time));
                set_state(s, BGP_STATE_ACTIVE, now);
                return 0;
        case BGP_EV_OPEN: {
                bgp_timer_stop(s, BGP_T_DELAY_OPEN);
                bgp_timer_stop(s, BGP_T_CONNECT_RETRY);
                rc = send_keepalive(s, now);
                restart_keepalive(s, now);
                restart_hold(s, now);
                set_state(s, BGP_STATE_OPENCONFIRM, now);
                return rc;
        }
        case BGP_EV_NOTIF_VERSION_ERR:
                return to_idle(s, false, now);
        case BGP_EV_NOTIF:
                return to_idle(s, true, now);
        default:
                /* RFC 6608 3: Receive Unexpected Message in OpenSent State. */
                return fail(s, BGP_NOTIFY_FSM, 1, NULL, 0, now);
        }
}

static int fsm_openconfirm(struct bgp_session *s, enum bgp_fsm_event ev, const void *arg,
                           bgp_time_ms now)
{
        int rc = fsm_connected(s, ev, arg, now);
        if (rc != NOT_HANDLED)
                return rc;
        switch (ev) {
        case BGP_EV_KEEPALIVE_EXPIRES:
                return keepalive_due(s, now);
        case BGP_EV_TCP_FAILS:
        case BGP_EV_NOTIF:
                return to_idle(s, true, now);
        case BGP_EV_NOTIF_VERSION_ERR:
                return to_idle(s, false, now);
        case BGP_EV_KEEPALIVE:
                restart_hold(s, now);
                set_state(s, BGP_STATE_ESTABLISHED, now);
                return 0;
        default:
                /* RFC 6608 3: Receive Unexpected Message in OpenConfirm State. */
                return fail(s, BGP_NOTIFY_FSM, 2, NULL, 0, now);
        }
}

static int fsm_established(struct bgp_session *s, enum bgp_fsm_event ev, const void *arg,
                           bgp_time_ms now)
{
        int rc = fsm_connected(s, ev, arg, now);
        if (rc != NOT_HANDLED)
                return rc;
        switch (ev) {
        case BGP_EV_KEEPALIVE_EXPIRES:
                return keepalive_due(s, now);
        case BGP_EV_TCP_FAILS:
        case BGP_EV_NOTIF:
        case BGP_EV_NOTIF_VERSION_ERR:
                return to_idle(s, true, now);
        case BGP_EV_KEEPALIVE:
                restart_hold(s, now);
                return 0;
        case BGP_EV_UPDATE: {
                const struct bgp_update_arg *u = arg;
                restart_hold(s, now);
                if (s->cb.update == NULL)
                        return 0;
                return s->cb.update(s, u->upd, u->verdict, s->user_data);
        }
        case BGP_EV_ROUTE_REFRESH:
                restart_hold(s, now);
                if (s->cb.route_refresh == NULL)
                        return 0;
                return s->cb.route_refresh(s, arg, s->user_data);
        case BGP_EV_UPDATE_ERR:
                return fail_verdict(s, arg, now);
        default:
                /* RFC 6608 3: Receive Unexpected Message in Established State. */
                return fail(s, BGP_NOTIFY_FSM, 3, NULL, 0, now);
        }
}

int bgp_fsm_event(struct bgp_session *s, enum bgp_fsm_event ev, const void *arg, bgp_time_ms now)
{
        switch (s->state) {
        case BGP_STATE_IDLE:
                return fsm_idle(s, ev, now);
        case BGP_STATE_CONNECT:
        case BGP_STATE_ACTIVE:
                return fsm_connect_active(s, ev, arg, now);
        case BGP_STATE_OPENSENT:
                return fsm_opensent(s, ev, arg, now);
        case BGP_STATE_OPENCONFIRM:
                return fsm_openconfirm(s, ev, arg, now);
        case BGP_STATE_ESTABLISHED:
                return fsm_established(s, ev, arg, now);
        }
        return BGP_ERR_INVALID_ARGUMENT;
}
