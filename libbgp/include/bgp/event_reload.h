/*
 * bgp/event_reload.h - what a daemon needs from libbgp-event to apply a new configuration
 * without a restart: take a peer out with the right Cease, drive a session from outside
 * the binding's callbacks, hold a peer down, and ask a peer for its routes again.
 *
 * Kept apart from bgp/event.h so that adding them touched none of the binding's files; the three
 * functions belong there and will move without changing.
 */
#ifndef BGP_EVENT_RELOAD_H
#define BGP_EVENT_RELOAD_H

#include <bgp/event.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Takes the peer out of the binding.  Each of its connections that has a session past
 * Idle is closed with a Cease of this subcode (RFC 4486 3: BGP_NOTIFY_CEASE_PEER_DECONFIGURED
 * for a neighbor removed from the configuration, BGP_NOTIFY_CEASE_OTHER_CONFIG_CHANGE for
 * one whose session parameters changed), written out at once as far as the socket takes it.
 * The state_change and notification callbacks run for the peer during the call.  Then the
 * peer is freed: p is invalid afterwards, and a connection from its address is refused as
 * from any peer that is not configured.
 */
BGP_EXTERN void bgp_ev_peer_remove(struct bgp_ev_peer *p, uint8_t cease_subcode);

/*
 * After a bgp_session_*() call made on bgp_ev_peer_session(p) from outside the binding's
 * own callbacks (a Cease from a command, a maximum-prefix lowered by a reload), has the
 * binding write what the session queued, close what it dropped and re-arm its timers, from
 * the loop.  Without it those wait for the connection's next event.
 */
BGP_EXTERN void bgp_ev_peer_flush(struct bgp_ev_peer *p);

/*
 * Closes the peer with a Cease of this subcode and data (maximum-prefix, RFC 4486) and
 * holds it down for hold_seconds (0: until bgp_ev_peer_start()): the session that carries
 * the peer sends the Cease, and the peer's other connection, if any (ours still trying to
 * connect, say), is stopped and held down as well, so that the peer's next connection is
 * refused until then rather than taken up by a session that was not held.  Written out
 * from the loop, as bgp_ev_peer_flush().
 */
BGP_EXTERN void bgp_ev_peer_cease_hold(struct bgp_ev_peer *p, uint8_t subcode, const uint8_t *data,
                                       size_t len, uint32_t hold_seconds);

/*
 * Asks an Established peer to send its routes of afi/safi again (ROUTE-REFRESH, RFC 2918),
 * when inbound policy changed and the routes were not kept (no soft-reconfiguration).
 * 0, or BGP_ERR_INVALID_ARGUMENT when the peer is not Established or did not advertise the
 * capability.
 */
BGP_EXTERN int bgp_ev_peer_request_refresh(struct bgp_ev_peer *p, uint16_t afi, uint8_t safi);

#ifdef __cplusplus
}
#endif

#endif /* BGP_EVENT_RELOAD_H */
