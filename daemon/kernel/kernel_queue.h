/*
 * kernel_queue.h - route operations waiting to be written, one per prefix.
 *
 * The kernel writer (kernel_writer.c) gathers operations here while its thread writes the
 * previous lot.  A prefix appears at most once: a later operation on a prefix already
 * queued takes the place of the earlier one, since only the newest says what the kernel
 * should hold.  During a full-table load that folds the second upstream's better path into
 * the first one's install, and the kernel inserts the route once instead of inserting and
 * then replacing it.  Operations keep the order in which their prefixes first arrived.
 */
#ifndef LBGPD_KERNEL_QUEUE_H
#define LBGPD_KERNEL_QUEUE_H

#include <stddef.h>
#include <stdint.h>

#include "kernel_int.h"

struct kernel_queue {
        struct kernel_op *ops; /* ops[0 .. n), at most cap */
        uint32_t n, cap;
        /* Open addressing over the prefixes: 0 is empty, else the op's index + 1. */
        uint32_t *slots;
        uint32_t mask;  /* slots has mask + 1 entries, a power of two >= 2 * cap */
        bool unindexed; /* sorted: slots already cleared, ops no longer where they say */
};

enum kernel_queue_put {
        KERNEL_QUEUE_ADDED,  /* a prefix not queued before */
        KERNEL_QUEUE_FOLDED, /* replaced the operation queued for the same prefix */
        KERNEL_QUEUE_FULL,   /* cap operations are queued and this prefix is not one of them */
};

/* An empty queue for up to cap (> 0) operations: KERNEL_OK or KERNEL_ERR_NOMEM. */
int kernel_queue_init(struct kernel_queue *q, uint32_t cap);
void kernel_queue_free(struct kernel_queue *q);

/* Queues op, or puts it in the place of the operation queued for its prefix. */
enum kernel_queue_put kernel_queue_put(struct kernel_queue *q, const struct kernel_op *op);

/*
 * Sorts the operations by prefix, for the kernel: its IPv6 table is a tree, and routes
 * inserted in address order walk the nodes the previous one just touched.  Nothing can be
 * put after this until kernel_queue_clear().
 */
void kernel_queue_sort(struct kernel_queue *q);

/* Empties the queue, keeping its memory. */
void kernel_queue_clear(struct kernel_queue *q);

#endif /* LBGPD_KERNEL_QUEUE_H */
