/*
 * value.h - the typed words of the configuration language: numbers, addresses, prefixes,
 * AS numbers, communities, interface names.
 *
 * Each reader accepts exactly the text FRR's matching token type accepts (FRR
 * lib/command_match.c), returns false otherwise, and writes its value only on success.
 */
#ifndef LBGPD_VALUE_H
#define LBGPD_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <bgp/msg.h>

#include "config.h"

/* Decimal digits only (no sign, no blanks), within lo..hi. */
bool value_u32(const char *text, uint64_t lo, uint64_t hi, uint32_t *out);
bool value_ipv4(const char *text, uint8_t out[4]);
bool value_ipv6(const char *text, uint8_t out[16]);

/*
 * A prefix of family afi.  libbgp's bgp_prefix_parse() insists the host bits are zero;
 * FRR instead masks them off and goes on (lib/filter_nb.c "bad network ... correcting it",
 * bgpd's network command, staticd), so a configuration that works under FRR would stop
 * loading.  We do as FRR does but say so: *host_bits tells the caller to warn.
 */
bool value_prefix(const char *text, uint16_t afi, struct bgp_prefix *out, bool *host_bits);

/* asplain 1-4294967295, or asdot "X.Y" (RFC 5396), as FRR's ASNUM. */
bool value_asn(const char *text, uint32_t *out);

/* AA:NN (each 0-65535) or a well-known name ("no-export"). */
bool value_community(const char *text, uint32_t *out);
/* Writes the community as FRR prints it: its well-known name, else AA:NN. */
void value_community_format(uint32_t c, char *buf, size_t len);
/* The name -> value table, for tests against libbgp's value -> name one. */
size_t value_community_names(const char *const **names, const uint32_t **values);

/* GLOBAL:LOCAL1:LOCAL2, each 0-4294967295 (RFC 8092). */
bool value_large_community(const char *text, struct config_large_community *out);

/*
 * An interface name: starts with a letter, then letters, digits, '.', '_', '-', and is not
 * one of the keywords that may follow it in a static route ("tag") or take its place
 * ("blackhole", "reject").  Without that rule "ipv6 route P GW tag 5" would read "tag" as
 * an interface, where FRR prefers the keyword.
 */
bool value_ifname(const char *text);

#endif /* LBGPD_VALUE_H */
