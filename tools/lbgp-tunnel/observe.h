/*
 * observe.h - reads what the kernel holds under the key of each planned object (Linux,
 * through daemon/kernel/tunnel.h), for steps.h to decide on.
 */
#ifndef LBGP_TUNNEL_OBSERVE_H
#define LBGP_TUNNEL_OBSERVE_H

#include <stdbool.h>
#include <stdio.h>

#include "plan.h"
#include "steps.h"
#include "tconf.h"

/*
 * Fills o[i] for each object of p.  An interface the plan puts something on must exist,
 * unless it is the tunnel link the plan creates, or for_down (then what would be on it
 * is absent).  Returns 0, or -1 after saying on err what could not be read or is missing.
 */
int observe_kernel(struct kernel *k, const struct tunnel_conf *c, const struct plan *p,
                   bool for_down, struct observed *o, FILE *err);

#endif /* LBGP_TUNNEL_OBSERVE_H */
