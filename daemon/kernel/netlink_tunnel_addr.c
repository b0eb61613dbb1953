/*
 * netlink_tunnel_addr.c - IPv6 addresses in rtnetlink's encoding, marked as ours.
 *
 * As iproute2 sends them: IFA_LOCAL is our address and IFA_ADDRESS the far end's on a
 * point-to-point pair, or the same address again otherwise.  IFA_PROTO (Linux 6.1 and
 * later) carries TUNNEL_PROTO, the mark that lets `down` tell our address from one an
 * administrator put there; a kernel without it ignores the attribute.
 */
#include <string.h>
#include <sys/socket.h>

#include <linux/if_addr.h>
#include <linux/rtnetlink.h>

#include "netlink_tunnel.h"

size_t nl_tunnel_addr_request(void *buf, uint32_t seq, enum tunnel_change how,
                              const struct tunnel_addr *a)
{
        struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
        struct ifaddrmsg *ifa;

        nlh->nlmsg_type = how == TUNNEL_DELETE ? RTM_DELADDR : RTM_NEWADDR;
        nlh->nlmsg_flags = nl_tunnel_flags(how);
        nlh->nlmsg_seq = seq;
        ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
        ifa->ifa_family = AF_INET6;
        ifa->ifa_prefixlen = a->plen;
        ifa->ifa_scope = RT_SCOPE_UNIVERSE;
        ifa->ifa_index = a->ifindex;
        mnl_attr_put(nlh, IFA_LOCAL, 16, a->addr);
        mnl_attr_put(nlh, IFA_ADDRESS, 16, a->has_peer ? a->peer : a->addr);
        if (how != TUNNEL_DELETE)
                mnl_attr_put_u8(nlh, IFA_PROTO, a->proto);
        return nlh->nlmsg_len;
}

static int keep_attr(const struct nlattr *attr, void *data)
{
        const struct nlattr **tb = data;

        if (mnl_attr_type_valid(attr, IFA_MAX) > 0)
                tb[mnl_attr_get_type(attr)] = attr;
        return MNL_CB_OK;
}

static bool addr16(const struct nlattr *attr, uint8_t out[16])
{
        if (attr == NULL || mnl_attr_get_payload_len(attr) != 16)
                return false;
        memcpy(out, mnl_attr_get_payload(attr), 16);
        return true;
}

bool nl_tunnel_addr_parse(const struct nlmsghdr *nlh, struct tunnel_addr *out)
{
        const struct nlattr *tb[IFA_MAX + 1];
        const struct ifaddrmsg *ifa;
        uint8_t address[16];

        if (nlh->nlmsg_type != RTM_NEWADDR || mnl_nlmsg_get_payload_len(nlh) < sizeof(*ifa))
                return false;
        ifa = mnl_nlmsg_get_payload(nlh);
        if (ifa->ifa_family != AF_INET6)
                return false;
        memset(tb, 0, sizeof(tb));
        if (mnl_attr_parse(nlh, sizeof(*ifa), keep_attr, tb) < 0)
                return false;
        memset(out, 0, sizeof(*out));
        out->ifindex = ifa->ifa_index;
        out->plen = ifa->ifa_prefixlen;
        if (!addr16(tb[IFA_ADDRESS], address))
                return false;
        /* With a peer the kernel sends both: IFA_LOCAL ours, IFA_ADDRESS the peer's. */
        if (addr16(tb[IFA_LOCAL], out->addr) && memcmp(out->addr, address, 16) != 0) {
                out->has_peer = true;
                memcpy(out->peer, address, 16);
        } else {
                memcpy(out->addr, address, 16);
        }
        if (tb[IFA_PROTO] != NULL && mnl_attr_get_payload_len(tb[IFA_PROTO]) >= 1)
                out->proto = mnl_attr_get_u8(tb[IFA_PROTO]);
        return true;
}
