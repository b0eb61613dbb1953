/*
 * route_bsd.c - the FreeBSD backend: route(4), the PF_ROUTE socket.
 *
 * UNTESTED: this file is compiled only on FreeBSD (see CMakeLists.txt) and has never
 * been built or run by this project, whose CI is Linux.  It is written to FreeBSD 13 and
 * 14's route(4) and kept small so it can be checked by reading.  Treat the first build
 * on FreeBSD as its first review.
 *
 * How it differs from the Linux backend, and why:
 *  - route(4) has no protocol number, so our routes carry the RTF_PROTO1 flag instead
 *    (OpenBGPD marks its routes the same way); the protocol given to kernel_open() is
 *    only kept for kernel_protocol().
 *  - The table is a FIB number, chosen for the socket with SO_SETFIB.
 *  - There are no batches in the kernel: one write() per operation, which returns the
 *    kernel's verdict on that route directly.  Our socket turns SO_USELOOPBACK off so
 *    the kernel does not also echo every message back to us.
 *  - A replace is RTM_ADD, then RTM_CHANGE if the prefix already has a route (EEXIST).
 *  - A delete cannot be restricted to RTF_PROTO1 routes (route(4) matches on the prefix
 *    alone); we delete only prefixes we installed, which replaced whatever was there.
 *  - Blackhole and reject routes point at the loopback address, as route(8) makes them.
 *  - kernel_if_addresses() reports no TENTATIVE/DEPRECATED flags (getifaddrs() lacks them).
 *  - No kernel_watch_fd() yet: RTM_IFINFO/RTM_NEWADDR/RTM_DELADDR on a second route
 *    socket would give it.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/sysctl.h>
#include <sys/time.h>

#include <net/if.h>
#include <net/if_dl.h>
#include <net/route.h>
#include <netinet/in.h>

#include <errno.h>
#include <ifaddrs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kernel_int.h"

struct kernel {
        int fd;
        uint32_t table;
        uint8_t protocol;
        int seq;
        struct kernel_batch batch;
};

/* One routing message with room for its sockaddrs (at most four of ours). */
union rtbuf {
        struct rt_msghdr hdr;
        uint8_t bytes[sizeof(struct rt_msghdr) + 4 * sizeof(struct sockaddr_storage)];
};

/* Each sockaddr in a routing message is padded to a multiple of sizeof(long) (SA_SIZE). */
static size_t sa_size(uint8_t sa_len)
{
        return sa_len == 0 ? sizeof(long) : 1 + ((sa_len - 1u) | (sizeof(long) - 1));
}

struct kernel_batch *kernel_batch_of(struct kernel *k)
{
        return &k->batch;
}

uint32_t kernel_table(const struct kernel *k)
{
        return k->table;
}

uint8_t kernel_protocol(const struct kernel *k)
{
        return k->protocol;
}

/* A socket for table k->table; loopback off unless we need the kernel's replies. */
static int rt_socket(const struct kernel *k, bool replies)
{
        const int off = 0, fib = (int)k->table;
        struct timeval tv = {.tv_sec = 5};
        int fd = socket(PF_ROUTE, SOCK_RAW, AF_UNSPEC);

        if (fd == -1)
                return -1;
        if (setsockopt(fd, SOL_SOCKET, SO_SETFIB, &fib, sizeof(fib)) == -1 ||
            (!replies && setsockopt(fd, SOL_SOCKET, SO_USELOOPBACK, &off, sizeof(off)) == -1) ||
            (replies && setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == -1)) {
                int saved = errno;

                close(fd);
                errno = saved;
                return -1;
        }
        return fd;
}

int kernel_open(struct kernel **kp, uint32_t table, uint8_t protocol, char *errbuf, size_t errlen)
{
        struct kernel *k;

        *kp = NULL;
        if (table > INT32_MAX)
                return KERNEL_ERR_INVALID;
        k = calloc(1, sizeof(*k));
        if (k == NULL)
                return KERNEL_ERR_NOMEM;
        k->table = table;
        k->protocol = protocol;
        k->fd = rt_socket(k, false);
        if (k->fd == -1) {
                int saved = errno;

                if (errbuf != NULL && errlen > 0)
                        snprintf(errbuf, errlen, "route socket (fib %u): %s", (unsigned)table,
                                 strerror(saved));
                free(k);
                errno = saved;
                return KERNEL_ERR_SYSTEM;
        }
        *kp = k;
        return KERNEL_OK;
}

void kernel_close(struct kernel *k)
{
        if (k == NULL)
                return;
        close(k->fd);
        kernel_batch_free(&k->batch);
        free(k);
}

/* ---- sockaddrs ------------------------------------------------------------------------ */

static void to_sa(struct sockaddr_storage *ss, uint16_t afi, const uint8_t *addr, uint32_t scope)
{
        memset(ss, 0, sizeof(*ss));
        if (afi == BGP_AFI_IPV4) {
                struct sockaddr_in *sin = (struct sockaddr_in *)ss;

                sin->sin_len = sizeof(*sin);
                sin->sin_family = AF_INET;
                memcpy(&sin->sin_addr, addr, 4);
        } else {
                struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

                sin6->sin6_len = sizeof(*sin6);
                sin6->sin6_family = AF_INET6;
                memcpy(&sin6->sin6_addr, addr, 16);
                sin6->sin6_scope_id = scope; /* the link of a link-local address */
        }
}

static void to_mask(struct sockaddr_storage *ss, uint16_t afi, uint8_t len)
{
        uint8_t bits[16] = {0};

        for (unsigned i = 0; i < len; i++)
                bits[i / 8] |= (uint8_t)(0x80u >> (i % 8));
        to_sa(ss, afi, bits, 0);
}

static void to_link(struct sockaddr_storage *ss, uint32_t ifindex)
{
        struct sockaddr_dl *sdl = (struct sockaddr_dl *)ss;

        memset(ss, 0, sizeof(*ss));
        sdl->sdl_len = sizeof(*sdl);
        sdl->sdl_family = AF_LINK;
        sdl->sdl_index = (u_short)ifindex;
}

/* Appends ss to the message, padded as route(4) wants. */
static void put_sa(union rtbuf *m, const struct sockaddr_storage *ss)
{
        memcpy(m->bytes + m->hdr.rtm_msglen, ss, ss->ss_len);
        m->hdr.rtm_msglen += (u_short)sa_size(ss->ss_len);
}

/* The address (4 or 16 octets) inside a sockaddr of family afi, or NULL. */
static const uint8_t *sa_addr(const struct sockaddr *sa, uint16_t afi)
{
        if (afi == BGP_AFI_IPV4 && sa->sa_family == AF_INET &&
            sa->sa_len >= sizeof(struct sockaddr_in))
                return (const uint8_t *)&((const struct sockaddr_in *)sa)->sin_addr;
        if (afi == BGP_AFI_IPV6 && sa->sa_family == AF_INET6 &&
            sa->sa_len >= sizeof(struct sockaddr_in6))
                return (const uint8_t *)&((const struct sockaddr_in6 *)sa)->sin6_addr;
        return NULL;
}

/* A netmask's length; its sockaddr may be cut short after the last nonzero octet. */
static uint8_t mask_len(const struct sockaddr *sa, uint16_t afi)
{
        size_t off = afi == BGP_AFI_IPV4 ? offsetof(struct sockaddr_in, sin_addr)
                                         : offsetof(struct sockaddr_in6, sin6_addr);
        size_t alen = kernel_afi_len(afi);
        const uint8_t *p = (const uint8_t *)sa;
        uint8_t len = 0;

        for (size_t i = 0; i < alen && off + i < sa->sa_len; i++)
                for (uint8_t bit = 0x80; bit != 0 && (p[off + i] & bit); bit >>= 1)
                        len++;
        return len;
}

/* Splits the sockaddrs after a message header into sas[RTAX_*]. */
static void split_addrs(const struct rt_msghdr *rtm, const struct sockaddr *sas[RTAX_MAX])
{
        const uint8_t *p = (const uint8_t *)(rtm + 1);
        const uint8_t *end = (const uint8_t *)rtm + rtm->rtm_msglen;

        for (int i = 0; i < RTAX_MAX; i++) {
                const struct sockaddr *sa = (const struct sockaddr *)p;

                sas[i] = NULL;
                if (!(rtm->rtm_addrs & (1 << i)))
                        continue;
                if (p >= end || (size_t)(end - p) < sa_size(sa->sa_len))
                        return;
                sas[i] = sa;
                p += sa_size(sa->sa_len);
        }
}

/* ---- writing routes ------------------------------------------------------------------- */

static void build(struct kernel *k, union rtbuf *m, int type, const struct kernel_route *r)
{
        static const uint8_t lo4[4] = {127, 0, 0, 1}, lo6[16] = {[15] = 1};
        const struct bgp_prefix *pfx = &r->prefix;
        const struct kernel_nexthop *nh = &r->nexthop;
        struct sockaddr_storage ss;
        bool host = pfx->len == kernel_afi_len(pfx->afi) * 8;

        memset(m, 0, sizeof(*m));
        m->hdr.rtm_msglen = sizeof(m->hdr);
        m->hdr.rtm_version = RTM_VERSION;
        m->hdr.rtm_type = (u_char)type;
        m->hdr.rtm_seq = ++k->seq;
        m->hdr.rtm_flags = RTF_UP | RTF_PROTO1 | (host ? RTF_HOST : 0);
        m->hdr.rtm_addrs = RTA_DST | (host ? 0 : RTA_NETMASK);

        /* Sockaddrs go in the order of their RTA_* bits: DST, GATEWAY, NETMASK. */
        to_sa(&ss, pfx->afi, pfx->addr, 0);
        put_sa(m, &ss);
        if (type != RTM_DELETE) {
                m->hdr.rtm_addrs |= RTA_GATEWAY;
                if (r->type == KERNEL_ROUTE_BLACKHOLE || r->type == KERNEL_ROUTE_REJECT) {
                        m->hdr.rtm_flags |=
                            r->type == KERNEL_ROUTE_BLACKHOLE ? RTF_BLACKHOLE : RTF_REJECT;
                        to_sa(&ss, pfx->afi, pfx->afi == BGP_AFI_IPV4 ? lo4 : lo6, 0);
                } else if (nh->afi != 0) {
                        m->hdr.rtm_flags |= RTF_GATEWAY;
                        to_sa(&ss, nh->afi, nh->addr, nh->ifindex);
                } else {
                        to_link(&ss, nh->ifindex); /* on the link: no gateway */
                }
                put_sa(m, &ss);
        }
        if (!host) {
                to_mask(&ss, pfx->afi, pfx->len);
                put_sa(m, &ss);
        }
}

/* Sends one message; returns 0 or the errno the kernel answered with. */
static int rt_write(struct kernel *k, int type, const struct kernel_route *r)
{
        union rtbuf m;

        build(k, &m, type, r);
        if (write(k->fd, &m, m.hdr.rtm_msglen) == -1)
                return errno;
        return 0;
}

int kernel_send_ops(struct kernel *k, const struct kernel_op *ops, size_t n, kernel_result_fn *fn,
                    void *arg)
{
        int failures = 0;

        for (size_t i = 0; i < n; i++) {
                const struct kernel_op *op = &ops[i];
                int err;

                if (op->del) {
                        err = rt_write(k, RTM_DELETE, &op->route);
                } else {
                        err = rt_write(k, RTM_ADD, &op->route);
                        if (err == EEXIST)
                                err = rt_write(k, RTM_CHANGE, &op->route);
                }
                if (err != 0) {
                        failures++;
                        if (fn != NULL)
                                fn(arg, &op->route, op->del, err, NULL);
                }
        }
        return failures;
}

/* ---- reading routes ------------------------------------------------------------------- */

/* Fills r from a dumped or answered message; false if it is not a usable route. */
static bool parse_route(const struct rt_msghdr *rtm, uint16_t afi, struct kernel_route *r)
{
        const struct sockaddr *sas[RTAX_MAX];
        const uint8_t *dst, *gw;
        size_t alen = kernel_afi_len(afi);

        split_addrs(rtm, sas);
        if (sas[RTAX_DST] == NULL || (dst = sa_addr(sas[RTAX_DST], afi)) == NULL)
                return false;
        memset(r, 0, sizeof(*r));
        r->prefix.afi = afi;
        memcpy(r->prefix.addr, dst, alen);
        if (rtm->rtm_flags & RTF_HOST)
                r->prefix.len = (uint8_t)(alen * 8);
        else if (sas[RTAX_NETMASK] != NULL)
                r->prefix.len = mask_len(sas[RTAX_NETMASK], afi);
        if (rtm->rtm_flags & RTF_BLACKHOLE) {
                r->type = KERNEL_ROUTE_BLACKHOLE;
                return true;
        }
        if (rtm->rtm_flags & RTF_REJECT) {
                r->type = KERNEL_ROUTE_REJECT;
                return true;
        }
        r->type = KERNEL_ROUTE_UNICAST;
        r->nexthop.ifindex = rtm->rtm_index;
        if (sas[RTAX_GATEWAY] == NULL || !(rtm->rtm_flags & RTF_GATEWAY))
                return true;
        if ((gw = sa_addr(sas[RTAX_GATEWAY], BGP_AFI_IPV4)) != NULL) {
                r->nexthop.afi = BGP_AFI_IPV4;
                memcpy(r->nexthop.addr, gw, 4);
        } else if ((gw = sa_addr(sas[RTAX_GATEWAY], BGP_AFI_IPV6)) != NULL) {
                r->nexthop.afi = BGP_AFI_IPV6;
                memcpy(r->nexthop.addr, gw, 16);
                /* An embedded KAME scope (fe80:IDX::) is the link, not part of the address. */
                if (gw[0] == 0xfe && (gw[1] & 0xc0) == 0x80)
                        r->nexthop.addr[2] = r->nexthop.addr[3] = 0;
        }
        return true;
}

/* Dumps table k->table of one family (sysctl NET_RT_DUMP) into a malloc'd buffer. */
static int dump(const struct kernel *k, uint16_t afi, uint8_t **buf, size_t *len)
{
        int mib[7] = {
            CTL_NET, PF_ROUTE,     0, afi == BGP_AFI_IPV4 ? AF_INET : AF_INET6, NET_RT_DUMP,
            0,       (int)k->table};

        /* The table may grow between sizing and reading it (ENOMEM): try again. */
        for (int tries = 0; tries < 4; tries++) {
                if (sysctl(mib, 7, NULL, len, NULL, 0) == -1)
                        return KERNEL_ERR_SYSTEM;
                *len += *len / 8 + 4096;
                *buf = malloc(*len);
                if (*buf == NULL)
                        return KERNEL_ERR_NOMEM;
                if (sysctl(mib, 7, *buf, len, NULL, 0) == 0)
                        return KERNEL_OK;
                free(*buf);
                *buf = NULL;
                if (errno != ENOMEM)
                        return KERNEL_ERR_SYSTEM;
        }
        return KERNEL_ERR_SYSTEM;
}

int kernel_routes(struct kernel *k, uint16_t afi, kernel_route_fn *fn, void *arg)
{
        static const uint16_t afis[] = {BGP_AFI_IPV6, BGP_AFI_IPV4};

        if (afi != 0 && kernel_afi_len(afi) == 0)
                return KERNEL_ERR_INVALID;
        for (size_t i = 0; i < sizeof(afis) / sizeof(afis[0]); i++) {
                uint8_t *buf = NULL;
                size_t len = 0, off;
                bool stop = false;
                int rc;

                if (afi != 0 && afi != afis[i])
                        continue;
                rc = dump(k, afis[i], &buf, &len);
                if (rc < 0)
                        return rc;
                for (off = 0; !stop && off + sizeof(struct rt_msghdr) <= len;) {
                        const struct rt_msghdr *rtm = (const struct rt_msghdr *)(buf + off);
                        struct kernel_route r;

                        if (rtm->rtm_msglen < sizeof(*rtm) || rtm->rtm_msglen > len - off)
                                break;
                        if (rtm->rtm_version == RTM_VERSION && (rtm->rtm_flags & RTF_PROTO1) &&
                            parse_route(rtm, afis[i], &r))
                                stop = fn(arg, &r) != 0;
                        off += rtm->rtm_msglen;
                }
                free(buf);
                if (stop)
                        break;
        }
        return KERNEL_OK;
}

/* ---- interfaces and next hops --------------------------------------------------------- */

int kernel_if_addresses(struct kernel *k, const char *ifname, uint16_t afi, struct kernel_addr *out,
                        size_t n)
{
        struct ifaddrs *ifap, *ifa;
        size_t count = 0;

        (void)k;
        if (ifname == NULL || (afi != 0 && kernel_afi_len(afi) == 0))
                return KERNEL_ERR_INVALID;
        if (if_nametoindex(ifname) == 0)
                return KERNEL_ERR_NOTFOUND;
        if (getifaddrs(&ifap) == -1)
                return KERNEL_ERR_SYSTEM;
        for (ifa = ifap; ifa != NULL; ifa = ifa->ifa_next) {
                uint16_t fam;
                const uint8_t *addr;

                if (ifa->ifa_addr == NULL || strcmp(ifa->ifa_name, ifname) != 0)
                        continue;
                fam = ifa->ifa_addr->sa_family == AF_INET    ? BGP_AFI_IPV4
                      : ifa->ifa_addr->sa_family == AF_INET6 ? BGP_AFI_IPV6
                                                             : 0;
                if (fam == 0 || (afi != 0 && afi != fam) ||
                    (addr = sa_addr(ifa->ifa_addr, fam)) == NULL)
                        continue;
                if (count < n) {
                        struct kernel_addr *a = &out[count];

                        memset(a, 0, sizeof(*a));
                        a->afi = fam;
                        memcpy(a->addr, addr, kernel_afi_len(fam));
                        if (ifa->ifa_netmask != NULL)
                                a->plen = mask_len(ifa->ifa_netmask, fam);
                        if ((fam == BGP_AFI_IPV6 && addr[0] == 0xfe && (addr[1] & 0xc0) == 0x80) ||
                            (fam == BGP_AFI_IPV4 && addr[0] == 169 && addr[1] == 254))
                                a->flags |= KERNEL_ADDR_LINKLOCAL;
                }
                count++;
        }
        freeifaddrs(ifap);
        return count > INT32_MAX ? INT32_MAX : (int)count;
}

/*
 * RTM_GET on a socket of its own: with SO_USELOOPBACK off, our main socket would never
 * see the answer.  Messages of other processes may arrive first and are skipped.
 */
int kernel_resolve_nexthop(struct kernel *k, const struct kernel_nexthop *nh,
                           struct kernel_resolved *out)
{
        union rtbuf m;
        struct sockaddr_storage ss;
        pid_t pid = getpid();
        int fd, seq, rc = KERNEL_ERR_SYSTEM;

        if (kernel_afi_len(nh->afi) == 0)
                return KERNEL_ERR_INVALID;
        memset(out, 0, sizeof(*out));
        memset(&m, 0, sizeof(m));
        seq = ++k->seq;
        m.hdr.rtm_msglen = sizeof(m.hdr);
        m.hdr.rtm_version = RTM_VERSION;
        m.hdr.rtm_type = RTM_GET;
        m.hdr.rtm_seq = seq;
        m.hdr.rtm_addrs = RTA_DST;
        to_sa(&ss, nh->afi, nh->addr, nh->ifindex);
        put_sa(&m, &ss);
        fd = rt_socket(k, true);
        if (fd == -1)
                return KERNEL_ERR_SYSTEM;
        if (write(fd, &m, m.hdr.rtm_msglen) == -1) {
                rc = errno == ESRCH ? KERNEL_ERR_NOTFOUND : KERNEL_ERR_SYSTEM;
                goto done;
        }
        for (;;) {
                ssize_t got = read(fd, &m, sizeof(m));

                if (got == -1 && errno == EINTR)
                        continue;
                if (got < (ssize_t)sizeof(m.hdr))
                        goto done; /* EAGAIN after SO_RCVTIMEO: no answer */
                if (m.hdr.rtm_type == RTM_GET && m.hdr.rtm_pid == pid && m.hdr.rtm_seq == seq)
                        break;
        }
        if (m.hdr.rtm_errno != 0 || (m.hdr.rtm_flags & (RTF_BLACKHOLE | RTF_REJECT)) ||
            m.hdr.rtm_index == 0) {
                rc = KERNEL_ERR_NOTFOUND;
                goto done;
        }
        out->ifindex = m.hdr.rtm_index;
        out->connected = !(m.hdr.rtm_flags & RTF_GATEWAY);
        out->protocol = (m.hdr.rtm_flags & RTF_PROTO1) ? k->protocol : 0;
        rc = KERNEL_OK;
done:
        close(fd);
        return rc;
}

int kernel_watch_fd(struct kernel *k)
{
        (void)k;
        return KERNEL_ERR_UNSUPPORTED;
}

int kernel_watch_read(struct kernel *k, kernel_event_fn *fn, void *arg)
{
        (void)k, (void)fn, (void)arg;
        return KERNEL_ERR_UNSUPPORTED;
}

/* route(4) routes carry their gateway: nothing else of ours to remove. */
int kernel_flush_backend(struct kernel *k)
{
        (void)k;
        return KERNEL_OK;
}
