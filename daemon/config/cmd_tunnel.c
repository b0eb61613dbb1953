/*
 * cmd_tunnel.c - `tunnel NAME` sections: one end of a downstream tunnel, in the language of
 * lbgp-tunnel's files (tools/lbgp-tunnel/README.md), so that a router needs one file.
 *
 * The statements are read by lbgp-tunnel's own parser (tconf.h), a line at a time as
 * lbgpd's lexer splits them, not by the command table: there is one grammar and one set of
 * checks for both, and an error says FILE:LINE:COL of lbgpd's file with the word, as
 * `lbgp-tunnel check` would.  A section starts at `tunnel NAME` from any block (a top-level
 * line leaves the block it is in, as in FRR) and ends at `exit`, `end` or the first line
 * that is not one of its statements, which is then read as a line of the top level.
 */
#include <stdlib.h>
#include <string.h>

#include "parser.h"
#include "tconf.h"

/* The number of errors the diagnostics gained, added to the parse's own count. */
static size_t count(struct parse *p, size_t errors)
{
        p->errors += errors;
        return errors;
}

static bool start_section(struct parse *p, const struct lexed_line *l)
{
        struct config *cfg = p->cfg;
        struct tunnel_conf *c = config_arena_alloc(p->arena, sizeof(*c));
        bool bad;

        if (c == NULL || ARENA_GROW(p->arena, cfg->tunnels, cfg->n_tunnels) == NULL ||
            ARENA_GROW(p->arena, p->tunnel_bad, cfg->n_tunnels) == NULL) {
                parse_nomem(p);
                return true;
        }
        tconf_init(c, p->file);
        bad = count(p, tconf_statement(c, l, p->diags)) > 0;
        if (bad) {
                /* The name is wrong, but the section's lines follow: read them as its
                 * statements (each is still checked) rather than as unknown commands. */
                c->has_name = true;
        } else {
                for (size_t i = 0; i < cfg->n_tunnels; i++) {
                        if (strcmp(cfg->tunnels[i].name, c->name) != 0)
                                continue;
                        parse_error(p, 1,
                                    "tunnel %s is given twice (first at line %u): one section "
                                    "per interface",
                                    c->name, (unsigned)cfg->tunnels[i].loc.line);
                        bad = true;
                        break;
                }
        }
        p->tunnel = cfg->n_tunnels;
        p->tconf = c;
        p->tunnel_bad[p->tunnel] = bad;
        cfg->tunnels[cfg->n_tunnels++] = (struct config_tunnel){
            .name = parse_strdup(p, c->name),
            .loc = parse_loc(p, 1),
            .conf = c,
        };
        /* A line of the top level: it leaves whatever block it is in, detached or not. */
        p->node = NODE_CONFIG;
        p->detached_node = NODE_CONFIG;
        parse_enter(p, NODE_TUNNEL, false);
        return true;
}

bool cmd_tunnel_line(struct parse *p, const struct lexed_line *l)
{
        const struct token *first = &l->tok[0];

        if (l->n == 0 || first->quoted)
                return false;
        if (strcmp(first->text, "tunnel") == 0)
                return start_section(p, l);
        if (p->node != NODE_TUNNEL || !tconf_is_statement(first->text))
                return false;
        if (count(p, tconf_statement(p->tconf, l, p->diags)) > 0)
                p->tunnel_bad[p->tunnel] = true;
        return true;
}
