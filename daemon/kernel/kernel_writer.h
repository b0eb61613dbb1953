/*
 * kernel_writer.h - route writes on a thread of their own, folded per prefix.
 *
 * DOC: why a thread.  The kernel inserts a route inside the sendmsg() that carries its
 * request (Linux rtnetlink; FreeBSD's route(4) alike), so a daemon that writes its routes
 * from its event loop reads no UPDATE while the kernel works, and a full-table load goes
 * at the pace of the kernel's IPv6 inserts.  A writer owns a handle of its own on one
 * table and a thread that writes what the loop queues: the loop goes on decoding and
 * choosing best paths on one CPU while the kernel inserts on another.
 *
 * While the thread writes one lot, the next one gathers, and it holds one operation per
 * prefix (kernel_queue.h): the newest.  A route that changes again before it was written
 * costs the kernel one write, not two.  While routes pour in (a large lot was just
 * written), the next lot gathers for up to 20 ms more, to fold more of them; a change
 * after a quiet moment is written at once.
 *
 * The queue is bounded (max_pending operations): when it is full, the caller waits for
 * the thread, so a kernel slower than the loop slows the loop instead of growing memory.
 *
 * Failures come back to the loop's thread: kernel_writer_fd() becomes readable and
 * kernel_writer_failures() reports them.  The delete of a route that is not there (ESRCH)
 * is not a failure: what the kernel holds is what was asked for.
 *
 * Every function but kernel_writer_open() is for the thread that opened the writer; the
 * writer's own thread only writes routes.
 */
#ifndef LBGPD_KERNEL_WRITER_H
#define LBGPD_KERNEL_WRITER_H

#include <stddef.h>
#include <stdint.h>

#include "kernel.h"

struct kernel_writer;

/* What a writer has done since it was opened. */
struct kernel_writer_stats {
        uint64_t queued;  /* operations the caller queued */
        uint64_t folded;  /* ... that took the place of one queued for the same prefix */
        uint64_t written; /* operations sent to the kernel */
        uint64_t failed;  /* ... that it refused (ESRCH on delete not counted) */
        uint64_t lots;    /* batches the thread wrote */
        uint64_t waits;   /* times the caller waited for room in the queue */
};

/*
 * Opens a handle on table with protocol (as kernel_open()) and starts the thread, with a
 * queue of at most max_pending operations (> 0).  Returns 0, KERNEL_ERR_INVALID,
 * KERNEL_ERR_NOMEM or KERNEL_ERR_SYSTEM; errbuf says why.
 */
int kernel_writer_open(struct kernel_writer **wp, uint32_t table, uint8_t protocol,
                       uint32_t max_pending, char *errbuf, size_t errlen);

/*
 * Stops the thread and frees the writer.  The lot being written goes in; what is still
 * queued does not (the caller is about to flush the table).  Routes stay in the kernel.
 */
void kernel_writer_close(struct kernel_writer *w);

/* Queue "install or replace" and "remove", checked as kernel_route_replace() and
 * kernel_route_delete() check them.  May wait while the queue is full. */
int kernel_writer_replace(struct kernel_writer *w, const struct bgp_prefix *pfx,
                          const struct kernel_nexthop *nh, enum kernel_route_type type);
int kernel_writer_delete(struct kernel_writer *w, const struct bgp_prefix *pfx);

/* Returns when everything queued before the call has been written (or refused). */
void kernel_writer_sync(struct kernel_writer *w);

/* Readable (and nonblocking) while failures wait for kernel_writer_failures(). */
int kernel_writer_fd(const struct kernel_writer *w);

/*
 * Calls fn for each failure waiting, oldest first, and forgets them.  The writer keeps
 * the first few dozen between two calls; the rest are counted only.  Returns how many
 * failures there were in all, those reported and those only counted.
 */
size_t kernel_writer_failures(struct kernel_writer *w, kernel_result_fn *fn, void *arg);

void kernel_writer_stats(struct kernel_writer *w, struct kernel_writer_stats *out);

#endif /* LBGPD_KERNEL_WRITER_H */
