/*
 * bgp/bgp.h - the one header embedders include.
 *
 * libbgp is a sans-I/O BGP-4 speaker: it is fed bytes and the current time and hands
 * back bytes to send, timers to arm and events.  See docs/ for the guide.
 */
#ifndef BGP_BGP_H
#define BGP_BGP_H

#include <bgp/version.h>
#include <bgp/export.h>
#include <bgp/error.h>
#include <bgp/mem.h>
#include <bgp/msg.h>
#include <bgp/attrs.h>
#include <bgp/policy.h>
#include <bgp/rib.h>
#include <bgp/router.h>
#include <bgp/session.h>
#include <bgp/mrt.h>

#endif /* BGP_BGP_H */
