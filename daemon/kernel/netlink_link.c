/*
 * netlink_link.c - what the kernel knows about interfaces, addresses and next hops.
 *
 * Nothing is cached: each call asks the kernel, so the answer is as fresh as the call.
 * The daemon asks when it needs to (a session starting with `update-source IFNAME`, a
 * next hop to install), far less often than routes change.
 */
#include <errno.h>
#include <net/if.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/if_addr.h>
#include <linux/rtnetlink.h>

#include "netlink_int.h"

/* ---- addresses ------------------------------------------------------------------------ */

struct addrs {
        uint32_t ifindex;
        struct kernel_addr *out;
        size_t n, count;
        int sys_errno;
};

static int addr_attr(const struct nlattr *attr, void *data)
{
        const struct nlattr **tb = data;

        if (mnl_attr_type_valid(attr, IFA_MAX) < 0)
                return MNL_CB_OK;
        if (mnl_attr_get_type(attr) == IFA_FLAGS && mnl_attr_validate(attr, MNL_TYPE_U32) < 0)
                return MNL_CB_OK;
        tb[mnl_attr_get_type(attr)] = attr;
        return MNL_CB_OK;
}

static uint8_t addr_flags(const struct ifaddrmsg *ifa, const struct nlattr *const *tb)
{
        /* IFA_FLAGS carries all 32 bits; ifa_flags only the low 8. */
        uint32_t f = tb[IFA_FLAGS] ? mnl_attr_get_u32(tb[IFA_FLAGS]) : ifa->ifa_flags;
        uint8_t flags = 0;

        if (ifa->ifa_scope == RT_SCOPE_LINK)
                flags |= KERNEL_ADDR_LINKLOCAL;
        if (f & (IFA_F_TENTATIVE | IFA_F_DADFAILED))
                flags |= KERNEL_ADDR_TENTATIVE;
        if (f & IFA_F_DEPRECATED)
                flags |= KERNEL_ADDR_DEPRECATED;
        return flags;
}

bool nl_addr_parse(const struct nlmsghdr *nlh, struct kernel_addr *out, uint32_t *ifindex)
{
        const struct nlattr *tb[IFA_MAX + 1], *attr;
        const struct ifaddrmsg *ifa;
        uint16_t afi;
        size_t alen;

        if ((nlh->nlmsg_type != RTM_NEWADDR && nlh->nlmsg_type != RTM_DELADDR) ||
            mnl_nlmsg_get_payload_len(nlh) < sizeof(*ifa))
                return false;
        ifa = mnl_nlmsg_get_payload(nlh);
        afi = nl_afi(ifa->ifa_family);
        alen = kernel_afi_len(afi);
        if (alen == 0)
                return false;
        memset(tb, 0, sizeof(tb));
        if (mnl_attr_parse(nlh, sizeof(*ifa), addr_attr, tb) < 0)
                return false;
        /* On a point-to-point IPv4 link IFA_ADDRESS is the peer; IFA_LOCAL is ours. */
        attr = tb[IFA_LOCAL] ? tb[IFA_LOCAL] : tb[IFA_ADDRESS];
        if (attr == NULL || mnl_attr_get_payload_len(attr) != alen)
                return false;
        memset(out, 0, sizeof(*out));
        out->afi = afi;
        memcpy(out->addr, mnl_attr_get_payload(attr), alen);
        out->plen = ifa->ifa_prefixlen;
        out->flags = addr_flags(ifa, tb);
        *ifindex = ifa->ifa_index;
        return true;
}

static int take_addr(void *arg, const struct nlmsghdr *nlh)
{
        struct addrs *a = arg;
        struct kernel_addr addr;
        uint32_t ifindex;

        if (nlh->nlmsg_type != RTM_NEWADDR || !nl_addr_parse(nlh, &addr, &ifindex) ||
            ifindex != a->ifindex)
                return 0;
        if (a->count < a->n)
                a->out[a->count] = addr;
        a->count++;
        return 0;
}

static void addr_end(void *arg, uint32_t i, int sys_errno, const char *why)
{
        struct addrs *a = arg;

        (void)i, (void)why;
        a->sys_errno = sys_errno;
}

int kernel_if_addresses(struct kernel *k, const char *ifname, uint16_t afi, struct kernel_addr *out,
                        size_t n)
{
        static const uint16_t afis[] = {BGP_AFI_IPV6, BGP_AFI_IPV4};
        struct addrs a = {.out = out, .n = n};
        unsigned int ifindex;

        if (ifname == NULL || (afi != 0 && kernel_afi_len(afi) == 0))
                return KERNEL_ERR_INVALID;
        ifindex = if_nametoindex(ifname);
        if (ifindex == 0)
                return KERNEL_ERR_NOTFOUND;
        a.ifindex = ifindex;
        for (size_t i = 0; i < sizeof(afis) / sizeof(afis[0]); i++) {
                struct nl_exchange x = {.n = 1, .data = take_addr, .answer = addr_end, .arg = &a};
                struct nlmsghdr *nlh;
                struct ifaddrmsg *ifa;
                int rc;

                if (afi != 0 && afi != afis[i])
                        continue;
                x.seq = nl_seq(k, 1);
                nlh = mnl_nlmsg_put_header(k->sendbuf);
                nlh->nlmsg_type = RTM_GETADDR;
                nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
                nlh->nlmsg_seq = x.seq;
                ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
                ifa->ifa_family = (uint8_t)nl_family(afis[i]);
                ifa->ifa_index = ifindex; /* a filter where the kernel checks strictly */
                rc = nl_send_recv(k, k->sendbuf, nlh->nlmsg_len, &x);
                if (rc < 0)
                        return rc;
                if (a.sys_errno != 0) {
                        errno = a.sys_errno;
                        return KERNEL_ERR_SYSTEM;
                }
        }
        return a.count > INT32_MAX ? INT32_MAX : (int)a.count;
}

/* ---- next hops ------------------------------------------------------------------------ */

struct lookup {
        struct kernel_resolved *out;
        bool found;
        int sys_errno;
};

/* The first path of a multipath route: its interface, and whether it has a gateway. */
static void first_path(const struct nlattr *mp, struct kernel_resolved *out)
{
        const struct nlattr *tb[RTA_MAX + 1];
        const struct rtnexthop *rtnh = mnl_attr_get_payload(mp);
        uint16_t len = mnl_attr_get_payload_len(mp);

        if (len < sizeof(*rtnh) || rtnh->rtnh_len < sizeof(*rtnh) || rtnh->rtnh_len > len)
                return;
        out->ifindex = (uint32_t)rtnh->rtnh_ifindex;
        memset(tb, 0, sizeof(tb));
        /* The path's own attributes follow its struct rtnexthop (RTNH_DATA). */
        if (mnl_attr_parse_payload((const uint8_t *)rtnh + sizeof(*rtnh),
                                   rtnh->rtnh_len - sizeof(*rtnh), nl_route_attr, tb) < 0)
                return;
        out->connected = tb[RTA_GATEWAY] == NULL && tb[RTA_VIA] == NULL;
}

static int take_route(void *arg, const struct nlmsghdr *nlh)
{
        struct lookup *l = arg;
        const struct nlattr *tb[RTA_MAX + 1];
        const struct rtmsg *rtm;

        if (nlh->nlmsg_type != RTM_NEWROUTE || mnl_nlmsg_get_payload_len(nlh) < sizeof(*rtm))
                return 0;
        rtm = mnl_nlmsg_get_payload(nlh);
        /* Blackhole, reject, local: nothing a packet to a next hop could leave by. */
        if (rtm->rtm_type != RTN_UNICAST)
                return 1;
        memset(tb, 0, sizeof(tb));
        if (mnl_attr_parse(nlh, sizeof(*rtm), nl_route_attr, tb) < 0)
                return 1;
        l->out->protocol = rtm->rtm_protocol;
        l->out->connected = tb[RTA_GATEWAY] == NULL && tb[RTA_VIA] == NULL;
        if (tb[RTA_OIF] != NULL)
                l->out->ifindex = mnl_attr_get_u32(tb[RTA_OIF]);
        else if (tb[RTA_MULTIPATH] != NULL)
                first_path(tb[RTA_MULTIPATH], l->out);
        l->found = l->out->ifindex != 0;
        return 1;
}

static void lookup_end(void *arg, uint32_t i, int sys_errno, const char *why)
{
        struct lookup *l = arg;

        (void)i, (void)why;
        l->sys_errno = sys_errno;
}

int kernel_resolve_nexthop(struct kernel *k, const struct kernel_nexthop *nh,
                           struct kernel_resolved *out)
{
        struct lookup l = {.out = out};
        struct nl_exchange x = {.n = 1, .data = take_route, .answer = lookup_end, .arg = &l};
        size_t alen = kernel_afi_len(nh->afi);
        struct nlmsghdr *nlh;
        struct rtmsg *rtm;
        /* Not k->sendbuf: the writer of a chunk of routes looks up next hops while the
         * chunk is being built there (netlink_nexthop.c). */
        uint64_t req[NL_ROUTE_MAX / sizeof(uint64_t)];
        int rc;

        if (alen == 0)
                return KERNEL_ERR_INVALID;
        memset(out, 0, sizeof(*out));
        x.seq = nl_seq(k, 1);
        nlh = mnl_nlmsg_put_header(req);
        nlh->nlmsg_type = RTM_GETROUTE;
        /* A lookup answers with one route; the ACK after it ends the exchange. */
        nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
        nlh->nlmsg_seq = x.seq;
        rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
        rtm->rtm_family = (uint8_t)nl_family(nh->afi);
        rtm->rtm_dst_len = (uint8_t)(alen * 8);
        /* The matching FIB entry rather than a cache clone: it says which protocol owns it. */
        rtm->rtm_flags = RTM_F_FIB_MATCH;
        mnl_attr_put(nlh, RTA_DST, alen, nh->addr);
        if (nh->ifindex != 0)
                mnl_attr_put_u32(nlh, RTA_OIF, nh->ifindex);
        rc = nl_send_recv(k, req, nlh->nlmsg_len, &x);
        if (rc < 0)
                return rc;
        switch (l.sys_errno) {
        case 0:
                return l.found ? KERNEL_OK : KERNEL_ERR_NOTFOUND;
        /*
         * How a lookup says "no way out": no route (ENETUNREACH), an unreachable route
         * (EHOSTUNREACH), a prohibit route (EACCES), a blackhole route (EINVAL; our
         * request is well formed, so that is what it means here), no such link (ENODEV).
         */
        case ENETUNREACH:
        case EHOSTUNREACH:
        case EACCES:
        case EINVAL:
        case ENODEV:
        case ESRCH:
                return KERNEL_ERR_NOTFOUND;
        default:
                errno = l.sys_errno;
                return KERNEL_ERR_SYSTEM;
        }
}
