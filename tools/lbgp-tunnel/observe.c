/*
 * observe.c - what the kernel holds for each planned object (observe.h).
 *
 * Each object is looked up by its key: a link by name, an address by interface and
 * address, a route by table, prefix and metric, a rule by priority, source and table.
 * A dump is read per object; a tunnel has a dozen of them and the kernel answers in
 * microseconds, so there is nothing to gain from caching and a stale answer to lose.
 */
#include <errno.h>
#include <net/if.h>
#include <string.h>

#include "observe.h"

struct search {
        const struct tunnel_obj *want;
        struct tunnel_obj found;
        bool hit;
};

static int find_addr(void *arg, const struct tunnel_addr *a)
{
        struct search *s = arg;

        if (memcmp(a->addr, s->want->u.addr.addr, 16) != 0)
                return 0;
        s->found.type = TUNNEL_OBJ_ADDR;
        s->found.u.addr = *a;
        s->hit = true;
        return 1;
}

static int find_route(void *arg, const struct tunnel_route *r)
{
        struct search *s = arg;
        const struct tunnel_route *w = &s->want->u.route;

        if (r->dst.len != w->dst.len || memcmp(r->dst.addr, w->dst.addr, 16) != 0 ||
            r->metric != w->metric)
                return 0;
        s->found.type = TUNNEL_OBJ_ROUTE;
        s->found.u.route = *r;
        s->hit = true;
        return 1;
}

static int find_rule(void *arg, const struct tunnel_rule *r)
{
        struct search *s = arg;
        const struct tunnel_rule *w = &s->want->u.rule;

        if (!r->plain || r->priority != w->priority || r->table != w->table ||
            r->from.len != w->from.len || memcmp(r->from.addr, w->from.addr, 16) != 0)
                return 0;
        s->found.type = TUNNEL_OBJ_RULE;
        s->found.u.rule = *r;
        s->hit = true;
        return 1;
}

struct observer {
        struct kernel *k;
        const struct tunnel_conf *c;
        bool creates_link, for_down;
        FILE *err;
};

/*
 * The index of ifname into *ifindex; 0 when it does not exist and that is allowed.
 * Returns -1 (and says so) when it must exist.
 */
static int resolve(struct observer *ob, const char *ifname, uint32_t *ifindex)
{
        *ifindex = if_nametoindex(ifname);
        if (*ifindex != 0 || ob->for_down || (ob->creates_link && strcmp(ifname, ob->c->name) == 0))
                return 0;
        fprintf(ob->err, "%s: error: no interface %s%s\n", ob->c->file, ifname,
                strcmp(ifname, ob->c->name) == 0 ? " (kind external: someone else makes it)" : "");
        return -1;
}

static int read_failed(struct observer *ob, const char *what, int rc)
{
        fprintf(ob->err, "lbgp-tunnel: reading %s: %s\n", what,
                rc == KERNEL_ERR_SYSTEM ? strerror(errno) : kernel_strerror(rc));
        return -1;
}

static int observe_one(struct observer *ob, const struct tunnel_obj *planned, struct observed *o)
{
        struct tunnel_obj want = *planned;
        struct search s = {.want = &want};
        int rc = KERNEL_OK;

        memset(o, 0, sizeof(*o));
        switch (want.type) {
        case TUNNEL_OBJ_LINK:
                rc = tunnel_link_get(ob->k, want.u.link.name, &s.found.u.link);
                if (rc == KERNEL_ERR_NOTFOUND)
                        return 0;
                if (rc < 0)
                        return read_failed(ob, "links", rc);
                s.found.type = TUNNEL_OBJ_LINK;
                s.hit = true;
                break;
        case TUNNEL_OBJ_ADDR:
                if (resolve(ob, want.u.addr.ifname, &want.u.addr.ifindex) < 0)
                        return -1;
                if (want.u.addr.ifindex == 0)
                        return 0;
                rc = tunnel_addrs(ob->k, want.u.addr.ifindex, find_addr, &s);
                if (rc < 0)
                        return read_failed(ob, "addresses", rc);
                memcpy(s.found.u.addr.ifname, want.u.addr.ifname, TUNNEL_IFNAMSIZ);
                break;
        case TUNNEL_OBJ_ROUTE:
                if (want.u.route.type == TUNNEL_ROUTE_DEV &&
                    resolve(ob, want.u.route.ifname, &want.u.route.ifindex) < 0)
                        return -1;
                rc = tunnel_routes(ob->k, want.u.route.table, find_route, &s);
                if (rc < 0)
                        return read_failed(ob, "routes", rc);
                if (s.hit && s.found.u.route.ifindex != 0 &&
                    if_indextoname(s.found.u.route.ifindex, s.found.u.route.ifname) == NULL)
                        snprintf(s.found.u.route.ifname, TUNNEL_IFNAMSIZ, "if%u",
                                 (unsigned)s.found.u.route.ifindex);
                break;
        case TUNNEL_OBJ_RULE:
                rc = tunnel_rules(ob->k, find_rule, &s);
                if (rc < 0)
                        return read_failed(ob, "rules", rc);
                break;
        }
        if (s.hit)
                observe_compare(&want, &s.found, o);
        return 0;
}

int observe_kernel(struct kernel *k, const struct tunnel_conf *c, const struct plan *p,
                   bool for_down, struct observed *o, FILE *err)
{
        struct observer ob = {.k = k, .c = c, .for_down = for_down, .err = err};
        int rc = 0;

        ob.creates_link = p->n > 0 && p->obj[0].type == TUNNEL_OBJ_LINK;
        for (size_t i = 0; i < p->n; i++)
                if (observe_one(&ob, &p->obj[i], &o[i]) < 0)
                        rc = -1;
        return rc;
}
