/*
 * cmd_lists.c - "bgp community-list", "bgp large-community-list" and "bgp as-path
 * access-list" (FRR bgpd/bgp_vty.c, bgpd/bgp_filter.c).
 *
 * Standard lists compare values, expanded lists and as-path lists match a regular
 * expression in FRR's dialect against the attribute's text.  Numbered community lists
 * (1-99 standard, 100-500 expanded) are named lists whose name is the number.  A list has
 * one style: adding an expanded entry to a standard list is an error, as in FRR.
 */
#include <string.h>

#include "parser.h"
#include "regex_check.h"
#include "value.h"

static enum config_action action_of(const struct cmd_args *a)
{
        return strcmp(arg_word(a, "action"), "permit") == 0 ? CONFIG_PERMIT : CONFIG_DENY;
}

static int check_regex(struct parse *p, const struct cmd_args *a, const char *regex)
{
        char err[256];
        if (regex_check(regex, err, sizeof(err)))
                return 0;
        parse_error(p, arg_index(a, "regex"), "invalid regular expression '%s': %s", regex, err);
        return -1;
}

/* The index at which seq goes in entries sorted by seq, and whether it is taken. */
#define SEQ_SLOT(v, n, want, at, taken)                                                            \
        do {                                                                                       \
                (at) = 0;                                                                          \
                while ((at) < (n) && (v)[(at)].seq < (want))                                       \
                        (at)++;                                                                    \
                (taken) = (at) < (n) && (v)[(at)].seq == (want);                                   \
        } while (0)

int cmd_community_list(struct parse *p, const struct cmd_args *a)
{
        struct config *cfg = p->cfg;
        bool large = arg_has(a, "large");
        bool numbered = arg_has(a, "num");
        const char *name = numbered ? arg_word(a, "num") : arg_word(a, "name");
        enum config_list_style style =
            arg_has(a, "regex") ? CONFIG_LIST_EXPANDED : CONFIG_LIST_STANDARD;
        struct config_community_entry e = {.loc = parse_loc(p, 0), .action = action_of(a)};

        if (style == CONFIG_LIST_EXPANDED) {
                e.regex = arg_text(p, a, "regex");
                if (e.regex == NULL || check_regex(p, a, e.regex) != 0)
                        return -1;
        } else {
                const struct pat_capture *c = pat_capture_get(a->m, "values");
                e.n_values = c->count;
                if (large)
                        e.large = config_arena_alloc(p->arena, c->count * sizeof(*e.large));
                else
                        e.values = config_arena_alloc(p->arena, c->count * sizeof(*e.values));
                if (e.large == NULL && e.values == NULL)
                        return parse_nomem(p);
                for (size_t i = 0; i < c->count; i++) {
                        const char *w = a->tok[c->first + i].text;
                        if (large)
                                value_large_community(w, &e.large[i]);
                        else
                                value_community(w, &e.values[i]);
                }
        }
        if (parse_detached(p))
                return 0;

        struct config_community_list *cl = NULL;
        for (size_t i = 0; i < cfg->n_community_lists && cl == NULL; i++)
                if (cfg->community_lists[i].large == large &&
                    strcmp(cfg->community_lists[i].name, name) == 0)
                        cl = &cfg->community_lists[i];
        if (cl == NULL) {
                if (ARENA_GROW(p->arena, cfg->community_lists, cfg->n_community_lists) == NULL)
                        return parse_nomem(p);
                cl = config_array_open(cfg->community_lists, &cfg->n_community_lists, sizeof(*cl),
                                       cfg->n_community_lists);
                cl->loc = parse_loc(p, 0);
                cl->large = large;
                cl->numbered = numbered;
                cl->style = style;
                cl->name = parse_strdup(p, name);
                if (cl->name == NULL)
                        return -1;
        } else if (cl->style != style) {
                /* FRR: "% Community name conflict, previously defined as ..." */
                parse_error(p, 2,
                            "%s-list %s was defined as %s at line %u; a list cannot mix "
                            "standard and expanded entries",
                            large ? "large-community" : "community", name,
                            cl->style == CONFIG_LIST_STANDARD ? "standard" : "expanded",
                            cl->loc.line);
                return -1;
        }

        uint32_t highest = cl->n_entries ? cl->entries[cl->n_entries - 1].seq : 0;
        e.seq = arg_has(a, "seq") ? arg_u32(a, "seq", 0) : seq_auto(highest);
        size_t at;
        bool taken;
        SEQ_SLOT(cl->entries, cl->n_entries, e.seq, at, taken);
        if (taken) {
                parse_warning(p, arg_index(a, "seq"),
                              "seq %u of %s-list %s was already defined at line %u; this line "
                              "replaces it",
                              e.seq, large ? "large-community" : "community", name,
                              cl->entries[at].loc.line);
                cl->entries[at] = e;
                return 0;
        }
        if (ARENA_GROW(p->arena, cl->entries, cl->n_entries) == NULL)
                return parse_nomem(p);
        *(struct config_community_entry *)config_array_open(cl->entries, &cl->n_entries, sizeof(e),
                                                            at) = e;
        return 0;
}

int cmd_aspath_list(struct parse *p, const struct cmd_args *a)
{
        struct config *cfg = p->cfg;
        const char *name = arg_word(a, "name");
        struct config_aspath_entry e = {.loc = parse_loc(p, 0), .action = action_of(a)};

        e.regex = arg_text(p, a, "regex");
        if (e.regex == NULL || check_regex(p, a, e.regex) != 0)
                return -1;
        if (parse_detached(p))
                return 0;

        struct config_aspath_list *al = NULL;
        for (size_t i = 0; i < cfg->n_aspath_lists && al == NULL; i++)
                if (strcmp(cfg->aspath_lists[i].name, name) == 0)
                        al = &cfg->aspath_lists[i];
        if (al == NULL) {
                if (ARENA_GROW(p->arena, cfg->aspath_lists, cfg->n_aspath_lists) == NULL)
                        return parse_nomem(p);
                al = config_array_open(cfg->aspath_lists, &cfg->n_aspath_lists, sizeof(*al),
                                       cfg->n_aspath_lists);
                al->loc = parse_loc(p, 0);
                al->name = parse_strdup(p, name);
                if (al->name == NULL)
                        return -1;
        }

        uint32_t highest = al->n_entries ? al->entries[al->n_entries - 1].seq : 0;
        e.seq = arg_has(a, "seq") ? arg_u32(a, "seq", 0) : seq_auto(highest);
        size_t at;
        bool taken;
        SEQ_SLOT(al->entries, al->n_entries, e.seq, at, taken);
        if (taken) {
                parse_warning(p, arg_index(a, "seq"),
                              "seq %u of as-path access-list %s was already defined at line "
                              "%u; this line replaces it",
                              e.seq, name, al->entries[at].loc.line);
                al->entries[at] = e;
                return 0;
        }
        if (ARENA_GROW(p->arena, al->entries, al->n_entries) == NULL)
                return parse_nomem(p);
        *(struct config_aspath_entry *)config_array_open(al->entries, &al->n_entries, sizeof(e),
                                                         at) = e;
        return 0;
}
