/*
 * tunnel_apply.c - `apply` and `down` against the kernel (tunnel_apply.h).
 *
 * The kernel is read in full before anything is changed, so that a conflict (a link of
 * that name that is not ours, someone else's route where ours would go) stops the run
 * while the kernel is untouched.  Interfaces are named, not numbered, until the moment a
 * request is sent: a link created (or re-created by an undo) earlier in the run has an
 * index nobody could know when the run began.
 */
#include <errno.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>

#include "observe.h"
#include "steps.h"
#include "tunnel_apply.h"

struct run {
        const struct tunnel_conf *c;
        struct plan plan;
        struct observed obs[PLAN_MAX];
        struct steps steps;
        struct kernel *k;
};

static int name_to_index(const char *ifname, uint32_t *ifindex, struct tunnel_error *err)
{
        *ifindex = if_nametoindex(ifname);
        if (*ifindex != 0)
                return 0;
        err->sys_errno = ENODEV;
        snprintf(err->why, sizeof(err->why), "no interface %s", ifname);
        return -1;
}

/* step_change_fn on the kernel: names resolved now, then one request. */
static int kernel_change(void *arg, enum tunnel_change how, const struct tunnel_obj *obj,
                         struct tunnel_error *err)
{
        struct tunnel_obj o = *obj;

        memset(err, 0, sizeof(*err));
        switch (o.type) {
        case TUNNEL_OBJ_LINK:
                if (how != TUNNEL_CREATE &&
                    name_to_index(o.u.link.name, &o.u.link.ifindex, err) < 0)
                        return -1;
                break;
        case TUNNEL_OBJ_ADDR:
                if (name_to_index(o.u.addr.ifname, &o.u.addr.ifindex, err) < 0)
                        return -1;
                break;
        case TUNNEL_OBJ_ROUTE:
                if (o.u.route.type == TUNNEL_ROUTE_DEV &&
                    name_to_index(o.u.route.ifname, &o.u.route.ifindex, err) < 0)
                        return -1;
                break;
        case TUNNEL_OBJ_RULE:
                break;
        }
        if (tunnel_obj_change(arg, how, &o, err) == KERNEL_OK)
                return 0;
        if (err->sys_errno == 0)
                err->sys_errno = EINVAL;
        return -1;
}

static struct run *run_open(const struct tunnel_conf *c, FILE *err)
{
        struct run *r = calloc(1, sizeof(*r));
        char why[128];

        if (r == NULL) {
                fprintf(err, "lbgp-tunnel: out of memory\n");
                return NULL;
        }
        r->c = c;
        plan_build(c, &r->plan);
        if (kernel_open(&r->k, TUNNEL_TABLE_MAIN, TUNNEL_PROTO, why, sizeof(why)) != KERNEL_OK) {
                fprintf(err, "lbgp-tunnel: %s\n", why);
                free(r);
                return NULL;
        }
        return r;
}

static void run_close(struct run *r)
{
        kernel_close(r->k);
        free(r);
}

static void print_obj(FILE *fp, const char *prefix, const struct tunnel_obj *o, const char *suffix)
{
        char line[512];

        plan_format(o, line, sizeof(line));
        fprintf(fp, "%s%s%s\n", prefix, line, suffix);
}

/* The conflicts that stop apply, each with the object and how it differs. */
static void print_conflicts(const struct run *r, FILE *err)
{
        for (size_t i = 0; i < r->plan.n; i++) {
                const struct observed *o = &r->obs[i];
                char line[512];

                if (!o->exists || o->same || (o->ours && o->modifiable))
                        continue;
                plan_format(&r->plan.obj[i], line, sizeof(line));
                fprintf(err, "%s: error: %s: %s\n", r->c->file, line, o->why);
        }
}

static void print_foreign(const struct run *r, FILE *out)
{
        for (size_t i = 0; i < r->plan.n; i++)
                if (r->obs[i].exists && r->obs[i].same && !r->obs[i].ours)
                        print_obj(out, "keep ", &r->plan.obj[i],
                                  " (present, not lbgp-tunnel's: left as it is)");
}

static void print_dry(const struct steps *st, FILE *out)
{
        for (size_t i = 0; i < st->n; i++) {
                char prefix[32];

                snprintf(prefix, sizeof(prefix), "would %s ", step_verb(st->step[i].action));
                print_obj(out, prefix, &st->step[i].obj, "");
        }
        fprintf(out, "dry run: %zu change%s, none made\n", st->n, st->n == 1 ? "" : "s");
}

int tunnel_apply(const struct tunnel_conf *c, bool dry_run, FILE *out, FILE *err)
{
        struct run *r = run_open(c, err);
        int rc = -1;

        if (r == NULL)
                return -1;
        if (observe_kernel(r->k, c, &r->plan, false, r->obs, err) < 0)
                goto out;
        if (steps_apply(&r->plan, r->obs, &r->steps) < 0) {
                print_conflicts(r, err);
                fprintf(err, "lbgp-tunnel: %s: nothing changed\n", c->name);
                goto out;
        }
        print_foreign(r, out);
        if (r->steps.n == 0) {
                fprintf(out, "%s: nothing to do: all %zu objects in place\n", c->name,
                        r->steps.in_place);
                rc = 0;
        } else if (dry_run) {
                print_dry(&r->steps, out);
                rc = 0;
        } else if (steps_run(&r->steps, kernel_change, r->k, out, err) == 0) {
                fprintf(out, "%s: %zu change%s made, %zu object%s already in place\n", c->name,
                        r->steps.n, r->steps.n == 1 ? "" : "s", r->steps.in_place,
                        r->steps.in_place == 1 ? "" : "s");
                rc = 0;
        } else {
                fprintf(err, "lbgp-tunnel: %s: apply failed; the changes of this run were undone\n",
                        c->name);
        }
out:
        run_close(r);
        return rc;
}

int tunnel_down(const struct tunnel_conf *c, bool dry_run, FILE *out, FILE *err)
{
        struct run *r = run_open(c, err);
        int rc = -1;

        if (r == NULL)
                return -1;
        if (observe_kernel(r->k, c, &r->plan, true, r->obs, err) < 0)
                goto out;
        steps_down(&r->plan, r->obs, &r->steps);
        for (size_t i = 0; i < r->plan.n; i++)
                if (r->obs[i].exists && !r->obs[i].ours)
                        print_obj(out, "keep ", &r->obs[i].current,
                                  " (not lbgp-tunnel's: left as it is)");
        if (r->steps.n == 0) {
                fprintf(out, "%s: nothing to do: nothing of lbgp-tunnel's in place\n", c->name);
                rc = 0;
        } else if (dry_run) {
                print_dry(&r->steps, out);
                rc = 0;
        } else if (steps_run(&r->steps, kernel_change, r->k, out, err) == 0) {
                fprintf(out, "%s: %zu object%s removed\n", c->name, r->steps.n,
                        r->steps.n == 1 ? "" : "s");
                rc = 0;
        } else {
                fprintf(err, "lbgp-tunnel: %s: down failed; the changes of this run were undone\n",
                        c->name);
        }
out:
        run_close(r);
        return rc;
}

int tunnel_change(const struct tunnel_conf *old, const struct tunnel_conf *new, bool dry_run,
                  FILE *out, FILE *err)
{
        struct run *r = run_open(old, err);
        int rc = -1;

        if (r == NULL)
                return -1;
        if (plan_stale(old, new, &r->plan) < 0) {
                fprintf(err, "lbgp-tunnel: out of memory\n");
                goto out;
        }
        if (r->plan.n > 0) {
                if (observe_kernel(r->k, old, &r->plan, true, r->obs, err) < 0)
                        goto out;
                steps_down(&r->plan, r->obs, &r->steps);
                if (r->steps.n > 0 && dry_run) {
                        print_dry(&r->steps, out);
                } else if (r->steps.n > 0) {
                        if (steps_run(&r->steps, kernel_change, r->k, out, err) != 0) {
                                fprintf(err,
                                        "lbgp-tunnel: %s: removing what the old description "
                                        "had failed; the changes of this run were undone\n",
                                        old->name);
                                goto out;
                        }
                        fprintf(out, "%s: %zu object%s of the old description removed\n", old->name,
                                r->steps.n, r->steps.n == 1 ? "" : "s");
                }
        }
        rc = tunnel_apply(new, dry_run, out, err);
out:
        run_close(r);
        return rc;
}
