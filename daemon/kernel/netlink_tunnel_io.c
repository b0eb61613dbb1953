/*
 * netlink_tunnel_io.c - tunnel.h's reads and changes on lbgpd's netlink socket.
 *
 * Everything goes through the request/answer engine of netlink.c (nl_send_recv): one
 * request at a time, each answered before the next is sent, so that a refusal belongs
 * to exactly one object.  A tunnel has a dozen objects; batching buys nothing here.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/fib_rules.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>

#include "netlink_int.h"
#include "netlink_tunnel.h"

/* ---- one change ----------------------------------------------------------------------- */

static void change_answer(void *arg, uint32_t i, int sys_errno, const char *why)
{
        struct tunnel_error *err = arg;

        (void)i;
        err->sys_errno = sys_errno;
        snprintf(err->why, sizeof(err->why), "%s", why != NULL ? why : "");
}

/* Sends the request of len octets at k->sendbuf, numbered seq, and waits for its answer. */
static int send_change(struct kernel *k, size_t len, uint32_t seq, struct tunnel_error *err)
{
        struct nl_exchange x = {.seq = seq, .n = 1, .answer = change_answer, .arg = err};
        int rc;

        memset(err, 0, sizeof(*err));
        rc = nl_send_recv(k, k->sendbuf, len, &x);
        if (rc < 0) {
                err->sys_errno = errno;
                return rc;
        }
        if (err->sys_errno != 0) {
                errno = err->sys_errno;
                return KERNEL_ERR_SYSTEM;
        }
        return KERNEL_OK;
}

/*
 * A new link, then its alias: Linux ignores IFLA_IFALIAS in a request that creates
 * (netlink_tunnel_link.c).  A link whose alias cannot be set is deleted again, so that a
 * failed create leaves nothing, least of all a link of ours without our mark.
 */
static int create_link(struct kernel *k, const struct tunnel_link *l, struct tunnel_error *err)
{
        struct tunnel_link made;
        struct tunnel_error ignored;
        uint32_t seq = nl_seq(k, 1);
        int rc =
            send_change(k, nl_tunnel_link_request(k->sendbuf, seq, TUNNEL_CREATE, l), seq, err);

        if (rc != KERNEL_OK)
                return rc;
        rc = tunnel_link_get(k, l->name, &made);
        if (rc != KERNEL_OK) {
                err->sys_errno = rc == KERNEL_ERR_SYSTEM ? errno : ENODEV;
                snprintf(err->why, sizeof(err->why), "%s vanished after it was created", l->name);
                return KERNEL_ERR_SYSTEM;
        }
        seq = nl_seq(k, 1);
        rc =
            send_change(k, nl_tunnel_link_alias(k->sendbuf, seq, made.ifindex, l->alias), seq, err);
        if (rc == KERNEL_OK)
                return KERNEL_OK;
        seq = nl_seq(k, 1);
        send_change(k, nl_tunnel_link_request(k->sendbuf, seq, TUNNEL_DELETE, &made), seq,
                    &ignored);
        errno = err->sys_errno;
        return rc;
}

int tunnel_obj_change(struct kernel *k, enum tunnel_change how, const struct tunnel_obj *obj,
                      struct tunnel_error *err)
{
        uint32_t seq;
        size_t len = 0;

        memset(err, 0, sizeof(*err));
        if (obj->type == TUNNEL_OBJ_LINK && obj->u.link.kind == TUNNEL_KIND_EXTERNAL)
                return KERNEL_ERR_INVALID;
        if (obj->type == TUNNEL_OBJ_LINK && how == TUNNEL_CREATE)
                return create_link(k, &obj->u.link, err);
        seq = nl_seq(k, 1);
        switch (obj->type) {
        case TUNNEL_OBJ_LINK:
                len = nl_tunnel_link_request(k->sendbuf, seq, how, &obj->u.link);
                break;
        case TUNNEL_OBJ_ADDR:
                if (how == TUNNEL_MODIFY)
                        return KERNEL_ERR_INVALID;
                len = nl_tunnel_addr_request(k->sendbuf, seq, how, &obj->u.addr);
                break;
        case TUNNEL_OBJ_ROUTE:
                len = nl_tunnel_route_request(k->sendbuf, seq, how, &obj->u.route);
                break;
        case TUNNEL_OBJ_RULE:
                if (how == TUNNEL_MODIFY)
                        return KERNEL_ERR_INVALID;
                len = nl_tunnel_rule_request(k->sendbuf, seq, how, &obj->u.rule);
                break;
        }
        return send_change(k, len, seq, err);
}

/* ---- reads ---------------------------------------------------------------------------- */

/* The end of a read: 0, or the kernel's errno (ENOENT from a strict dump: nothing there). */
static void read_answer(void *arg, uint32_t i, int sys_errno, const char *why)
{
        int *status = arg;

        (void)i, (void)why;
        *status = sys_errno == ENOENT ? 0 : sys_errno;
}

struct link_get {
        struct tunnel_link *out;
        bool found;
};

static int take_link(void *arg, const struct nlmsghdr *nlh)
{
        struct link_get *g = arg;

        g->found = nl_tunnel_link_parse(nlh, g->out);
        return 1;
}

struct reader {
        int status;
        struct link_get link;
        uint32_t ifindex, table;
        tunnel_addr_fn *addr_fn;
        tunnel_route_fn *route_fn;
        tunnel_rule_fn *rule_fn;
        void *arg;
        bool stopped;
};

static void reader_answer(void *arg, uint32_t i, int sys_errno, const char *why)
{
        read_answer(&((struct reader *)arg)->status, i, sys_errno, why);
}

static int reader_link(void *arg, const struct nlmsghdr *nlh)
{
        return take_link(&((struct reader *)arg)->link, nlh);
}

/* Sends the request at k->sendbuf and reads to its end; errno from the kernel if it failed. */
static int exchange(struct kernel *k, size_t len, uint32_t seq, struct reader *r,
                    int (*data)(void *arg, const struct nlmsghdr *nlh))
{
        struct nl_exchange x = {
            .seq = seq, .n = 1, .data = data, .answer = reader_answer, .arg = r};
        int rc = nl_send_recv(k, k->sendbuf, len, &x);

        if (rc < 0)
                return rc;
        if (r->status != 0) {
                errno = r->status;
                return KERNEL_ERR_SYSTEM;
        }
        if (x.interrupted) {
                /* Cut by a concurrent change: the caller reads again. */
                errno = EINTR;
                return KERNEL_ERR_SYSTEM;
        }
        return KERNEL_OK;
}

int tunnel_link_get(struct kernel *k, const char *name, struct tunnel_link *out)
{
        struct reader r = {.link = {.out = out}};
        uint32_t seq = nl_seq(k, 1);
        size_t len = nl_tunnel_link_get(k->sendbuf, seq, name);
        int rc = exchange(k, len, seq, &r, reader_link);

        if (rc < 0 && errno == ENODEV)
                return KERNEL_ERR_NOTFOUND;
        if (rc < 0)
                return rc;
        return r.link.found ? KERNEL_OK : KERNEL_ERR_NOTFOUND;
}

static int take_addr(void *arg, const struct nlmsghdr *nlh)
{
        struct reader *r = arg;
        struct tunnel_addr a;

        if (r->stopped || !nl_tunnel_addr_parse(nlh, &a) || a.ifindex != r->ifindex)
                return 0;
        r->stopped = r->addr_fn(r->arg, &a) != 0;
        return r->stopped;
}

int tunnel_addrs(struct kernel *k, uint32_t ifindex, tunnel_addr_fn *fn, void *arg)
{
        struct reader r = {.ifindex = ifindex, .addr_fn = fn, .arg = arg};
        uint32_t seq = nl_seq(k, 1);
        struct nlmsghdr *nlh = mnl_nlmsg_put_header(k->sendbuf);
        struct ifaddrmsg *ifa;

        nlh->nlmsg_type = RTM_GETADDR;
        nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
        nlh->nlmsg_seq = seq;
        ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
        ifa->ifa_family = AF_INET6;
        ifa->ifa_index = ifindex; /* a filter where the kernel checks strictly */
        return exchange(k, nlh->nlmsg_len, seq, &r, take_addr);
}

static int take_route(void *arg, const struct nlmsghdr *nlh)
{
        struct reader *r = arg;
        struct tunnel_route rt;

        if (r->stopped || !nl_tunnel_route_parse(nlh, &rt) || rt.table != r->table)
                return 0;
        r->stopped = r->route_fn(r->arg, &rt) != 0;
        return r->stopped;
}

int tunnel_routes(struct kernel *k, uint32_t table, tunnel_route_fn *fn, void *arg)
{
        struct reader r = {.table = table, .route_fn = fn, .arg = arg};
        uint32_t seq = nl_seq(k, 1);
        struct nlmsghdr *nlh = mnl_nlmsg_put_header(k->sendbuf);
        struct rtmsg *rtm;

        nlh->nlmsg_type = RTM_GETROUTE;
        nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
        nlh->nlmsg_seq = seq;
        rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
        rtm->rtm_family = AF_INET6;
        rtm->rtm_table = table < 256 ? (uint8_t)table : RT_TABLE_UNSPEC;
        mnl_attr_put_u32(nlh, RTA_TABLE, table);
        return exchange(k, nlh->nlmsg_len, seq, &r, take_route);
}

static int take_rule(void *arg, const struct nlmsghdr *nlh)
{
        struct reader *r = arg;
        struct tunnel_rule rule;

        if (r->stopped || !nl_tunnel_rule_parse(nlh, &rule))
                return 0;
        r->stopped = r->rule_fn(r->arg, &rule) != 0;
        return r->stopped;
}

int tunnel_rules(struct kernel *k, tunnel_rule_fn *fn, void *arg)
{
        struct reader r = {.rule_fn = fn, .arg = arg};
        uint32_t seq = nl_seq(k, 1);
        struct nlmsghdr *nlh = mnl_nlmsg_put_header(k->sendbuf);
        struct fib_rule_hdr *frh;

        nlh->nlmsg_type = RTM_GETRULE;
        nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
        nlh->nlmsg_seq = seq;
        frh = mnl_nlmsg_put_extra_header(nlh, sizeof(*frh));
        frh->family = AF_INET6;
        return exchange(k, nlh->nlmsg_len, seq, &r, take_rule);
}
