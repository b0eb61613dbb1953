/*
 * netlink_route.c - route requests and route dumps in rtnetlink's encoding.
 *
 * As OpenBGPD's kroute-linux.c: every route carries our rtm_protocol and is written with
 * NLM_F_CREATE | NLM_F_REPLACE, which installs it or replaces the route the kernel holds
 * for the same prefix, table and metric, in one request and without a gap in forwarding.
 * Our metric is KERNEL_METRIC (kernel.h), which no one else uses: the route replaced is
 * always one of ours, never a route of the same prefix someone else wrote.
 * A delete names the prefix, table and protocol and leaves type and next hop unset, so
 * it removes our route whatever it currently points at, and never another protocol's.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/rtnetlink.h>

#include "netlink_int.h"

/* rtm_table is 8 bits; larger table ids travel in RTA_TABLE alone. */
static uint8_t rtm_table(uint32_t table)
{
        return table < 256 ? (uint8_t)table : RT_TABLE_UNSPEC;
}

static void put_nexthop(struct nlmsghdr *nlh, struct rtmsg *rtm, const struct bgp_prefix *pfx,
                        const struct kernel_nexthop *nh)
{
        if (nh->afi == pfx->afi) {
                mnl_attr_put(nlh, RTA_GATEWAY, kernel_afi_len(nh->afi), nh->addr);
        } else if (nh->afi == BGP_AFI_IPV6) {
                /* An IPv6 next hop for an IPv4 prefix (RFC 8950): struct rtvia. */
                uint8_t via[sizeof(sa_family_t) + 16];
                sa_family_t family = AF_INET6;

                memcpy(via, &family, sizeof(family));
                memcpy(via + sizeof(family), nh->addr, 16);
                mnl_attr_put(nlh, RTA_VIA, sizeof(via), via);
        } else if (pfx->afi == BGP_AFI_IPV4) {
                /* No gateway: the prefix is on the link (IPv6 keeps universe scope). */
                rtm->rtm_scope = RT_SCOPE_LINK;
        }
        if (nh->ifindex != 0)
                mnl_attr_put_u32(nlh, RTA_OIF, nh->ifindex);
}

size_t nl_route_request(const struct kernel *k, const struct kernel_op *op, uint32_t nexthop_id,
                        void *buf, uint32_t seq)
{
        const struct kernel_route *r = &op->route;
        struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
        struct rtmsg *rtm;

        nlh->nlmsg_type = op->del ? RTM_DELROUTE : RTM_NEWROUTE;
        nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
        if (!op->del)
                nlh->nlmsg_flags |= NLM_F_CREATE | NLM_F_REPLACE;
        nlh->nlmsg_seq = seq;
        rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
        rtm->rtm_family = (uint8_t)nl_family(r->prefix.afi);
        rtm->rtm_dst_len = r->prefix.len;
        rtm->rtm_table = rtm_table(k->table);
        rtm->rtm_protocol = k->protocol;
        if (r->prefix.len > 0)
                mnl_attr_put(nlh, RTA_DST, kernel_afi_len(r->prefix.afi), r->prefix.addr);
        mnl_attr_put_u32(nlh, RTA_TABLE, k->table);
        if (r->metric != 0)
                mnl_attr_put_u32(nlh, RTA_PRIORITY, r->metric);
        if (op->del) {
                /* "Any scope, any type": iproute2's `ip route del` sends the same. */
                rtm->rtm_scope = RT_SCOPE_NOWHERE;
                rtm->rtm_type = RTN_UNSPEC;
                return nlh->nlmsg_len;
        }
        rtm->rtm_scope = RT_SCOPE_UNIVERSE;
        switch (r->type) {
        case KERNEL_ROUTE_BLACKHOLE:
                rtm->rtm_type = RTN_BLACKHOLE;
                break;
        case KERNEL_ROUTE_REJECT:
                /* "unreachable": drops and answers ICMP unreachable, as BSD's RTF_REJECT. */
                rtm->rtm_type = RTN_UNREACHABLE;
                break;
        case KERNEL_ROUTE_UNICAST:
        default:
                rtm->rtm_type = RTN_UNICAST;
                if (nexthop_id != 0)
                        mnl_attr_put_u32(nlh, RTA_NH_ID, nexthop_id);
                else
                        put_nexthop(nlh, rtm, &r->prefix, &r->nexthop);
                break;
        }
        return nlh->nlmsg_len;
}

int nl_route_attr(const struct nlattr *attr, void *data)
{
        const struct nlattr **tb = data;
        uint16_t type = mnl_attr_get_type(attr);

        /* Attributes newer than our headers, or malformed ones, are left out. */
        if (mnl_attr_type_valid(attr, RTA_MAX) < 0)
                return MNL_CB_OK;
        switch (type) {
        case RTA_TABLE:
        case RTA_OIF:
        case RTA_PRIORITY:
                if (mnl_attr_validate(attr, MNL_TYPE_U32) < 0)
                        return MNL_CB_OK;
                break;
        default:
                break;
        }
        tb[type] = attr;
        return MNL_CB_OK;
}

static void parse_nexthop(const struct nlattr *const *tb, uint16_t afi, struct kernel_nexthop *nh)
{
        const struct nlattr *gw = tb[RTA_GATEWAY], *via = tb[RTA_VIA];
        sa_family_t family;

        if (gw != NULL && mnl_attr_get_payload_len(gw) == kernel_afi_len(afi)) {
                nh->afi = afi;
                memcpy(nh->addr, mnl_attr_get_payload(gw), kernel_afi_len(afi));
        } else if (via != NULL && mnl_attr_get_payload_len(via) == sizeof(family) + 16) {
                memcpy(&family, mnl_attr_get_payload(via), sizeof(family));
                if (family == AF_INET6) {
                        nh->afi = BGP_AFI_IPV6;
                        memcpy(nh->addr,
                               (const uint8_t *)mnl_attr_get_payload(via) + sizeof(family), 16);
                }
        }
        if (tb[RTA_OIF] != NULL)
                nh->ifindex = mnl_attr_get_u32(tb[RTA_OIF]);
}

/* Fills r from an RTM_NEWROUTE if it is one of ours (protocol and table); else false. */
static bool parse_route(const struct kernel *k, const struct nlmsghdr *nlh, struct kernel_route *r)
{
        const struct nlattr *tb[RTA_MAX + 1];
        const struct rtmsg *rtm;
        uint16_t afi;
        size_t alen;

        if (nlh->nlmsg_type != RTM_NEWROUTE || mnl_nlmsg_get_payload_len(nlh) < sizeof(*rtm))
                return false;
        rtm = mnl_nlmsg_get_payload(nlh);
        afi = nl_afi(rtm->rtm_family);
        alen = kernel_afi_len(afi);
        /* Cached clones (RTM_F_CLONED) are the kernel's, not routes anyone installed. */
        if (alen == 0 || rtm->rtm_protocol != k->protocol || (rtm->rtm_flags & RTM_F_CLONED) ||
            rtm->rtm_dst_len > alen * 8)
                return false;
        memset(tb, 0, sizeof(tb));
        if (mnl_attr_parse(nlh, sizeof(*rtm), nl_route_attr, tb) < 0)
                return false;
        if ((tb[RTA_TABLE] ? mnl_attr_get_u32(tb[RTA_TABLE]) : rtm->rtm_table) != k->table)
                return false;
        memset(r, 0, sizeof(*r));
        r->prefix.afi = afi;
        r->prefix.len = rtm->rtm_dst_len;
        if (tb[RTA_DST] != NULL) {
                if (mnl_attr_get_payload_len(tb[RTA_DST]) != alen)
                        return false;
                memcpy(r->prefix.addr, mnl_attr_get_payload(tb[RTA_DST]), alen);
        }
        if (tb[RTA_PRIORITY] != NULL)
                r->metric = mnl_attr_get_u32(tb[RTA_PRIORITY]);
        switch (rtm->rtm_type) {
        case RTN_UNICAST:
                r->type = KERNEL_ROUTE_UNICAST;
                parse_nexthop(tb, afi, &r->nexthop);
                return true;
        case RTN_BLACKHOLE:
                r->type = KERNEL_ROUTE_BLACKHOLE;
                return true;
        case RTN_UNREACHABLE:
        case RTN_PROHIBIT:
                r->type = KERNEL_ROUTE_REJECT;
                return true;
        default:
                return false;
        }
}

struct walk {
        const struct kernel *k;
        kernel_route_fn *fn;
        void *arg;
        bool stopped;
        int sys_errno;
};

static int walk_route(void *arg, const struct nlmsghdr *nlh)
{
        struct walk *w = arg;
        struct kernel_route r;

        if (!parse_route(w->k, nlh, &r))
                return 0;
        w->stopped = w->fn(w->arg, &r) != 0;
        return w->stopped;
}

static void walk_end(void *arg, uint32_t i, int sys_errno, const char *why)
{
        struct walk *w = arg;

        (void)i, (void)why;
        /* A strict dump of a table the family has no routes in says ENOENT: nothing there. */
        if (sys_errno != ENOENT)
                w->sys_errno = sys_errno;
}

/* Dumps one family's routes, asking the kernel to filter by table and protocol. */
static int walk_family(struct kernel *k, struct walk *w, uint16_t afi, bool *interrupted)
{
        struct nl_exchange x = {.n = 1, .data = walk_route, .answer = walk_end, .arg = w};
        struct nlmsghdr *nlh = mnl_nlmsg_put_header(k->sendbuf);
        struct rtmsg *rtm;
        int rc;

        x.seq = nl_seq(k, 1);
        nlh->nlmsg_type = RTM_GETROUTE;
        nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
        nlh->nlmsg_seq = x.seq;
        rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
        rtm->rtm_family = (uint8_t)nl_family(afi);
        rtm->rtm_table = rtm_table(k->table);
        rtm->rtm_protocol = k->protocol;
        mnl_attr_put_u32(nlh, RTA_TABLE, k->table);
        rc = nl_send_recv(k, k->sendbuf, nlh->nlmsg_len, &x);
        if (rc < 0)
                return rc;
        if (w->sys_errno != 0) {
                errno = w->sys_errno;
                return KERNEL_ERR_SYSTEM;
        }
        *interrupted |= x.interrupted;
        return KERNEL_OK;
}

int kernel_routes(struct kernel *k, uint16_t afi, kernel_route_fn *fn, void *arg)
{
        static const uint16_t afis[] = {BGP_AFI_IPV6, BGP_AFI_IPV4};
        struct walk w = {.k = k, .fn = fn, .arg = arg};
        bool interrupted = false;

        if (afi != 0 && kernel_afi_len(afi) == 0)
                return KERNEL_ERR_INVALID;
        for (size_t i = 0; i < sizeof(afis) / sizeof(afis[0]) && !w.stopped; i++) {
                int rc;

                if (afi != 0 && afi != afis[i])
                        continue;
                rc = walk_family(k, &w, afis[i], &interrupted);
                if (rc < 0)
                        return rc;
        }
        if (interrupted && !w.stopped) {
                /* The caller saw every route, some of them perhaps twice or stale. */
                errno = EINTR;
                return KERNEL_ERR_SYSTEM;
        }
        return KERNEL_OK;
}
