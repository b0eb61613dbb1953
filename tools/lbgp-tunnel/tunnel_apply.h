/*
 * tunnel_apply.h - `apply` and `down`: read the kernel, decide, and change it (or, with
 * dry_run, print what would change).  What they print goes to out, problems to err.
 * Each returns 0 when the kernel holds what was asked (or nothing needed doing), -1
 * otherwise; after a failure halfway, the changes of the run have been undone.
 */
#ifndef LBGP_TUNNEL_APPLY_H
#define LBGP_TUNNEL_APPLY_H

#include <stdbool.h>
#include <stdio.h>

#include "tconf.h"

int tunnel_apply(const struct tunnel_conf *c, bool dry_run, FILE *out, FILE *err);
int tunnel_down(const struct tunnel_conf *c, bool dry_run, FILE *out, FILE *err);
/*
 * A description of the same interface changed from old to new (lbgpd's reload): the
 * objects of old that new no longer has (plan_stale()) are removed as down removes, only
 * those that carry our mark, and then new is applied.  Each half undoes itself when it
 * fails halfway; a failure of the second leaves the first done.
 */
int tunnel_change(const struct tunnel_conf *old, const struct tunnel_conf *new, bool dry_run,
                  FILE *out, FILE *err);

#endif /* LBGP_TUNNEL_APPLY_H */
