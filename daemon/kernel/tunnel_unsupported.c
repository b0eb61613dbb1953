/*
 * tunnel_unsupported.c - tunnel.h where no backend is written yet (FreeBSD: ioctl and
 * route(4) are issue #6's next step).  Every call says so, and lbgp-tunnel's check, plan
 * and mss, which need no kernel, still work.
 */
#include "tunnel.h"

int tunnel_link_get(struct kernel *k, const char *name, struct tunnel_link *out)
{
        (void)k, (void)name, (void)out;
        return KERNEL_ERR_UNSUPPORTED;
}

int tunnel_addrs(struct kernel *k, uint32_t ifindex, tunnel_addr_fn *fn, void *arg)
{
        (void)k, (void)ifindex, (void)fn, (void)arg;
        return KERNEL_ERR_UNSUPPORTED;
}

int tunnel_routes(struct kernel *k, uint32_t table, tunnel_route_fn *fn, void *arg)
{
        (void)k, (void)table, (void)fn, (void)arg;
        return KERNEL_ERR_UNSUPPORTED;
}

int tunnel_rules(struct kernel *k, tunnel_rule_fn *fn, void *arg)
{
        (void)k, (void)fn, (void)arg;
        return KERNEL_ERR_UNSUPPORTED;
}

int tunnel_obj_change(struct kernel *k, enum tunnel_change how, const struct tunnel_obj *obj,
                      struct tunnel_error *err)
{
        (void)k, (void)how, (void)obj;
        err->sys_errno = 0;
        err->why[0] = '\0';
        return KERNEL_ERR_UNSUPPORTED;
}
