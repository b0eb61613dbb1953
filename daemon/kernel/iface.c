/*
 * iface.c - interface names to indexes.
 *
 * if_nametoindex() asks the kernel of the calling thread's network namespace on every
 * call, Linux and FreeBSD alike, so no cached state can go stale here.
 */
#include <net/if.h>

#include "kernel.h"

int kernel_ifindex(struct kernel *k, const char *name, uint32_t *ifindex)
{
        unsigned int idx;

        (void)k;
        if (name == NULL)
                return KERNEL_ERR_INVALID;
        idx = if_nametoindex(name);
        if (idx == 0)
                return KERNEL_ERR_NOTFOUND;
        *ifindex = idx;
        return KERNEL_OK;
}
