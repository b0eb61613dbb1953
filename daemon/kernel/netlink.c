/*
 * netlink.c - the Linux backend's socket: opening it, and sending batches of requests
 * with one acknowledgement per chunk of them.
 *
 * A batch goes out in chunks, each one sendmsg() holding many requests, the last one
 * with NLM_F_ACK.  The kernel handles the requests of one message in order, answers each
 * one that fails (and the last), and carries on after a failure, so an unreachable next
 * hop costs one route, not the batch.  Its answers queue on our socket until we read
 * them; if they overflowed the receive buffer they would be dropped (ENOBUFS) and we could
 * not tell which routes went in, so a chunk never holds more requests than the buffer has
 * room for answers (should every one of them fail).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <linux/rtnetlink.h>

#include "netlink_int.h"

/*
 * What one answer costs in the receive buffer: the kernel charges an skb's true size.
 * Measured on Linux 6.18, 1024 bytes per answer was enough and 768 overran, for ACKs
 * and for errors with their text alike; 2048 leaves a margin for other kernels.
 */
#define ACK_TRUESIZE 2048
/* The receive buffer we ask for (as root past net.core.rmem_max: SO_RCVBUFFORCE). */
#define RCVBUF_WANT (4 * 1024 * 1024)
/* The kernel answers in microseconds; a long silence means something is broken. */
#define RECV_TIMEOUT_SEC 10

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

int nl_family(uint16_t afi)
{
        return afi == BGP_AFI_IPV4 ? AF_INET : afi == BGP_AFI_IPV6 ? AF_INET6 : AF_UNSPEC;
}

uint16_t nl_afi(int family)
{
        return family == AF_INET ? BGP_AFI_IPV4 : family == AF_INET6 ? BGP_AFI_IPV6 : 0;
}

uint32_t nl_seq(struct kernel *k, uint32_t n)
{
        uint32_t seq = k->seq;

        k->seq += n;
        return seq;
}

/* Asks for a receive buffer as large as we can get; returns the size granted. */
static int grow_rcvbuf(int fd)
{
        int want = RCVBUF_WANT, got = 0;
        socklen_t len = sizeof(got);

        if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &want, sizeof(want)) == -1)
                (void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &want, sizeof(want));
        if (getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &got, &len) == -1)
                return 0;
        return got;
}

static int fail(struct kernel *k, char *errbuf, size_t errlen, const char *what)
{
        int saved = errno;

        if (errbuf != NULL && errlen > 0)
                snprintf(errbuf, errlen, "%s: %s", what, strerror(saved));
        kernel_close(k);
        errno = saved;
        return KERNEL_ERR_SYSTEM;
}

int kernel_open(struct kernel **kp, uint32_t table, uint8_t protocol, char *errbuf, size_t errlen)
{
        int on = 1; /* not const: mnl_socket_setsockopt() takes void * */
        struct timeval tv = {.tv_sec = RECV_TIMEOUT_SEC};
        struct kernel *k;
        int fd, rcvbuf;

        *kp = NULL;
        /* Protocols up to RTPROT_STATIC mean something to the kernel or the admin. */
        if (table == RT_TABLE_UNSPEC || protocol <= RTPROT_STATIC) {
                if (errbuf != NULL && errlen > 0)
                        snprintf(errbuf, errlen, "table %u or protocol %u out of range",
                                 (unsigned)table, (unsigned)protocol);
                return KERNEL_ERR_INVALID;
        }
        k = calloc(1, sizeof(*k));
        if (k == NULL)
                return KERNEL_ERR_NOMEM;
        k->table = table;
        k->protocol = protocol;
        k->seq = 1;
        k->sendbuf = malloc(NL_CHUNK + NL_ROUTE_MAX);
        k->recvbuf = malloc(NL_RECV_SIZE);
        if (k->sendbuf == NULL || k->recvbuf == NULL) {
                kernel_close(k);
                return KERNEL_ERR_NOMEM;
        }
        k->nl = mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC);
        if (k->nl == NULL)
                return fail(k, errbuf, errlen, "netlink socket");
        if (mnl_socket_bind(k->nl, 0, MNL_SOCKET_AUTOPID) == -1)
                return fail(k, errbuf, errlen, "netlink bind");
        /*
         * Each of these is a refinement an older kernel may lack, so failure is not fatal:
         * CAP_ACK keeps an error from echoing our whole request back, EXT_ACK adds the
         * kernel's reason in words, and GET_STRICT_CHK lets a dump filter by table and
         * protocol in the kernel (we filter again on our side either way).
         */
        (void)mnl_socket_setsockopt(k->nl, NETLINK_CAP_ACK, &on, sizeof(on));
        (void)mnl_socket_setsockopt(k->nl, NETLINK_EXT_ACK, &on, sizeof(on));
        (void)mnl_socket_setsockopt(k->nl, NETLINK_GET_STRICT_CHK, &on, sizeof(on));
        fd = mnl_socket_get_fd(k->nl);
        if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == -1)
                return fail(k, errbuf, errlen, "netlink SO_RCVTIMEO");
        rcvbuf = grow_rcvbuf(fd);
        k->max_inflight = rcvbuf > 16 * ACK_TRUESIZE ? (uint32_t)rcvbuf / ACK_TRUESIZE : 16;
        k->chunk_ids = malloc(2 * (size_t)k->max_inflight * sizeof(*k->chunk_ids));
        k->chunk_retry = malloc(2 * (size_t)k->max_inflight * sizeof(*k->chunk_retry));
        if (k->chunk_ids == NULL || k->chunk_retry == NULL) {
                kernel_close(k);
                return KERNEL_ERR_NOMEM;
        }
        *kp = k;
        return KERNEL_OK;
}

void kernel_close(struct kernel *k)
{
        if (k == NULL)
                return;
        if (k->nl != NULL)
                mnl_socket_close(k->nl);
        if (k->watch != NULL)
                mnl_socket_close(k->watch);
        kernel_batch_free(&k->batch);
        free(k->sendbuf);
        free(k->recvbuf);
        free(k->chunk_ids);
        free(k->chunk_retry);
        free(k);
}

static int extack_attr(const struct nlattr *attr, void *data)
{
        const char **why = data;

        if (mnl_attr_get_type(attr) == NLMSGERR_ATTR_MSG &&
            mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) == 0)
                *why = mnl_attr_get_str(attr);
        return MNL_CB_OK;
}

/* The kernel's text for an error (NETLINK_EXT_ACK), or NULL. */
static const char *extack_msg(const struct nlmsghdr *nlh)
{
        const struct nlmsgerr *err = mnl_nlmsg_get_payload(nlh);
        size_t off = sizeof(*err);
        const char *why = NULL;

        if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
                return NULL;
        /* Without NETLINK_CAP_ACK the TLVs follow a copy of our whole request. */
        if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
                off += err->msg.nlmsg_len - sizeof(struct nlmsghdr);
        if (off >= mnl_nlmsg_get_payload_len(nlh))
                return NULL;
        (void)mnl_attr_parse(nlh, (unsigned int)off, extack_attr, &why);
        return why;
}

/* Handles one message of the answer; counts it in x->answered if it ends a request. */
static void take(struct nl_exchange *x, const struct nlmsghdr *nlh, bool *stop)
{
        uint32_t i = nlh->nlmsg_seq - x->seq;
        size_t plen = mnl_nlmsg_get_payload_len(nlh);
        int error = 0;

        /* Not ours: left on the socket by an earlier exchange that was cut short. */
        if (i >= x->n)
                return;
        if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
                x->interrupted = true;
        switch (nlh->nlmsg_type) {
        case NLMSG_ERROR:
                if (plen >= sizeof(struct nlmsgerr))
                        error = -((const struct nlmsgerr *)mnl_nlmsg_get_payload(nlh))->error;
                else
                        error = EBADMSG;
                if (x->answer != NULL)
                        x->answer(x->arg, i, error, error ? extack_msg(nlh) : NULL);
                /* The kernel answers in order: an answer to request i says that every
                 * request before it was handled too, acknowledged or not (a chunk of
                 * routes asks for one ACK, at its end, and hears of failures only). */
                x->answered = i + 1;
                break;
        case NLMSG_DONE:
                /* A dump that failed midway says so in the int after the header. */
                if (plen >= sizeof(int))
                        memcpy(&error, mnl_nlmsg_get_payload(nlh), sizeof(error));
                if (x->answer != NULL)
                        x->answer(x->arg, i, -error, NULL);
                x->answered++;
                break;
        case NLMSG_NOOP:
        case NLMSG_OVERRUN:
                break;
        default:
                if (x->data != NULL && !*stop)
                        *stop = x->data(x->arg, nlh) != 0;
                break;
        }
}

int nl_send_recv(struct kernel *k, const void *buf, size_t len, struct nl_exchange *x)
{
        bool stop = false;
        ssize_t got;

        x->answered = 0;
        x->interrupted = false;
        got = mnl_socket_sendto(k->nl, buf, len);
        if (got < 0 || (size_t)got != len) {
                if (got >= 0)
                        errno = EMSGSIZE;
                return KERNEL_ERR_SYSTEM;
        }
        while (x->answered < x->n) {
                const struct nlmsghdr *nlh = (const struct nlmsghdr *)k->recvbuf;
                int rest;

                got = mnl_socket_recvfrom(k->nl, k->recvbuf, NL_RECV_SIZE);
                if (got < 0 && errno == EINTR)
                        continue;
                if (got < 0)
                        return KERNEL_ERR_SYSTEM; /* EAGAIN: timed out; ENOBUFS: overrun */
                for (rest = (int)got; mnl_nlmsg_ok(nlh, rest); nlh = mnl_nlmsg_next(nlh, &rest))
                        take(x, nlh, &stop);
        }
        return KERNEL_OK;
}

/* A chunk of a commit: its operations, and where failures go. */
struct commit {
        const struct kernel_op *ops;
        kernel_result_fn *fn;
        void *arg;
        int failures;
        /* Per operation of the chunk, the nexthop object it named (0: its gateway); those
         * refused are tried again with their gateway (a nexthop object may be gone). */
        const uint32_t *nexthop_ids;
        struct kernel_op *retry;
        size_t n_retry;
};

static void answered(void *arg, uint32_t i, int sys_errno, const char *why)
{
        struct commit *c = arg;

        if (sys_errno == 0)
                return;
        if (c->nexthop_ids[i] != 0) {
                c->retry[c->n_retry++] = c->ops[i];
                return;
        }
        c->failures++;
        if (c->fn != NULL)
                c->fn(c->arg, &c->ops[i].route, c->ops[i].del, sys_errno, why);
}

static int send_ops(struct kernel *k, const struct kernel_op *ops, size_t n, kernel_result_fn *fn,
                    void *arg, bool nexthop_objects, uint32_t *ids, struct kernel_op *retry)
{
        struct commit c = {.fn = fn, .arg = arg, .nexthop_ids = ids, .retry = retry};
        size_t done = 0;

        while (done < n) {
                struct nl_exchange x = {.answer = answered, .arg = &c};
                size_t off = 0, cnt = 0;

                x.seq = k->seq;
                size_t last = 0;
                while (done + cnt < n && cnt < k->max_inflight && off + NL_ROUTE_MAX <= NL_CHUNK) {
                        const struct kernel_op *op = &ops[done + cnt];

                        /* May ask the kernel to make one: before this chunk is sent. */
                        ids[cnt] = nexthop_objects ? nl_nexthop_id(k, op) : 0;
                        last = off;
                        off += nl_route_request(k, op, ids[cnt], k->sendbuf + off,
                                                x.seq + (uint32_t)cnt);
                        /* Only the chunk's last request asks for an ACK: the kernel still
                         * answers every failure (netlink_rcv_skb acks on error), and a
                         * full table's 300,000 ACKs cost an skb and a copy each. */
                        struct nlmsghdr *req = (struct nlmsghdr *)(k->sendbuf + last);
                        req->nlmsg_flags = (uint16_t)(req->nlmsg_flags & ~NLM_F_ACK);
                        cnt++;
                }
                ((struct nlmsghdr *)(k->sendbuf + last))->nlmsg_flags |= NLM_F_ACK;
                /* The nexthop requests above took sequence numbers: number the chunk now. */
                x.seq = nl_seq(k, (uint32_t)cnt);
                for (size_t i = 0, o = 0; i < cnt; i++) {
                        struct nlmsghdr *req = (struct nlmsghdr *)(k->sendbuf + o);

                        req->nlmsg_seq = x.seq + (uint32_t)i;
                        o += NLMSG_ALIGN(req->nlmsg_len);
                }
                x.n = (uint32_t)cnt;
                c.ops = &ops[done];
                c.n_retry = 0;
                if (nl_send_recv(k, k->sendbuf, off, &x) < 0) {
                        int saved = errno;

                        /* We cannot know what became of the rest: report them all. */
                        for (size_t i = done + x.answered; fn != NULL && i < n; i++)
                                fn(arg, &ops[i].route, ops[i].del, saved, NULL);
                        for (size_t i = 0; fn != NULL && i < c.n_retry; i++)
                                fn(arg, &c.retry[i].route, false, saved, NULL);
                        errno = saved;
                        return KERNEL_ERR_SYSTEM;
                }
                if (c.n_retry > 0) {
                        /* A nexthop object of ours was refused: removed by someone, or its
                         * link gone.  Make them anew, and these routes with their gateway. */
                        int rc;

                        nl_nexthops_forget(k);
                        rc = send_ops(k, c.retry, c.n_retry, fn, arg, false, ids + cnt,
                                      c.retry + c.n_retry);
                        if (rc < 0)
                                return rc;
                        c.failures += rc;
                }
                done += cnt;
        }
        return c.failures;
}

int kernel_send_ops(struct kernel *k, const struct kernel_op *ops, size_t n, kernel_result_fn *fn,
                    void *arg)
{
        /* A chunk's ids and retries take the first half of each array, the retries' own
         * chunk the second. */
        return send_ops(k, ops, n, fn, arg, true, k->chunk_ids, k->chunk_retry);
}
