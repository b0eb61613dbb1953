/*
 * netlink_tunnel_route.c - IPv6 routes of any table in rtnetlink's encoding.
 *
 * Unlike lbgpd's routes (netlink_route.c: one table, NLM_F_REPLACE always), a tunnel's
 * route is created with NLM_F_EXCL, so that it never takes over a route someone else
 * holds for the same prefix, table and metric; a modify replaces our own.  A delete
 * names table, prefix, metric and our protocol, and the kernel removes nothing of
 * another protocol (IPv6 matches rtm_protocol on delete).
 */
#include <string.h>
#include <sys/socket.h>

#include <linux/rtnetlink.h>

#include "netlink_tunnel.h"

/* rtm_table is 8 bits; larger table ids travel in RTA_TABLE alone. */
static uint8_t rtm_table_of(uint32_t table)
{
        return table < 256 ? (uint8_t)table : RT_TABLE_UNSPEC;
}

size_t nl_tunnel_route_request(void *buf, uint32_t seq, enum tunnel_change how,
                               const struct tunnel_route *r)
{
        struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
        struct rtmsg *rtm;

        nlh->nlmsg_type = how == TUNNEL_DELETE ? RTM_DELROUTE : RTM_NEWROUTE;
        nlh->nlmsg_flags = nl_tunnel_flags(how);
        nlh->nlmsg_seq = seq;
        rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
        rtm->rtm_family = AF_INET6;
        rtm->rtm_dst_len = r->dst.len;
        rtm->rtm_table = rtm_table_of(r->table);
        rtm->rtm_protocol = r->proto;
        if (r->dst.len > 0)
                mnl_attr_put(nlh, RTA_DST, 16, r->dst.addr);
        mnl_attr_put_u32(nlh, RTA_TABLE, r->table);
        mnl_attr_put_u32(nlh, RTA_PRIORITY, r->metric);
        if (how == TUNNEL_DELETE) {
                /* Any scope, any type, as `ip route del`; the interface narrows it. */
                rtm->rtm_scope = RT_SCOPE_NOWHERE;
                rtm->rtm_type = RTN_UNSPEC;
                if (r->type == TUNNEL_ROUTE_DEV && r->ifindex != 0)
                        mnl_attr_put_u32(nlh, RTA_OIF, r->ifindex);
                return nlh->nlmsg_len;
        }
        rtm->rtm_scope = RT_SCOPE_UNIVERSE;
        if (r->type == TUNNEL_ROUTE_BLACKHOLE) {
                rtm->rtm_type = RTN_BLACKHOLE;
        } else {
                rtm->rtm_type = RTN_UNICAST;
                mnl_attr_put_u32(nlh, RTA_OIF, r->ifindex);
        }
        return nlh->nlmsg_len;
}

static int keep_attr(const struct nlattr *attr, void *data)
{
        const struct nlattr **tb = data;

        if (mnl_attr_type_valid(attr, RTA_MAX) > 0)
                tb[mnl_attr_get_type(attr)] = attr;
        return MNL_CB_OK;
}

static uint32_t u32_or(const struct nlattr *attr, uint32_t dflt)
{
        return attr != NULL && mnl_attr_get_payload_len(attr) == 4 ? mnl_attr_get_u32(attr) : dflt;
}

bool nl_tunnel_route_parse(const struct nlmsghdr *nlh, struct tunnel_route *out)
{
        const struct nlattr *tb[RTA_MAX + 1];
        const struct rtmsg *rtm;

        if (nlh->nlmsg_type != RTM_NEWROUTE || mnl_nlmsg_get_payload_len(nlh) < sizeof(*rtm))
                return false;
        rtm = mnl_nlmsg_get_payload(nlh);
        /* Cached clones (RTM_F_CLONED) are the kernel's, not routes anyone installed. */
        if (rtm->rtm_family != AF_INET6 || rtm->rtm_dst_len > 128 ||
            (rtm->rtm_flags & RTM_F_CLONED))
                return false;
        memset(tb, 0, sizeof(tb));
        if (mnl_attr_parse(nlh, sizeof(*rtm), keep_attr, tb) < 0)
                return false;
        memset(out, 0, sizeof(*out));
        out->dst.afi = BGP_AFI_IPV6;
        out->dst.len = rtm->rtm_dst_len;
        if (tb[RTA_DST] != NULL) {
                if (mnl_attr_get_payload_len(tb[RTA_DST]) != 16)
                        return false;
                memcpy(out->dst.addr, mnl_attr_get_payload(tb[RTA_DST]), 16);
        }
        out->table = u32_or(tb[RTA_TABLE], rtm->rtm_table);
        out->metric = u32_or(tb[RTA_PRIORITY], 0);
        out->proto = rtm->rtm_protocol;
        out->ifindex = u32_or(tb[RTA_OIF], 0);
        if (rtm->rtm_type == RTN_BLACKHOLE)
                out->type = TUNNEL_ROUTE_BLACKHOLE;
        else if (rtm->rtm_type == RTN_UNICAST && tb[RTA_GATEWAY] == NULL && tb[RTA_VIA] == NULL &&
                 tb[RTA_MULTIPATH] == NULL && out->ifindex != 0)
                out->type = TUNNEL_ROUTE_DEV;
        else
                out->type = TUNNEL_ROUTE_OTHER;
        return true;
}
