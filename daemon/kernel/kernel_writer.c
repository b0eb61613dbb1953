/*
 * kernel_writer.c - route writes on a thread of their own, folded per prefix
 * (kernel_writer.h says why).
 *
 * Two queues take turns: the caller fills `pending` while the thread writes `writing`;
 * when the thread is done it swaps them, under the one mutex.  Three conditions hang on
 * it: `work` wakes the thread, `room` a caller waiting for a full queue, `idle` a caller
 * in kernel_writer_sync().
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kernel_queue.h"
#include "kernel_writer.h"

/*
 * While routes pour in (the last lot held at least GATHER_AFTER operations), the thread
 * lets the next lot gather for up to GATHER_MS, or until half the queue is full, before it
 * writes: a load from two upstreams brings most prefixes twice, and the longer a lot
 * gathers, the more of the second paths fold into the first.  A lone change after quiet
 * is written at once.
 */
#define GATHER_AFTER 1024
#define GATHER_MS    20

/* Failures kept for the caller between two kernel_writer_failures(); more are counted. */
#define FAILURES_KEPT 64

struct failure {
        struct kernel_route route;
        bool del;
        int sys_errno;
        char why[96];
};

struct kernel_writer {
        struct kernel *k; /* the thread's own handle */
        pthread_t thread;
        pthread_mutex_t mu;
        pthread_cond_t work, room, idle;
        struct kernel_queue q[2];
        struct kernel_queue *pending, *writing;
        bool busy; /* the thread is writing `writing` */
        bool stop;
        unsigned syncing; /* callers in kernel_writer_sync(): no gathering */
        /* Under mu: failures for the caller, and the pipe that says there are some. */
        struct failure failures[FAILURES_KEPT];
        size_t n_failures, n_unkept;
        int pipe_r, pipe_w;
        struct kernel_writer_stats stats;
};

/* kernel_send_ops()'s callback, on the thread, without the mutex. */
struct lot_result {
        struct failure kept[FAILURES_KEPT];
        size_t n, unkept;
};

static void on_refused(void *arg, const struct kernel_route *r, bool deleting, int sys_errno,
                       const char *why)
{
        struct lot_result *res = arg;

        /* Gone already: the kernel holds what was asked for. */
        if (deleting && sys_errno == ESRCH)
                return;
        if (res->n == FAILURES_KEPT) {
                res->unkept++;
                return;
        }
        res->kept[res->n].route = *r;
        res->kept[res->n].del = deleting;
        res->kept[res->n].sys_errno = sys_errno;
        snprintf(res->kept[res->n].why, sizeof(res->kept[0].why), "%s", why ? why : "");
        res->n++;
}

/* Under mu: hands a lot's failures to the caller and wakes it. */
static void report(struct kernel_writer *w, const struct lot_result *res)
{
        size_t total = res->n + res->unkept;
        bool was_empty = w->n_failures == 0 && w->n_unkept == 0;

        if (total == 0)
                return;
        w->stats.failed += total;
        for (size_t i = 0; i < res->n; i++) {
                if (w->n_failures < FAILURES_KEPT)
                        w->failures[w->n_failures++] = res->kept[i];
                else
                        w->n_unkept++;
        }
        w->n_unkept += res->unkept;
        if (was_empty) {
                char one = 1;
                /* Nonblocking: a full pipe already says "look". */
                (void)!write(w->pipe_w, &one, 1);
        }
}

/* Under mu: lets pending gather (GATHER_MS) while routes pour in. */
static void gather(struct kernel_writer *w, uint32_t last_lot)
{
        struct timespec until;

        if (last_lot < GATHER_AFTER)
                return;
        clock_gettime(CLOCK_MONOTONIC, &until);
        until.tv_nsec += GATHER_MS * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
                until.tv_sec++;
                until.tv_nsec -= 1000000000L;
        }
        while (!w->stop && w->syncing == 0 && w->pending->n < w->pending->cap / 2)
                if (pthread_cond_timedwait(&w->work, &w->mu, &until) == ETIMEDOUT)
                        break;
}

static void *writer_main(void *arg)
{
        struct kernel_writer *w = arg;
        struct lot_result res; /* about 10 KiB, on the thread's own stack */
        uint32_t last_lot = 0;

        pthread_mutex_lock(&w->mu);
        for (;;) {
                while (w->pending->n == 0 && !w->stop)
                        pthread_cond_wait(&w->work, &w->mu);
                gather(w, last_lot);
                if (w->stop)
                        break;
                struct kernel_queue *lot = w->pending;
                w->pending = w->writing;
                w->writing = lot;
                w->busy = true;
                last_lot = lot->n;
                w->stats.lots++;
                w->stats.written += lot->n;
                pthread_cond_broadcast(&w->room);
                pthread_mutex_unlock(&w->mu);

                res.n = res.unkept = 0;
                kernel_queue_sort(lot);
                /* Each operation was checked when it was queued. */
                (void)kernel_send_ops(w->k, lot->ops, lot->n, on_refused, &res);
                kernel_queue_clear(lot);

                pthread_mutex_lock(&w->mu);
                report(w, &res);
                w->busy = false;
                if (w->pending->n == 0)
                        pthread_cond_broadcast(&w->idle);
        }
        w->busy = false;
        pthread_cond_broadcast(&w->idle);
        pthread_mutex_unlock(&w->mu);
        return NULL;
}

static void writer_free(struct kernel_writer *w)
{
        kernel_queue_free(&w->q[0]);
        kernel_queue_free(&w->q[1]);
        if (w->pipe_r >= 0)
                close(w->pipe_r);
        if (w->pipe_w >= 0)
                close(w->pipe_w);
        kernel_close(w->k);
        free(w);
}

int kernel_writer_open(struct kernel_writer **wp, uint32_t table, uint8_t protocol,
                       uint32_t max_pending, char *errbuf, size_t errlen)
{
        struct kernel_writer *w;
        int fds[2], rc;
        sigset_t all, old;

        *wp = NULL;
        if (max_pending == 0)
                return KERNEL_ERR_INVALID;
        w = calloc(1, sizeof(*w));
        if (w == NULL)
                return KERNEL_ERR_NOMEM;
        w->pipe_r = w->pipe_w = -1;
        rc = kernel_open(&w->k, table, protocol, errbuf, errlen);
        if (rc != KERNEL_OK) {
                free(w);
                return rc;
        }
        if (kernel_queue_init(&w->q[0], max_pending) != KERNEL_OK ||
            kernel_queue_init(&w->q[1], max_pending) != KERNEL_OK) {
                writer_free(w);
                return KERNEL_ERR_NOMEM;
        }
        w->pending = &w->q[0];
        w->writing = &w->q[1];
        if (pipe(fds) == -1) {
                if (errbuf != NULL && errlen > 0)
                        snprintf(errbuf, errlen, "pipe: %s", strerror(errno));
                writer_free(w);
                return KERNEL_ERR_SYSTEM;
        }
        w->pipe_r = fds[0];
        w->pipe_w = fds[1];
        for (int i = 0; i < 2; i++) {
                (void)fcntl(fds[i], F_SETFL, fcntl(fds[i], F_GETFL) | O_NONBLOCK);
                (void)fcntl(fds[i], F_SETFD, FD_CLOEXEC);
        }
        pthread_mutex_init(&w->mu, NULL);
        {
                /* Timed waits (gather) on the monotonic clock, not the settable one. */
                pthread_condattr_t mono;

                pthread_condattr_init(&mono);
                pthread_condattr_setclock(&mono, CLOCK_MONOTONIC);
                pthread_cond_init(&w->work, &mono);
                pthread_condattr_destroy(&mono);
        }
        pthread_cond_init(&w->room, NULL);
        pthread_cond_init(&w->idle, NULL);
        /* Signals stay with the caller's thread, where its event loop expects them. */
        sigfillset(&all);
        pthread_sigmask(SIG_SETMASK, &all, &old);
        rc = pthread_create(&w->thread, NULL, writer_main, w);
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        if (rc != 0) {
                if (errbuf != NULL && errlen > 0)
                        snprintf(errbuf, errlen, "pthread_create: %s", strerror(rc));
                pthread_mutex_destroy(&w->mu);
                pthread_cond_destroy(&w->work);
                pthread_cond_destroy(&w->room);
                pthread_cond_destroy(&w->idle);
                writer_free(w);
                return KERNEL_ERR_SYSTEM;
        }
        *wp = w;
        return KERNEL_OK;
}

void kernel_writer_close(struct kernel_writer *w)
{
        if (w == NULL)
                return;
        pthread_mutex_lock(&w->mu);
        w->stop = true;
        pthread_cond_signal(&w->work);
        pthread_mutex_unlock(&w->mu);
        pthread_join(w->thread, NULL);
        pthread_mutex_destroy(&w->mu);
        pthread_cond_destroy(&w->work);
        pthread_cond_destroy(&w->room);
        pthread_cond_destroy(&w->idle);
        writer_free(w);
}

static int queue_op(struct kernel_writer *w, const struct kernel_op *op)
{
        enum kernel_queue_put put;

        pthread_mutex_lock(&w->mu);
        while ((put = kernel_queue_put(w->pending, op)) == KERNEL_QUEUE_FULL) {
                w->stats.waits++;
                pthread_cond_signal(&w->work);
                pthread_cond_wait(&w->room, &w->mu);
        }
        w->stats.queued++;
        if (put == KERNEL_QUEUE_FOLDED)
                w->stats.folded++;
        else if ((w->pending->n == 1 && !w->busy) || w->pending->n == w->pending->cap / 2)
                pthread_cond_signal(&w->work); /* the thread waits for one or for half */
        pthread_mutex_unlock(&w->mu);
        return KERNEL_OK;
}

int kernel_writer_replace(struct kernel_writer *w, const struct bgp_prefix *pfx,
                          const struct kernel_nexthop *nh, enum kernel_route_type type)
{
        struct kernel_op op;
        int rc = kernel_op_replace(&op, pfx, nh, type);

        return rc != KERNEL_OK ? rc : queue_op(w, &op);
}

int kernel_writer_delete(struct kernel_writer *w, const struct bgp_prefix *pfx)
{
        struct kernel_op op;
        int rc = kernel_op_delete(&op, pfx);

        return rc != KERNEL_OK ? rc : queue_op(w, &op);
}

void kernel_writer_sync(struct kernel_writer *w)
{
        pthread_mutex_lock(&w->mu);
        w->syncing++;
        if (w->pending->n > 0)
                pthread_cond_signal(&w->work);
        while ((w->busy || w->pending->n > 0) && !w->stop)
                pthread_cond_wait(&w->idle, &w->mu);
        w->syncing--;
        pthread_mutex_unlock(&w->mu);
}

int kernel_writer_fd(const struct kernel_writer *w)
{
        return w->pipe_r;
}

size_t kernel_writer_failures(struct kernel_writer *w, kernel_result_fn *fn, void *arg)
{
        struct failure kept[FAILURES_KEPT];
        size_t n, unkept;
        char drain[64];

        pthread_mutex_lock(&w->mu);
        while (read(w->pipe_r, drain, sizeof(drain)) > 0)
                ;
        n = w->n_failures;
        unkept = w->n_unkept;
        memcpy(kept, w->failures, n * sizeof(kept[0]));
        w->n_failures = w->n_unkept = 0;
        pthread_mutex_unlock(&w->mu);
        for (size_t i = 0; fn != NULL && i < n; i++)
                fn(arg, &kept[i].route, kept[i].del, kept[i].sys_errno,
                   kept[i].why[0] ? kept[i].why : NULL);
        return n + unkept;
}

void kernel_writer_stats(struct kernel_writer *w, struct kernel_writer_stats *out)
{
        pthread_mutex_lock(&w->mu);
        *out = w->stats;
        pthread_mutex_unlock(&w->mu);
}
