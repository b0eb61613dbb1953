/*
 * link_local.c - our link-local address toward a directly connected IPv6 peer.
 *
 * RFC 2545 3: when the speaker and its peer share a subnet, the MP_REACH_NLRI next hop
 * carries the link-local address of the interface as well as the global one (FRR sends
 * both; a peer on the link then routes via our link-local address).  The interface is the
 * one that holds our end of the session, and the peer shares its subnet when its address
 * falls inside one of that interface's global prefixes.
 */
#include <ifaddrs.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <string.h>

#include "lbgpd.h"

static bool in_prefix(const uint8_t *addr, const uint8_t *net, const uint8_t *mask)
{
        for (int i = 0; i < 16; i++)
                if ((addr[i] & mask[i]) != (net[i] & mask[i]))
                        return false;
        return true;
}

static const uint8_t *v6(const struct sockaddr *sa)
{
        return ((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr.s6_addr;
}

bool lbgpd_link_local_for(const uint8_t local[16], const uint8_t peer[16], uint8_t out[16])
{
        struct ifaddrs *all, *a;
        const char *ifname = NULL;
        bool found = false;

        if (getifaddrs(&all) != 0)
                return false;
        /* The interface with our address, and the peer inside its prefix. */
        for (a = all; a != NULL && ifname == NULL; a = a->ifa_next)
                if (a->ifa_addr != NULL && a->ifa_netmask != NULL &&
                    a->ifa_addr->sa_family == AF_INET6 && memcmp(v6(a->ifa_addr), local, 16) == 0 &&
                    in_prefix(peer, local, v6(a->ifa_netmask)))
                        ifname = a->ifa_name;
        /* Its link-local address (fe80::/10). */
        for (a = all; a != NULL && ifname != NULL && !found; a = a->ifa_next)
                if (a->ifa_addr != NULL && a->ifa_addr->sa_family == AF_INET6 &&
                    strcmp(a->ifa_name, ifname) == 0 && v6(a->ifa_addr)[0] == 0xfe &&
                    (v6(a->ifa_addr)[1] & 0xc0) == 0x80) {
                        memcpy(out, v6(a->ifa_addr), 16);
                        found = true;
                }
        freeifaddrs(all);
        return found;
}
