/*
 * flush.c - removing the routes of our protocol from our table.
 *
 * The routes are listed first and deleted afterwards, as one batch: a netlink socket
 * cannot take requests while it is answering a dump.  A route that vanished between the
 * two (ESRCH) was not ours to count; any other refusal leaves a stale route behind and
 * makes the flush fail.  If the kernel says the listing was interrupted by
 * a concurrent change (EINTR), what was listed is deleted and the table listed again.
 * Then the backend removes what else of ours it keeps for the routes (nexthop objects).
 */
#include <errno.h>

#include "kernel_int.h"

/* Enough for a table that keeps changing under us; each round removes what it saw. */
#define FLUSH_ROUNDS 4

struct flush {
        struct kernel_batch list;
        int rc;
        int sys_errno; /* the first refusal other than ESRCH */
};

static int collect(void *arg, const struct kernel_route *r)
{
        struct flush *f = arg;
        struct kernel_op op = {.route = *r, .del = true};

        f->rc = kernel_batch_push(&f->list, &op);
        return f->rc != KERNEL_OK;
}

static void failed(void *arg, const struct kernel_route *r, bool deleting, int sys_errno,
                   const char *why)
{
        struct flush *f = arg;

        (void)r, (void)deleting, (void)why;
        if (sys_errno != ESRCH && f->sys_errno == 0)
                f->sys_errno = sys_errno;
}

int kernel_flush_stale(struct kernel *k)
{
        struct flush f = {.rc = KERNEL_OK};
        int removed = 0, rc = KERNEL_OK;

        for (int round = 0; round < FLUSH_ROUNDS; round++) {
                bool again;

                f.list.n = 0;
                rc = kernel_routes(k, 0, collect, &f);
                again = rc == KERNEL_ERR_SYSTEM && errno == EINTR;
                if (rc != KERNEL_OK && !again)
                        break;
                if (f.rc != KERNEL_OK) {
                        rc = f.rc;
                        break;
                }
                rc = kernel_send_ops(k, f.list.ops, f.list.n, failed, &f);
                if (rc < 0)
                        break;
                removed += (int)(f.list.n - (size_t)rc);
                rc = KERNEL_OK;
                if (!again)
                        break;
        }
        kernel_batch_free(&f.list);
        if (rc == KERNEL_OK && f.sys_errno == 0)
                rc = kernel_flush_backend(k);
        if (rc == KERNEL_OK && f.sys_errno != 0) {
                /* Some stale route is still there: that is a failure, not a count. */
                errno = f.sys_errno;
                rc = KERNEL_ERR_SYSTEM;
        }
        return rc < 0 ? rc : removed;
}
