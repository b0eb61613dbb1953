/*
 * validate.c - checks that need more than one line, run once the whole text is read.
 *
 * What a single line can get wrong (ranges, address syntax, ge/le, forward-only gotos) is
 * checked where the line is read.  What remains here are the combinations FRR refuses:
 * those are errors, because FRR would not have run with them either.  Combinations that
 * are legal but likely mistakes are lints (lint.c), and references to lists that do not
 * exist are legal in FRR (the list may come later, at run time) and so are lints too.
 */
#include "parser.h"

static const struct config_loc *later(const struct config_loc *a, const struct config_loc *b)
{
        return a->line >= b->line ? a : b;
}

static void check_neighbor(struct parse *p, const struct config_neighbor *nb)
{
        const struct config_bgp *bgp = &p->cfg->bgp;

        /* FRR: "ebgp-multihop and ttl-security cannot be configured together"
         * (BGP_ERR_NO_EBGP_MULTIHOP_WITH_TTLHACK): GTSM (RFC 5082) needs the peer one hop
         * away with TTL 255, multihop says it is not. */
        if (nb->ttl_security_hops && nb->ebgp_multihop) {
                parse_error_at(p, *later(&nb->ttl_security_loc, &nb->ebgp_multihop_loc),
                               "neighbor %s: ebgp-multihop and ttl-security cannot be "
                               "configured together; keep ttl-security hops N for a peer N "
                               "hops away",
                               nb->addr_text);
        }

        if (nb->local_as != 0) {
                if (nb->local_as == bgp->asn)
                        parse_error_at(p, nb->local_as_loc,
                                       "neighbor %s: local-as %u is the router's own AS; "
                                       "FRR refuses this too",
                                       nb->addr_text, nb->local_as);
                else if (nb->remote_as_kind == CONFIG_REMOTE_AS_INTERNAL ||
                         (nb->remote_as_kind == CONFIG_REMOTE_AS_NUMBER &&
                          nb->remote_as == bgp->asn))
                        parse_error_at(p, nb->local_as_loc,
                                       "neighbor %s: local-as is allowed only for eBGP "
                                       "neighbors",
                                       nb->addr_text);
        }
}

void config_validate(struct parse *p)
{
        const struct config_bgp *bgp = &p->cfg->bgp;

        for (size_t i = 0; i < bgp->n_neighbors; i++)
                check_neighbor(p, &bgp->neighbors[i]);
        tunnel_validate(p);
}
