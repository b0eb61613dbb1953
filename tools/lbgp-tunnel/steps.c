/*
 * steps.c - deciding the changes of apply and down, and running them with rollback
 * (steps.h).
 */
#include <string.h>

#include "steps.h"

/* ---- comparing one object --------------------------------------------------------------- */

static bool alias_is_ours(const char *alias)
{
        size_t n = strlen(TUNNEL_ALIAS_MARK);

        return strncmp(alias, TUNNEL_ALIAS_MARK, n) == 0 && (alias[n] == '\0' || alias[n] == ':');
}

static void compare_link(const struct tunnel_link *want, const struct tunnel_link *have,
                         struct observed *o)
{
        size_t alen = tunnel_kind_outer_afi(want->kind) == BGP_AFI_IPV6 ? 16 : 4;

        o->ours = alias_is_ours(have->alias);
        if (!o->ours) {
                snprintf(o->why, sizeof(o->why),
                         "interface %s exists and is not lbgp-tunnel's (its alias does not start "
                         "with \"%s\")",
                         want->name, TUNNEL_ALIAS_MARK);
                return;
        }
        if (have->kind != want->kind) {
                snprintf(o->why, sizeof(o->why),
                         "%s is a %s link, the file wants %s: run down with the file that made it",
                         want->name, tunnel_kind_name(have->kind), tunnel_kind_name(want->kind));
                return;
        }
        o->same = memcmp(have->local, want->local, alen) == 0 &&
                  memcmp(have->remote, want->remote, alen) == 0 && have->has_key == want->has_key &&
                  (!want->has_key || have->key == want->key) && have->ttl == want->ttl &&
                  have->mtu == want->mtu && strcmp(have->alias, want->alias) == 0 &&
                  have->up == want->up;
        o->modifiable = !o->same;
        if (!o->same)
                snprintf(o->why, sizeof(o->why), "%s differs from the file", want->name);
}

static void compare_addr(const struct tunnel_addr *want, const struct tunnel_addr *have,
                         struct observed *o)
{
        o->ours = have->proto == TUNNEL_PROTO;
        o->same = have->plen == want->plen && have->has_peer == want->has_peer &&
                  (!want->has_peer || memcmp(have->peer, want->peer, 16) == 0);
        if (!o->same)
                snprintf(o->why, sizeof(o->why),
                         "the address is on %s already, as /%u%s, and the file wants /%u%s",
                         want->ifname, (unsigned)have->plen, have->has_peer ? " with a peer" : "",
                         (unsigned)want->plen, want->has_peer ? " with a peer" : "");
}

static void compare_route(const struct tunnel_route *want, const struct tunnel_route *have,
                          struct observed *o)
{
        o->ours = have->proto == TUNNEL_PROTO;
        o->same = have->type == want->type &&
                  (want->type != TUNNEL_ROUTE_DEV || have->ifindex == want->ifindex);
        o->modifiable = o->ours && !o->same;
        if (!o->same)
                snprintf(o->why, sizeof(o->why),
                         "the table has a %s route for it at this metric already (protocol %u)%s",
                         have->type == TUNNEL_ROUTE_BLACKHOLE ? "blackhole"
                         : have->type == TUNNEL_ROUTE_DEV     ? "different"
                                                              : "gateway or multipath",
                         (unsigned)have->proto, o->ours ? "" : ", and it is not ours");
}

void observe_compare(const struct tunnel_obj *planned, const struct tunnel_obj *current,
                     struct observed *o)
{
        memset(o, 0, sizeof(*o));
        o->exists = true;
        o->current = *current;
        switch (planned->type) {
        case TUNNEL_OBJ_LINK:
                compare_link(&planned->u.link, &current->u.link, o);
                break;
        case TUNNEL_OBJ_ADDR:
                compare_addr(&planned->u.addr, &current->u.addr, o);
                break;
        case TUNNEL_OBJ_ROUTE:
                compare_route(&planned->u.route, &current->u.route, o);
                break;
        case TUNNEL_OBJ_RULE:
                /* The key is the whole rule: found is the same. */
                o->ours = current->u.rule.proto == TUNNEL_PROTO;
                o->same = true;
                break;
        }
}

/* ---- deciding --------------------------------------------------------------------------- */

/* The object to modify into: the plan's, on the kernel's object (its index). */
static struct tunnel_obj modified(const struct tunnel_obj *planned, const struct tunnel_obj *have)
{
        struct tunnel_obj obj = *planned;

        if (obj.type == TUNNEL_OBJ_LINK)
                obj.u.link.ifindex = have->u.link.ifindex;
        return obj;
}

int steps_apply(const struct plan *p, const struct observed *o, struct steps *out)
{
        int rc = 0;

        memset(out, 0, sizeof(*out));
        for (size_t i = 0; i < p->n; i++) {
                struct step *s = &out->step[out->n];

                if (!o[i].exists) {
                        s->action = STEP_CREATE;
                        s->obj = p->obj[i];
                        out->n++;
                } else if (o[i].same) {
                        out->in_place++;
                        out->foreign += !o[i].ours;
                } else if (o[i].ours && o[i].modifiable) {
                        s->action = STEP_MODIFY;
                        s->obj = modified(&p->obj[i], &o[i].current);
                        s->before = o[i].current;
                        out->n++;
                } else {
                        rc = -1;
                }
        }
        if (rc < 0)
                out->n = 0;
        return rc;
}

void steps_down(const struct plan *p, const struct observed *o, struct steps *out)
{
        memset(out, 0, sizeof(*out));
        for (size_t i = p->n; i-- > 0;) {
                struct step *s = &out->step[out->n];

                if (!o[i].exists)
                        continue;
                if (!o[i].ours) {
                        out->foreign++;
                        continue;
                }
                s->action = STEP_DELETE;
                s->obj = o[i].current;
                s->before = o[i].current;
                out->n++;
        }
}

/* ---- running ---------------------------------------------------------------------------- */

const char *step_verb(enum step_action a)
{
        switch (a) {
        case STEP_CREATE:
                return "create";
        case STEP_MODIFY:
                return "change";
        case STEP_DELETE:
                break;
        }
        return "delete";
}

static void say(FILE *fp, const char *verb, const struct tunnel_obj *obj)
{
        char line[512];

        plan_format(obj, line, sizeof(line));
        fprintf(fp, "%s %s\n", verb, line);
}

/* "lbgp-tunnel: create route ...: Network is down (Nexthop device is not up)" */
static void explain(FILE *fp, const char *verb, const struct tunnel_obj *obj,
                    const struct tunnel_error *e)
{
        char line[512];

        plan_format(obj, line, sizeof(line));
        fprintf(fp, "lbgp-tunnel: %s %s: %s%s%s%s\n", verb, line, strerror(e->sys_errno),
                e->why[0] ? " (" : "", e->why, e->why[0] ? ")" : "");
}

/* Undoes step s: the reverse change. */
static int undo(const struct step *s, step_change_fn *fn, void *arg, FILE *out,
                struct tunnel_error *e)
{
        switch (s->action) {
        case STEP_CREATE:
                say(out, "undo: delete", &s->obj);
                return fn(arg, TUNNEL_DELETE, &s->obj, e);
        case STEP_MODIFY:
                say(out, "undo: change back to", &s->before);
                return fn(arg, TUNNEL_MODIFY, &s->before, e);
        case STEP_DELETE:
                say(out, "undo: create", &s->before);
                return fn(arg, TUNNEL_CREATE, &s->before, e);
        }
        return -1;
}

static enum tunnel_change change_of(enum step_action a)
{
        return a == STEP_CREATE ? TUNNEL_CREATE : a == STEP_MODIFY ? TUNNEL_MODIFY : TUNNEL_DELETE;
}

int steps_run(const struct steps *st, step_change_fn *fn, void *arg, FILE *out, FILE *err)
{
        struct tunnel_error e;
        size_t undo_failed = 0;
        size_t i;

        for (i = 0; i < st->n; i++) {
                const struct step *s = &st->step[i];

                say(out, step_verb(s->action), &s->obj);
                if (fn(arg, change_of(s->action), &s->obj, &e) != 0)
                        break;
        }
        if (i == st->n)
                return 0;
        explain(err, step_verb(st->step[i].action), &st->step[i].obj, &e);
        if (i > 0)
                fprintf(err, "lbgp-tunnel: undoing the %zu change%s of this run\n", i,
                        i == 1 ? "" : "s");
        while (i-- > 0) {
                if (undo(&st->step[i], fn, arg, out, &e) != 0) {
                        explain(err, "undo of", &st->step[i].obj, &e);
                        undo_failed++;
                }
        }
        if (undo_failed > 0)
                fprintf(err, "lbgp-tunnel: %zu change%s could not be undone: see above\n",
                        undo_failed, undo_failed == 1 ? "" : "s");
        return -1;
}
