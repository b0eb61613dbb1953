/*
 * netlink_nexthop.c - the next hops routes share, as kernel nexthop objects (Linux 5.3+).
 *
 * Why: a route written with its own gateway makes the kernel set up a next hop for that
 * route alone (fib6_nh_init: a lookup of the gateway and per-CPU allocations under a
 * global lock).  During a full-table load that was a quarter of lbgpd's CPU, and all of
 * it on the path that sets the pace.  A full table has two or three distinct next hops, so
 * each becomes one nexthop object (`ip nexthop`), made the first time a route needs it,
 * and every route names it by id (RTA_NH_ID).  FRR's zebra does the same.
 *
 * The kernel still reports such routes with their gateway and interface
 * (net.ipv4.nexthop_compat_mode, 1 by default), so `ip route` and kernel_routes() read
 * them as before.  Our nexthop objects carry our protocol number, and kernel_flush_stale()
 * removes them after the routes.  Whatever keeps a nexthop object from being made (an old
 * kernel, an unreachable gateway) makes the route go out with its gateway as before, so
 * the kernel's answer to the route is the one it always gave.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/nexthop.h>
#include <linux/rtnetlink.h>

#include "netlink_int.h"

/* Ids to try after one is taken (by another handle, or another program). */
#define ID_TRIES 32

static bool same_nexthop(const struct kernel_nexthop *a, const struct kernel_nexthop *b)
{
        return a->afi == b->afi && a->ifindex == b->ifindex &&
               memcmp(a->addr, b->addr, kernel_afi_len(a->afi)) == 0;
}

static void answer_errno(void *arg, uint32_t i, int sys_errno, const char *why)
{
        (void)i, (void)why;
        *(int *)arg = sys_errno;
}

/* Starts a nexthop request of type with flags at buf, numbered for x (one request). */
static struct nlmsghdr *request(struct kernel *k, void *buf, uint16_t type, uint16_t flags,
                                struct nl_exchange *x, struct nhmsg **nhm)
{
        struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);

        x->n = 1;
        x->seq = nl_seq(k, 1);
        nlh->nlmsg_type = type;
        nlh->nlmsg_flags = (uint16_t)(NLM_F_REQUEST | flags);
        nlh->nlmsg_seq = x->seq;
        *nhm = mnl_nlmsg_put_extra_header(nlh, sizeof(**nhm));
        (*nhm)->nh_family = AF_UNSPEC;
        return nlh;
}

/* RTM_NEWNEXTHOP id: gateway nh on ifindex, ours.  The kernel's errno, 0 if made. */
static int make(struct kernel *k, const struct kernel_nexthop *nh, uint32_t ifindex, uint32_t id)
{
        uint64_t req[NL_ROUTE_MAX / sizeof(uint64_t)];
        int sys_errno = 0;
        struct nl_exchange x = {.answer = answer_errno, .arg = &sys_errno};
        struct nhmsg *nhm;
        struct nlmsghdr *nlh =
            request(k, req, RTM_NEWNEXTHOP, NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, &x, &nhm);

        nhm->nh_family = (uint8_t)nl_family(nh->afi);
        nhm->nh_protocol = k->protocol;
        mnl_attr_put_u32(nlh, NHA_ID, id);
        mnl_attr_put(nlh, NHA_GATEWAY, kernel_afi_len(nh->afi), nh->addr);
        mnl_attr_put_u32(nlh, NHA_OIF, ifindex);
        if (nl_send_recv(k, req, nlh->nlmsg_len, &x) < 0)
                return errno ? errno : EIO;
        return sys_errno;
}

uint32_t nl_nexthop_id(struct kernel *k, const struct kernel_op *op)
{
        const struct kernel_nexthop *nh = &op->route.nexthop;
        struct kernel_resolved res;
        uint32_t ifindex = nh->ifindex;

        if (op->del || op->route.type != KERNEL_ROUTE_UNICAST || k->nexthops_off || nh->afi == 0 ||
            nh->afi != op->route.prefix.afi)
                return 0;
        for (size_t i = 0; i < k->n_nexthops; i++)
                if (same_nexthop(&k->nexthops[i].nh, nh))
                        return k->nexthops[i].id;
        if (k->n_nexthops == NL_NEXTHOPS_MAX)
                return 0;
        /* A gateway nexthop object needs its interface: the one the kernel would use. */
        if (ifindex == 0 &&
            (kernel_resolve_nexthop(k, nh, &res) != KERNEL_OK || (ifindex = res.ifindex) == 0))
                return 0;
        if (k->nexthop_next_id == 0) {
                /* Spread over the id space by socket, so that handles rarely collide. */
                uint32_t port = mnl_socket_get_portid(k->nl);

                k->nexthop_next_id = 0x10000000u | ((port * 2654435761u) & 0x0fffff00u);
        }
        for (int tries = 0; tries < ID_TRIES; tries++) {
                uint32_t id = k->nexthop_next_id++;
                int sys_errno;

                if (id == 0)
                        continue;
                sys_errno = make(k, nh, ifindex, id);
                if (sys_errno == 0) {
                        k->nexthops[k->n_nexthops].nh = *nh;
                        k->nexthops[k->n_nexthops].id = id;
                        k->n_nexthops++;
                        return id;
                }
                if (sys_errno == EEXIST)
                        continue;
                /* A kernel without nexthop objects says so once; for good. */
                if (sys_errno == EOPNOTSUPP || sys_errno == EAFNOSUPPORT ||
                    sys_errno == EPROTONOSUPPORT)
                        k->nexthops_off = true;
                return 0;
        }
        return 0;
}

void nl_nexthops_forget(struct kernel *k)
{
        k->n_nexthops = 0;
}

/* A nexthop dump: the ids of ours. */
struct ours {
        const struct kernel *k;
        uint32_t ids[256];
        size_t n;
        int sys_errno;
};

static int id_attr(const struct nlattr *attr, void *data)
{
        if (mnl_attr_get_type(attr) == NHA_ID && mnl_attr_validate(attr, MNL_TYPE_U32) == 0)
                *(uint32_t *)data = mnl_attr_get_u32(attr);
        return MNL_CB_OK;
}

static int take_nexthop(void *arg, const struct nlmsghdr *nlh)
{
        struct ours *o = arg;
        const struct nhmsg *nhm;
        uint32_t id = 0;

        if (nlh->nlmsg_type != RTM_NEWNEXTHOP || mnl_nlmsg_get_payload_len(nlh) < sizeof(*nhm))
                return 0;
        nhm = mnl_nlmsg_get_payload(nlh);
        if (nhm->nh_protocol != o->k->protocol)
                return 0;
        (void)mnl_attr_parse(nlh, sizeof(*nhm), id_attr, &id);
        if (id != 0 && o->n < sizeof(o->ids) / sizeof(o->ids[0]))
                o->ids[o->n++] = id;
        return 0;
}

static void dump_end(void *arg, uint32_t i, int sys_errno, const char *why)
{
        (void)i, (void)why;
        ((struct ours *)arg)->sys_errno = sys_errno;
}

int nl_nexthops_flush(struct kernel *k)
{
        struct ours o = {.k = k};
        struct nl_exchange x = {.data = take_nexthop, .answer = dump_end, .arg = &o};
        uint64_t req[NL_ROUTE_MAX / sizeof(uint64_t)];
        struct nhmsg *nhm;
        struct nlmsghdr *nlh;
        int removed = 0;

        nl_nexthops_forget(k);
        nlh = request(k, req, RTM_GETNEXTHOP, NLM_F_DUMP, &x, &nhm);
        if (nl_send_recv(k, req, nlh->nlmsg_len, &x) < 0)
                return KERNEL_ERR_SYSTEM;
        /* No nexthop objects in this kernel: none of ours either. */
        if (o.sys_errno == EOPNOTSUPP || o.sys_errno == EINVAL)
                return 0;
        for (size_t i = 0; i < o.n; i++) {
                int sys_errno = 0;
                struct nl_exchange del = {.answer = answer_errno, .arg = &sys_errno};

                nlh = request(k, req, RTM_DELNEXTHOP, NLM_F_ACK, &del, &nhm);
                mnl_attr_put_u32(nlh, NHA_ID, o.ids[i]);
                if (nl_send_recv(k, req, nlh->nlmsg_len, &del) < 0)
                        return KERNEL_ERR_SYSTEM;
                removed += sys_errno == 0;
        }
        return removed;
}

int kernel_flush_backend(struct kernel *k)
{
        int rc = nl_nexthops_flush(k);

        return rc < 0 ? rc : KERNEL_OK;
}
