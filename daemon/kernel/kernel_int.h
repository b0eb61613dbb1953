/*
 * kernel_int.h - what the system-independent files and the backends share.
 *
 * A backend (netlink*.c on Linux, route_bsd.c on FreeBSD) defines struct kernel, embeds
 * one struct kernel_batch in it, and implements the functions declared at the end.  The
 * batch queue, its validation and kernel_flush_stale() are written once, above them.
 */
#ifndef LBGPD_KERNEL_INT_H
#define LBGPD_KERNEL_INT_H

#include "kernel.h"

/* One queued operation. */
struct kernel_op {
        struct kernel_route route;
        bool del;
};

/* A growing list of operations; open between kernel_batch_begin() and the commit. */
struct kernel_batch {
        struct kernel_op *ops;
        size_t n, cap;
        bool open;
};

/* Appends op; KERNEL_ERR_NOMEM if the list cannot grow. */
int kernel_batch_push(struct kernel_batch *b, const struct kernel_op *op);
void kernel_batch_free(struct kernel_batch *b);

/* One checked operation, as kernel_route_replace() and kernel_route_delete() queue it:
 * KERNEL_OK, or KERNEL_ERR_INVALID for a bad prefix or next hop (op is then undefined). */
int kernel_op_replace(struct kernel_op *op, const struct bgp_prefix *pfx,
                      const struct kernel_nexthop *nh, enum kernel_route_type type);
int kernel_op_delete(struct kernel_op *op, const struct bgp_prefix *pfx);

/* The address length of a family in octets (4 or 16), or 0 for any other value. */
size_t kernel_afi_len(uint16_t afi);
/* A prefix the kernel will take: known family, length in range, host bits zero. */
bool kernel_prefix_valid(const struct bgp_prefix *pfx);

/* ---- implemented by the backend ------------------------------------------------------- */

struct kernel_batch *kernel_batch_of(struct kernel *k);

/*
 * Sends n operations and collects the kernel's answer to each, calling fn for every
 * failure.  Returns the number of failures, or KERNEL_ERR_SYSTEM if the socket failed
 * (fn has then been called with errno for every operation left unanswered).
 */
int kernel_send_ops(struct kernel *k, const struct kernel_op *ops, size_t n, kernel_result_fn *fn,
                    void *arg);

/*
 * After kernel_flush_stale() has removed our routes: removes whatever else of ours the
 * backend keeps in the kernel for them (Linux: our nexthop objects).  0 or an error.
 */
int kernel_flush_backend(struct kernel *k);

#endif /* LBGPD_KERNEL_INT_H */
