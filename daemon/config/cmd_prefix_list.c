/*
 * cmd_prefix_list.c - "ip prefix-list" and "ipv6 prefix-list" (FRR lib/filter_cli.c and
 * lib/filter_nb.c for the rules).
 *
 * IPv4 and IPv6 lists have separate names, as in FRR.  Without "seq" an entry gets the
 * next multiple of 5; an entry with the seq of an existing one replaces it (FRR modifies
 * the entry), which we also say as a warning because it usually is a copy-paste slip.
 */
#include <stdio.h>
#include <string.h>

#include "parser.h"
#include "value.h"

static struct config_prefix_list *find_or_add(struct parse *p, uint16_t afi, const char *name)
{
        struct config *cfg = p->cfg;

        for (size_t i = 0; i < cfg->n_prefix_lists; i++)
                if (cfg->prefix_lists[i].afi == afi && strcmp(cfg->prefix_lists[i].name, name) == 0)
                        return &cfg->prefix_lists[i];
        if (ARENA_GROW(p->arena, cfg->prefix_lists, cfg->n_prefix_lists) == NULL) {
                parse_nomem(p);
                return NULL;
        }
        struct config_prefix_list *pl = config_array_open(cfg->prefix_lists, &cfg->n_prefix_lists,
                                                          sizeof(*pl), cfg->n_prefix_lists);
        pl->afi = afi;
        pl->loc = parse_loc(p, 0);
        pl->name = parse_strdup(p, name);
        return pl->name ? pl : NULL;
}

static uint16_t afi_of(const struct cmd_args *a)
{
        return strcmp(arg_word(a, "afi"), "ipv6") == 0 ? BGP_AFI_IPV6 : BGP_AFI_IPV4;
}

int cmd_prefix_list(struct parse *p, const struct cmd_args *a)
{
        uint16_t afi = afi_of(a);
        struct config_prefix_entry e = {.loc = parse_loc(p, 0)};
        bool host_bits = false;

        e.action = strcmp(arg_word(a, "action"), "permit") == 0 ? CONFIG_PERMIT : CONFIG_DENY;
        e.any = arg_has(a, "any");
        if (!e.any) {
                size_t pi = arg_index(a, "prefix");
                value_prefix(a->tok[pi].text, afi, &e.prefix, &host_bits);
                e.ge = (uint8_t)arg_u32(a, "ge", 0);
                e.le = (uint8_t)arg_u32(a, "le", 0);

                /* FRR lib/filter_nb.c prefix_list_length_validate: len <= ge <= le. */
                char pfx[64];
                bgp_prefix_format(&e.prefix, pfx, sizeof(pfx));
                if (arg_has(a, "ge") && e.ge < e.prefix.len) {
                        parse_error(p, arg_index(a, "ge"),
                                    "invalid prefix range for %s: ge %u is shorter than the "
                                    "prefix length %u (make sure that length <= ge <= le)",
                                    pfx, e.ge, e.prefix.len);
                        return -1;
                }
                if (arg_has(a, "le") && e.le < e.prefix.len) {
                        parse_error(p, arg_index(a, "le"),
                                    "invalid prefix range for %s: le %u is shorter than the "
                                    "prefix length %u (make sure that length <= ge <= le)",
                                    pfx, e.le, e.prefix.len);
                        return -1;
                }
                if (arg_has(a, "ge") && arg_has(a, "le") && e.ge > e.le) {
                        size_t at = arg_index(a, "ge") < arg_index(a, "le") ? arg_index(a, "le")
                                                                            : arg_index(a, "ge");
                        parse_error(p, at,
                                    "invalid prefix range for %s: ge %u is greater than le %u "
                                    "(make sure that length <= ge <= le)",
                                    pfx, e.ge, e.le);
                        return -1;
                }
                if (host_bits)
                        parse_warning(p, pi,
                                      "'%s' has host bits set; it is read as %s (FRR does the "
                                      "same without telling): write %s",
                                      a->tok[pi].text, pfx, pfx);
        }

        if (parse_detached(p))
                return 0;
        struct config_prefix_list *pl = find_or_add(p, afi, arg_word(a, "name"));
        if (pl == NULL)
                return -1;

        uint32_t highest = pl->n_entries ? pl->entries[pl->n_entries - 1].seq : 0;
        e.seq = arg_has(a, "seq") ? arg_u32(a, "seq", 0) : seq_auto(highest);

        size_t at = 0;
        while (at < pl->n_entries && pl->entries[at].seq < e.seq)
                at++;
        if (at < pl->n_entries && pl->entries[at].seq == e.seq) {
                parse_warning(p, arg_index(a, "seq"),
                              "seq %u of %s prefix-list %s was already defined at line %u; "
                              "this line replaces it",
                              e.seq, afi == BGP_AFI_IPV6 ? "ipv6" : "ip", pl->name,
                              pl->entries[at].loc.line);
                pl->entries[at] = e;
                return 0;
        }
        if (ARENA_GROW(p->arena, pl->entries, pl->n_entries) == NULL)
                return parse_nomem(p);
        *(struct config_prefix_entry *)config_array_open(pl->entries, &pl->n_entries, sizeof(e),
                                                         at) = e;
        return 0;
}

int cmd_prefix_list_description(struct parse *p, const struct cmd_args *a)
{
        if (parse_detached(p))
                return 0;
        struct config_prefix_list *pl = find_or_add(p, afi_of(a), arg_word(a, "name"));
        if (pl == NULL)
                return -1;
        pl->description = arg_text(p, a, "text");
        return pl->description ? 0 : -1;
}
