/*
 * batch.c - the queue of route operations between kernel_batch_begin() and the commit.
 *
 * Arguments are checked here, when the caller queues them, so that a bad prefix is
 * reported at the call that made it and a commit only carries what the kernel could
 * take; what the kernel still refuses is reported per route by the backend.
 */
#include <stdlib.h>
#include <string.h>

#include "kernel_int.h"

size_t kernel_afi_len(uint16_t afi)
{
        switch (afi) {
        case BGP_AFI_IPV4:
                return 4;
        case BGP_AFI_IPV6:
                return 16;
        default:
                return 0;
        }
}

bool kernel_prefix_valid(const struct bgp_prefix *pfx)
{
        size_t alen = kernel_afi_len(pfx->afi);

        if (alen == 0 || pfx->len > alen * 8)
                return false;
        /* Linux refuses IPv4 host bits and silently clears IPv6 ones; refuse both alike. */
        for (size_t bit = pfx->len; bit < alen * 8; bit++)
                if (pfx->addr[bit / 8] & (0x80u >> (bit % 8)))
                        return false;
        return true;
}

static bool all_zero(const uint8_t *p, size_t len)
{
        for (size_t i = 0; i < len; i++)
                if (p[i] != 0)
                        return false;
        return true;
}

static bool nexthop_valid(const struct bgp_prefix *pfx, const struct kernel_nexthop *nh)
{
        size_t alen = kernel_afi_len(nh->afi);

        if (nh->afi == 0)
                return nh->ifindex != 0; /* an interface-only route */
        if (alen == 0 || all_zero(nh->addr, alen))
                return false;
        /* An IPv4 prefix may use an IPv6 next hop (RFC 8950); the converse does not exist. */
        if (pfx->afi == BGP_AFI_IPV6 && nh->afi != BGP_AFI_IPV6)
                return false;
        /* A link-local address means nothing without its link. */
        if (nh->afi == BGP_AFI_IPV6 && nh->addr[0] == 0xfe && (nh->addr[1] & 0xc0) == 0x80)
                return nh->ifindex != 0;
        return true;
}

int kernel_batch_push(struct kernel_batch *b, const struct kernel_op *op)
{
        if (b->n == b->cap) {
                size_t cap = b->cap ? b->cap * 2 : 256;
                struct kernel_op *ops;

                if (cap > SIZE_MAX / sizeof(*ops))
                        return KERNEL_ERR_NOMEM;
                ops = realloc(b->ops, cap * sizeof(*ops));
                if (ops == NULL)
                        return KERNEL_ERR_NOMEM;
                b->ops = ops;
                b->cap = cap;
        }
        b->ops[b->n++] = *op;
        return KERNEL_OK;
}

void kernel_batch_free(struct kernel_batch *b)
{
        free(b->ops);
        memset(b, 0, sizeof(*b));
}

void kernel_batch_begin(struct kernel *k)
{
        struct kernel_batch *b = kernel_batch_of(k);

        b->n = 0;
        b->open = true;
}

int kernel_op_replace(struct kernel_op *op, const struct bgp_prefix *pfx,
                      const struct kernel_nexthop *nh, enum kernel_route_type type)
{
        if (!kernel_prefix_valid(pfx))
                return KERNEL_ERR_INVALID;
        memset(op, 0, sizeof(*op));
        op->route.prefix = *pfx;
        op->route.type = type;
        op->route.metric = KERNEL_METRIC;
        switch (type) {
        case KERNEL_ROUTE_UNICAST:
                if (nh == NULL || !nexthop_valid(pfx, nh))
                        return KERNEL_ERR_INVALID;
                op->route.nexthop = *nh;
                return KERNEL_OK;
        case KERNEL_ROUTE_BLACKHOLE:
        case KERNEL_ROUTE_REJECT:
                return KERNEL_OK;
        default:
                return KERNEL_ERR_INVALID;
        }
}

int kernel_op_delete(struct kernel_op *op, const struct bgp_prefix *pfx)
{
        if (!kernel_prefix_valid(pfx))
                return KERNEL_ERR_INVALID;
        memset(op, 0, sizeof(*op));
        op->route.prefix = *pfx;
        op->del = true;
        return KERNEL_OK;
}

int kernel_route_replace(struct kernel *k, const struct bgp_prefix *pfx,
                         const struct kernel_nexthop *nh, enum kernel_route_type type)
{
        struct kernel_batch *b = kernel_batch_of(k);
        struct kernel_op op;
        int rc;

        if (!b->open)
                return KERNEL_ERR_STATE;
        if ((rc = kernel_op_replace(&op, pfx, nh, type)) != KERNEL_OK)
                return rc;
        return kernel_batch_push(b, &op);
}

int kernel_route_delete(struct kernel *k, const struct bgp_prefix *pfx)
{
        struct kernel_batch *b = kernel_batch_of(k);
        struct kernel_op op;
        int rc;

        if (!b->open)
                return KERNEL_ERR_STATE;
        if ((rc = kernel_op_delete(&op, pfx)) != KERNEL_OK)
                return rc;
        return kernel_batch_push(b, &op);
}

size_t kernel_batch_size(struct kernel *k)
{
        const struct kernel_batch *b = kernel_batch_of(k);

        return b->open ? b->n : 0;
}

int kernel_batch_commit(struct kernel *k, kernel_result_fn *fn, void *arg)
{
        struct kernel_batch *b = kernel_batch_of(k);
        int rc;

        if (!b->open)
                return KERNEL_ERR_STATE;
        rc = kernel_send_ops(k, b->ops, b->n, fn, arg);
        b->n = 0;
        b->open = false;
        return rc;
}
