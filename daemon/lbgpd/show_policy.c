/*
 * show_policy.c - `show ip[v6] prefix-list [NAME] [json]` and `show route-map [NAME] [json]`.
 *
 * What runs is the libbgp policy (d->policy), so the entries come from its own printers
 * (bgp_prefix_list_print, bgp_route_map_print), parsed back line by line; the names, and
 * a route-map entry's description (which libbgp does not keep), come from the
 * configuration.  The layout is FRR 8.4's bgpd, as vtysh shows it (lib/plist.c,
 * lib/routemap.c): "BGP: " before each list, "BGP:" before the route-maps, names in
 * alphabetical order, and JSON under a "BGP" key.  FRR's invocation counters ("Invoked")
 * are left out: lbgpd does not count them, and a made-up 0 would mislead.
 */
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lbgpd.h"
#include "show.h"

static int by_name(const void *a, const void *b)
{
        return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* ---- prefix-lists ----------------------------------------------------------------------- */

/* One list's entries, from its printer's lines ("ipv6 prefix-list N seq 5 deny P le 7"). */
struct pl_show {
        size_t skip; /* strlen("ipv6 prefix-list NAME ") */
        FILE *out;   /* text, or NULL */
        json_object *entries;
        size_t n;
};

static int pl_line(const char *line, void *ctx)
{
        struct pl_show *s = ctx;
        const char *rest = strlen(line) > s->skip ? line + s->skip : "";
        unsigned seq;
        char action[8], prefix[64];
        int used = 0;
        if (strncmp(rest, "description ", 12) == 0)
                return 0; /* shown from the configuration, before the entries */
        if (sscanf(rest, "seq %u %7s %63s%n", &seq, action, prefix, &used) != 3)
                return 0;
        s->n++;
        if (s->out != NULL) {
                fprintf(s->out, "   %s\n", rest);
                return 0;
        }
        json_object *e = json_object_new_object();
        json_object_object_add(e, "sequenceNumber", json_object_new_int64(seq));
        json_object_object_add(e, "type", json_object_new_string(action));
        json_object_object_add(e, "prefix", json_object_new_string(prefix));
        unsigned v;
        const char *ge = strstr(rest + used, " ge "), *le = strstr(rest + used, " le ");
        if (ge != NULL && sscanf(ge, " ge %u", &v) == 1)
                json_object_object_add(e, "minimumPrefixLength", json_object_new_int64(v));
        if (le != NULL && sscanf(le, " le %u", &v) == 1)
                json_object_object_add(e, "maximumPrefixLength", json_object_new_int64(v));
        json_object_array_add(s->entries, e);
        return 0;
}

static void pl_show_one(const struct lbgpd *d, const struct config_prefix_list *c, FILE *out,
                        json_object *top)
{
        const char *family = c->afi == BGP_AFI_IPV6 ? "ipv6" : "ip";
        const struct bgp_prefix_list *pl = bgp_policy_find_prefix_list(d->policy, c->afi, c->name);
        struct pl_show s = {.skip = strlen(family) + strlen(" prefix-list ") + strlen(c->name) + 1};
        if (pl == NULL)
                return;
        if (top == NULL) {
                fprintf(out, "BGP: %s prefix-list %s: %zu entries\n", family, c->name,
                        bgp_prefix_list_count(pl));
                if (c->description != NULL)
                        fprintf(out, "   Description: %s\n", c->description);
                s.out = out;
                bgp_prefix_list_print(pl, pl_line, &s);
                return;
        }
        json_object *o = json_object_new_object();
        s.entries = json_object_new_array();
        bgp_prefix_list_print(pl, pl_line, &s);
        json_object_object_add(o, "addressFamily",
                               json_object_new_string(c->afi == BGP_AFI_IPV6 ? "IPv6" : "IPv4"));
        json_object_object_add(o, "entries", s.entries);
        if (c->description != NULL)
                json_object_object_add(o, "description", json_object_new_string(c->description));
        json_object_object_add(top, c->name, o);
}

int lbgpd_show_prefix_list(struct lbgpd *d, uint16_t afi, const char *name, bool json, FILE *out)
{
        const struct config *cfg = d->cfg;
        const struct config_prefix_list **lists = calloc(cfg->n_prefix_lists + 1, sizeof(*lists));
        size_t n = 0;
        if (lists == NULL) {
                fputs("% Out of memory\n", out);
                return -1;
        }
        for (size_t i = 0; i < cfg->n_prefix_lists; i++)
                if (cfg->prefix_lists[i].afi == afi &&
                    (name == NULL || strcmp(cfg->prefix_lists[i].name, name) == 0))
                        lists[n++] = &cfg->prefix_lists[i];
        /* The name is the struct's second member only by accident: sort on a copy of it. */
        const char **names = calloc(n + 1, sizeof(*names));
        if (names == NULL) {
                free(lists);
                fputs("% Out of memory\n", out);
                return -1;
        }
        for (size_t i = 0; i < n; i++)
                names[i] = lists[i]->name;
        qsort(names, n, sizeof(*names), by_name);
        int rc = 0;
        if (name != NULL && n == 0 && !json) {
                /* FRR's words (lib/plist.c vty_show_prefix_list_name). */
                fputs("% Can't find specified prefix-list\n", out);
                rc = -1;
        } else if (json) {
                json_object *top = json_object_new_object(), *bgp = json_object_new_object();
                for (size_t i = 0; i < n; i++)
                        pl_show_one(d, config_find_prefix_list(cfg, afi, names[i]), out, bgp);
                /* FRR prints nothing for an unknown name; "{}" is JSON all the same. */
                json_object_object_add(top, "BGP", bgp);
                if (n == 0) {
                        json_object_put(top);
                        top = json_object_new_object();
                }
                fprintf(out, "%s\n", json_object_to_json_string_ext(top, JSON_C_TO_STRING_PRETTY));
                json_object_put(top);
        } else {
                for (size_t i = 0; i < n; i++)
                        pl_show_one(d, config_find_prefix_list(cfg, afi, names[i]), out, NULL);
        }
        free(names);
        free(lists);
        return rc;
}

/* ---- route-maps ------------------------------------------------------------------------- */

/* One entry of a map, gathered from the printer's lines before it is shown. */
struct rm_entry {
        char action[8];
        unsigned seq;
        char call[256];
        char exit_policy[32];
        char *match[8], *set[8];
        size_t n_match, n_set;
};

struct rm_show {
        const struct config_route_map *cfg;
        FILE *out;
        json_object *rules;
        const char *name;
        struct rm_entry e;
        bool open;
        bool no_optimization;
        bool header_done;
};

static void rm_header(struct rm_show *s);

static void rm_entry_clear(struct rm_entry *e)
{
        for (size_t i = 0; i < e->n_match; i++)
                free(e->match[i]);
        for (size_t i = 0; i < e->n_set; i++)
                free(e->set[i]);
        memset(e, 0, sizeof(*e));
}

static const char *rm_description(const struct config_route_map *c, unsigned seq)
{
        for (size_t i = 0; c != NULL && i < c->n_entries; i++)
                if (c->entries[i].seq == seq)
                        return c->entries[i].description;
        return NULL;
}

/* lib/routemap.c vty_show_route_map_entry(), without the counters. */
static void rm_entry_show(struct rm_show *s)
{
        struct rm_entry *e = &s->e;
        const char *descr = rm_description(s->cfg, e->seq);
        const char *action = e->exit_policy[0] != '\0' ? e->exit_policy : "Exit routemap";
        if (s->out != NULL) {
                FILE *out = s->out;
                fprintf(out, " %s, sequence %u\n", e->action, e->seq);
                if (descr != NULL)
                        fprintf(out, "  Description:\n    %s\n", descr);
                fputs("  Match clauses:\n", out);
                for (size_t i = 0; i < e->n_match; i++)
                        fprintf(out, "    %s\n", e->match[i]);
                fputs("  Set clauses:\n", out);
                for (size_t i = 0; i < e->n_set; i++)
                        fprintf(out, "    %s\n", e->set[i]);
                fputs("  Call clause:\n", out);
                if (e->call[0] != '\0')
                        fprintf(out, "    Call %s\n", e->call);
                fprintf(out, "  Action:\n    %s\n", action);
                return;
        }
        json_object *r = json_object_new_object(), *m = json_object_new_array(),
                    *st = json_object_new_array();
        json_object_object_add(r, "sequenceNumber", json_object_new_int64(e->seq));
        json_object_object_add(r, "type", json_object_new_string(e->action));
        if (descr != NULL)
                json_object_object_add(r, "description", json_object_new_string(descr));
        for (size_t i = 0; i < e->n_match; i++)
                json_object_array_add(m, json_object_new_string(e->match[i]));
        for (size_t i = 0; i < e->n_set; i++)
                json_object_array_add(st, json_object_new_string(e->set[i]));
        json_object_object_add(r, "matchClauses", m);
        json_object_object_add(r, "setClauses", st);
        if (e->call[0] != '\0')
                json_object_object_add(r, "callClause", json_object_new_string(e->call));
        json_object_object_add(r, "action", json_object_new_string(action));
        json_object_array_add(s->rules, r);
}

static int rm_line(const char *line, void *ctx)
{
        struct rm_show *s = ctx;
        struct rm_entry *e = &s->e;
        unsigned goto_seq;
        if (strncmp(line, "no route-map ", 13) == 0) {
                s->no_optimization = true;
        } else if (strncmp(line, "route-map ", 10) == 0) {
                rm_header(s);
                /* "route-map NAME permit|deny SEQ": the name has no white space. */
                const char *sp = strchr(line + 10, ' ');
                rm_entry_clear(e);
                s->open = sp != NULL && sscanf(sp, " %7s %u", e->action, &e->seq) == 2;
        } else if (!s->open) {
                return 0; /* "no route-map NAME optimization", "!" */
        } else if (strcmp(line, "exit") == 0) {
                rm_entry_show(s);
                rm_entry_clear(e);
                s->open = false;
        } else if (strncmp(line, " call ", 6) == 0) {
                snprintf(e->call, sizeof(e->call), "%s", line + 6);
        } else if (strcmp(line, " on-match next") == 0) {
                snprintf(e->exit_policy, sizeof(e->exit_policy), "Continue to next entry");
        } else if (sscanf(line, " on-match goto %u", &goto_seq) == 1) {
                snprintf(e->exit_policy, sizeof(e->exit_policy), "Goto %u", goto_seq);
        } else if (strncmp(line, " match ", 7) == 0 && e->n_match < 8) {
                e->match[e->n_match++] = strdup(line + 7);
        } else if (strncmp(line, " set ", 5) == 0 && e->n_set < 8) {
                e->set[e->n_set++] = strdup(line + 5);
        }
        return 0;
}

/* The map's first line, once: libbgp prints "no route-map NAME optimization" before the
 * entries when it is turned off, which the header shows. */
static void rm_header(struct rm_show *s)
{
        if (s->header_done || s->out == NULL)
                return;
        s->header_done = true;
        fprintf(s->out, "route-map: %s Optimization: %s Processed Change: false\n", s->name,
                s->no_optimization ? "disabled" : "enabled");
}

static void rm_show_one(const struct lbgpd *d, const char *name, FILE *out, json_object *top)
{
        const struct bgp_route_map *map = bgp_policy_find_route_map(d->policy, name);
        struct rm_show s = {.cfg = config_find_route_map(d->cfg, name), .out = out, .name = name};
        if (map == NULL)
                return;
        if (top == NULL) {
                bgp_route_map_print(map, rm_line, &s);
                rm_header(&s); /* a map without entries */
                rm_entry_clear(&s.e);
                return;
        }
        json_object *o = json_object_new_object();
        s.out = NULL;
        s.rules = json_object_new_array();
        bgp_route_map_print(map, rm_line, &s);
        rm_entry_clear(&s.e);
        json_object_object_add(o, "disabledOptimization",
                               json_object_new_boolean(s.no_optimization));
        json_object_object_add(o, "processedChange", json_object_new_boolean(false));
        json_object_object_add(o, "rules", s.rules);
        json_object_object_add(top, name, o);
}

int lbgpd_show_route_map(struct lbgpd *d, const char *name, bool json, FILE *out)
{
        const struct config *cfg = d->cfg;
        const char **names = calloc(cfg->n_route_maps + 1, sizeof(*names));
        size_t n = 0;
        if (names == NULL) {
                fputs("% Out of memory\n", out);
                return -1;
        }
        for (size_t i = 0; i < cfg->n_route_maps; i++)
                if (name == NULL || strcmp(cfg->route_maps[i].name, name) == 0)
                        names[n++] = cfg->route_maps[i].name;
        qsort(names, n, sizeof(*names), by_name);
        if (json) {
                json_object *top = json_object_new_object(), *bgp = json_object_new_object();
                for (size_t i = 0; i < n; i++)
                        rm_show_one(d, names[i], out, bgp);
                json_object_object_add(top, "BGP", bgp);
                fprintf(out, "%s\n", json_object_to_json_string_ext(top, JSON_C_TO_STRING_PRETTY));
                json_object_put(top);
        } else {
                fputs("BGP:\n", out);
                for (size_t i = 0; i < n; i++)
                        rm_show_one(d, names[i], out, NULL);
                /* FRR's answer for an unknown name is no error, just this line. */
                if (name != NULL && n == 0)
                        fprintf(out, "BGP: 'route-map %s' not found\n", name);
        }
        free(names);
        return 0;
}
