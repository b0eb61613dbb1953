/*
 * steps.h - from what the kernel holds to what the plan wants: the changes `apply` and
 * `down` make, and running them so that a failure undoes the run.
 *
 * Deciding is pure (steps_apply, steps_down take what was observed and return a list),
 * so that idempotence and rollback are tested without a kernel; observe.c fills in the
 * observations from the kernel, and tunnel_apply.c runs the list against it.
 *
 * apply: an absent object is created; ours and different is modified where the kernel
 * can (a link's parameters, MTU, alias and state; a route's interface or type); present
 * and the same, ours or not, is left alone.  Anything else (a link of that name that is
 * not ours, someone else's route where ours would go, our address with another prefix
 * length) is a conflict, and apply changes nothing at all.
 * down: every object of the plan that is present and ours is deleted, backwards.
 */
#ifndef LBGP_TUNNEL_STEPS_H
#define LBGP_TUNNEL_STEPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "plan.h"
#include "tunnel.h"

/* What the kernel holds under the key of one planned object. */
struct observed {
        bool exists;
        bool ours;       /* it carries our mark */
        bool same;       /* it is what the plan wants */
        bool modifiable; /* ours and different in what one request can change */
        struct tunnel_obj current;
        char why[192]; /* when it exists and is not the same: how it differs */
};

/*
 * Fills o from current, the kernel's object with the same key as planned (the link of
 * that name, the address on that interface, the route of that table, prefix and metric,
 * the plain rule of that priority, source and table).  Interfaces compare by ifindex: the
 * caller has resolved planned's names.
 */
void observe_compare(const struct tunnel_obj *planned, const struct tunnel_obj *current,
                     struct observed *o);

enum step_action {
        STEP_CREATE,
        STEP_MODIFY,
        STEP_DELETE,
};

struct step {
        enum step_action action;
        struct tunnel_obj obj;    /* what to create, modify into, or delete */
        struct tunnel_obj before; /* MODIFY, DELETE: what the kernel held, to undo */
};

struct steps {
        struct step step[PLAN_MAX];
        size_t n;
        size_t in_place; /* objects already as planned (apply) */
        size_t foreign;  /* of those, or of what down leaves, not ours */
};

/* The steps of apply; -1 when an object conflicts (o[i].why says how), else 0. */
int steps_apply(const struct plan *p, const struct observed *o, struct steps *out);
/* The steps of down. */
void steps_down(const struct plan *p, const struct observed *o, struct steps *out);

/* Makes one change in the kernel (or in a test's stand-in). */
typedef int step_change_fn(void *arg, enum tunnel_change how, const struct tunnel_obj *obj,
                           struct tunnel_error *err);

/*
 * Runs the steps in order, printing each to out.  When one fails, says why on err,
 * undoes the ones done, last first (create -> delete, modify -> modify back, delete ->
 * create), and returns -1; 0 when all went in.
 */
int steps_run(const struct steps *st, step_change_fn *fn, void *arg, FILE *out, FILE *err);

/* "create", "change", "delete". */
const char *step_verb(enum step_action a);

#endif /* LBGP_TUNNEL_STEPS_H */
