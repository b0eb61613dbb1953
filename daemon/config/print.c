/*
 * print.c - "show running-config": the configuration as FRR would print it, in FRR's order
 * (global lines, tunnel sections, static routes, router bgp, prefix-lists, community and AS-path
 * lists, route-maps) and indentation, each block closed with "exit" and separated by "!".
 *
 * The output parses back to an equal configuration (config_equal()), so printing what was
 * parsed and parsing it again is a fixed point: tests hold it to that.  Settings left to
 * defaults are not printed; settings written explicitly are, even when they equal the
 * default, because that is what was written.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "strbuf.h"
#include "value.h"

/* ---- words and text ------------------------------------------------------------------------ */

/* Whether text would not read back as the same words without quotes. */
static bool needs_quotes(const char *s, bool single_word)
{
        if (*s == '\0')
                return true;
        bool word_start = true;
        for (const char *p = s; *p; p++) {
                if (*p == ' ') {
                        if (single_word || word_start) /* a leading or doubled space */
                                return true;
                        word_start = true;
                        continue;
                }
                if (*p == '\t' || *p == '\n' || *p == '\r' || *p == '\v' || *p == '\f')
                        return true;
                if (word_start && *p == '"')
                        return true;
                if (word_start && p == s && (*p == '!' || *p == '#'))
                        return true;
                word_start = false;
        }
        return word_start; /* a trailing space */
}

static void put_quoted(struct strbuf *sb, const char *s)
{
        strbuf_putc(sb, '"');
        for (const char *p = s; *p; p++) {
                if (*p == '"' || *p == '\\')
                        strbuf_putc(sb, '\\');
                strbuf_putc(sb, *p);
        }
        strbuf_putc(sb, '"');
}

/* A name or other single word. */
static void put_word(struct strbuf *sb, const char *s)
{
        if (needs_quotes(s, true))
                put_quoted(sb, s);
        else
                strbuf_puts(sb, s);
}

/* Free text that ends the line (descriptions, messages, regular expressions). */
static void put_text(struct strbuf *sb, const char *s)
{
        if (needs_quotes(s, false))
                put_quoted(sb, s);
        else
                strbuf_puts(sb, s);
}

static void put_prefix(struct strbuf *sb, const struct bgp_prefix *p)
{
        char buf[64];
        bgp_prefix_format(p, buf, sizeof(buf));
        strbuf_puts(sb, buf);
}

static void put_addr(struct strbuf *sb, uint16_t afi, const uint8_t *addr)
{
        char buf[INET6_ADDRSTRLEN];
        inet_ntop(afi == BGP_AFI_IPV6 ? AF_INET6 : AF_INET, addr, buf, sizeof(buf));
        strbuf_puts(sb, buf);
}

static const char *action_name(enum config_action a)
{
        return a == CONFIG_PERMIT ? "permit" : "deny";
}

/* ---- global lines ------------------------------------------------------------------------ */

static const char *level_name(enum config_log_level l)
{
        static const char *const names[] = {
            "",         "emergencies",   "alerts",        "critical", "errors",
            "warnings", "notifications", "informational", "debugging"};
        return names[l];
}

static void put_log(struct strbuf *sb, const char *target, const struct config_log_target *t,
                    const char *path)
{
        if (!t->enabled)
                return;
        strbuf_printf(sb, "log %s", target);
        if (path != NULL) {
                strbuf_putc(sb, ' ');
                put_word(sb, path);
        }
        if (t->level != CONFIG_LOG_DEFAULT)
                strbuf_printf(sb, " %s", level_name(t->level));
        strbuf_putc(sb, '\n');
}

static void print_global(struct strbuf *sb, const struct config *cfg)
{
        if (cfg->frr_version) {
                strbuf_puts(sb, "frr version ");
                put_text(sb, cfg->frr_version);
                strbuf_putc(sb, '\n');
        }
        if (cfg->frr_defaults != CONFIG_DEFAULTS_UNSET)
                strbuf_printf(sb, "frr defaults %s\n",
                              cfg->frr_defaults == CONFIG_DEFAULTS_DATACENTER ? "datacenter"
                                                                              : "traditional");
        if (cfg->hostname) {
                strbuf_puts(sb, "hostname ");
                put_word(sb, cfg->hostname);
                strbuf_putc(sb, '\n');
        }
        put_log(sb, "file", &cfg->log.to_file, cfg->log.file_path);
        put_log(sb, "stdout", &cfg->log.to_stdout, NULL);
        put_log(sb, "syslog", &cfg->log.to_syslog, NULL);
        if (cfg->service_integrated_vtysh_config)
                strbuf_puts(sb, "service integrated-vtysh-config\n");
        strbuf_puts(sb, "!\n");
}

static void print_static_routes(struct strbuf *sb, const struct config *cfg)
{
        for (int pass = 0; pass < 2; pass++) {
                uint16_t afi = pass == 0 ? BGP_AFI_IPV4 : BGP_AFI_IPV6;
                size_t printed = 0;
                for (size_t i = 0; i < cfg->n_static_routes; i++) {
                        const struct config_static_route *r = &cfg->static_routes[i];
                        if (r->prefix.afi != afi)
                                continue;
                        strbuf_puts(sb, afi == BGP_AFI_IPV6 ? "ipv6 route " : "ip route ");
                        put_prefix(sb, &r->prefix);
                        switch (r->kind) {
                        case CONFIG_STATIC_BLACKHOLE:
                                strbuf_puts(sb, " blackhole");
                                break;
                        case CONFIG_STATIC_REJECT:
                                strbuf_puts(sb, " reject");
                                break;
                        case CONFIG_STATIC_NEXTHOP:
                                strbuf_putc(sb, ' ');
                                put_addr(sb, afi, r->nexthop);
                                break;
                        case CONFIG_STATIC_INTERFACE:
                                break;
                        }
                        if (r->ifname)
                                strbuf_printf(sb, " %s", r->ifname);
                        if (r->tag)
                                strbuf_printf(sb, " tag %u", (unsigned)r->tag);
                        if (r->distance)
                                strbuf_printf(sb, " %u", (unsigned)r->distance);
                        strbuf_putc(sb, '\n');
                        printed++;
                }
                if (printed)
                        strbuf_puts(sb, "!\n");
        }
}

/* ---- tunnel sections ---------------------------------------------------------------------- */

/* Where FRR prints its interface blocks: after the global lines, before the routes and the
 * router that may name the tunnel.  The body is lbgp-tunnel's own text, indented. */
static void print_tunnels(struct strbuf *sb, const struct config *cfg)
{
        for (size_t i = 0; i < cfg->n_tunnels; i++) {
                const char *line = cfg->tunnels[i].text;
                bool first = true;

                while (line != NULL && *line != '\0') {
                        const char *nl = strchr(line, '\n');
                        size_t len = nl != NULL ? (size_t)(nl - line) : strlen(line);

                        strbuf_printf(sb, "%s%.*s\n", first ? "" : " ", (int)len, line);
                        first = false;
                        line += len + (nl != NULL);
                }
                strbuf_puts(sb, "exit\n!\n");
        }
}

/* ---- router bgp --------------------------------------------------------------------------- */

static void put_tristate(struct strbuf *sb, enum config_tristate t, const char *line)
{
        if (t == CONFIG_ON)
                strbuf_printf(sb, " %s\n", line);
        else if (t == CONFIG_OFF)
                strbuf_printf(sb, " no %s\n", line);
}

static void print_neighbor(struct strbuf *sb, const struct config_neighbor *nb)
{
        const char *a = nb->addr_text;

        switch (nb->remote_as_kind) {
        case CONFIG_REMOTE_AS_NUMBER:
                strbuf_printf(sb, " neighbor %s remote-as %u\n", a, (unsigned)nb->remote_as);
                break;
        case CONFIG_REMOTE_AS_INTERNAL:
                strbuf_printf(sb, " neighbor %s remote-as internal\n", a);
                break;
        case CONFIG_REMOTE_AS_EXTERNAL:
                strbuf_printf(sb, " neighbor %s remote-as external\n", a);
                break;
        }
        if (nb->local_as) {
                strbuf_printf(sb, " neighbor %s local-as %u", a, (unsigned)nb->local_as);
                if (nb->local_as_no_prepend)
                        strbuf_puts(sb, " no-prepend");
                if (nb->local_as_replace_as)
                        strbuf_puts(sb, " replace-as");
                strbuf_putc(sb, '\n');
        }
        if (nb->description) {
                strbuf_printf(sb, " neighbor %s description ", a);
                put_text(sb, nb->description);
                strbuf_putc(sb, '\n');
        }
        if (nb->shutdown) {
                strbuf_printf(sb, " neighbor %s shutdown", a);
                if (nb->shutdown_message) {
                        strbuf_puts(sb, " message ");
                        put_text(sb, nb->shutdown_message);
                }
                strbuf_putc(sb, '\n');
        }
        if (nb->password) {
                strbuf_printf(sb, " neighbor %s password ", a);
                put_word(sb, nb->password);
                strbuf_putc(sb, '\n');
        }
        if (nb->passive)
                strbuf_printf(sb, " neighbor %s passive\n", a);
        if (nb->ebgp_multihop) {
                if (nb->ebgp_multihop_given)
                        strbuf_printf(sb, " neighbor %s ebgp-multihop %u\n", a,
                                      (unsigned)nb->ebgp_multihop);
                else
                        strbuf_printf(sb, " neighbor %s ebgp-multihop\n", a);
        }
        if (nb->ttl_security_hops)
                strbuf_printf(sb, " neighbor %s ttl-security hops %u\n", a,
                              (unsigned)nb->ttl_security_hops);
        bool any_discard = false;
        for (unsigned t = 1; t < 256; t++)
                if (nb->discard_attrs[t / 32] & (1u << (t % 32))) {
                        if (!any_discard)
                                strbuf_printf(sb, " neighbor %s path-attribute discard", a);
                        strbuf_printf(sb, " %u", t);
                        any_discard = true;
                }
        if (any_discard)
                strbuf_putc(sb, '\n');
        switch (nb->update_source.kind) {
        case CONFIG_UPDATE_SOURCE_NONE:
                break;
        case CONFIG_UPDATE_SOURCE_ADDRESS:
                strbuf_printf(sb, " neighbor %s update-source ", a);
                put_addr(sb, nb->update_source.afi, nb->update_source.addr);
                strbuf_putc(sb, '\n');
                break;
        case CONFIG_UPDATE_SOURCE_INTERFACE:
                strbuf_printf(sb, " neighbor %s update-source %s\n", a, nb->update_source.ifname);
                break;
        }
        if (nb->timers_given)
                strbuf_printf(sb, " neighbor %s timers %u %u\n", a, (unsigned)nb->keepalive,
                              (unsigned)nb->holdtime);
        if (nb->connect_retry)
                strbuf_printf(sb, " neighbor %s timers connect %u\n", a,
                              (unsigned)nb->connect_retry);
}

static void put_ref(struct strbuf *sb, const char *addr, const char *what,
                    const struct config_ref ref[CONFIG_DIR_COUNT])
{
        for (int d = 0; d < CONFIG_DIR_COUNT; d++) {
                if (ref[d].name == NULL)
                        continue;
                strbuf_printf(sb, "  neighbor %s %s ", addr, what);
                put_word(sb, ref[d].name);
                strbuf_puts(sb, d == CONFIG_IN ? " in\n" : " out\n");
        }
}

static void print_neighbor_af(struct strbuf *sb, const struct config_neighbor *nb,
                              const struct config_neighbor_af *naf)
{
        const char *a = nb->addr_text;

        if (naf->activate == CONFIG_ON)
                strbuf_printf(sb, "  neighbor %s activate\n", a);
        else if (naf->activate == CONFIG_OFF)
                strbuf_printf(sb, "  no neighbor %s activate\n", a);
        if (naf->next_hop_self)
                strbuf_printf(sb, "  neighbor %s next-hop-self%s\n", a,
                              naf->next_hop_self_force ? " force" : "");
        if (naf->soft_reconfig_in)
                strbuf_printf(sb, "  neighbor %s soft-reconfiguration inbound\n", a);
        const struct config_max_prefix *mp = &naf->max_prefix;
        if (mp->given) {
                strbuf_printf(sb, "  neighbor %s maximum-prefix %u", a, (unsigned)mp->max);
                if (mp->threshold)
                        strbuf_printf(sb, " %u", (unsigned)mp->threshold);
                if (mp->force)
                        strbuf_puts(sb, " force");
                if (mp->warning_only)
                        strbuf_puts(sb, " warning-only");
                if (mp->restart)
                        strbuf_printf(sb, " restart %u", (unsigned)mp->restart);
                strbuf_putc(sb, '\n');
        }
        put_ref(sb, a, "prefix-list", naf->prefix_list);
        put_ref(sb, a, "route-map", naf->route_map);
        put_ref(sb, a, "filter-list", naf->filter_list);
}

static bool af_has_content(const struct config_bgp *bgp, enum config_af af)
{
        if (bgp->af[af].given || bgp->af[af].n_networks)
                return true;
        for (size_t i = 0; i < bgp->n_neighbors; i++)
                if (bgp->neighbors[i].af[af].activate != CONFIG_UNSET ||
                    bgp->neighbors[i].af[af].any_setting)
                        return true;
        return false;
}

static void print_bgp(struct strbuf *sb, const struct config *cfg)
{
        const struct config_bgp *bgp = &cfg->bgp;

        if (!bgp->given)
                return;
        strbuf_printf(sb, "router bgp %u\n", (unsigned)bgp->asn);
        if (bgp->router_id_given) {
                strbuf_puts(sb, " bgp router-id ");
                put_addr(sb, BGP_AFI_IPV4, bgp->router_id);
                strbuf_putc(sb, '\n');
        }
        put_tristate(sb, bgp->log_neighbor_changes, "bgp log-neighbor-changes");
        put_tristate(sb, bgp->ebgp_requires_policy, "bgp ebgp-requires-policy");
        put_tristate(sb, bgp->default_ipv4_unicast, "bgp default ipv4-unicast");
        for (size_t i = 0; i < bgp->n_neighbors; i++)
                print_neighbor(sb, &bgp->neighbors[i]);

        for (int af = 0; af < CONFIG_AF_COUNT; af++) {
                if (!af_has_content(bgp, (enum config_af)af))
                        continue;
                strbuf_printf(sb, " !\n address-family %s\n", config_af_name((enum config_af)af));
                for (size_t i = 0; i < bgp->af[af].n_networks; i++) {
                        const struct config_network *n = &bgp->af[af].networks[i];
                        strbuf_puts(sb, "  network ");
                        put_prefix(sb, &n->prefix);
                        if (n->route_map) {
                                strbuf_puts(sb, " route-map ");
                                put_word(sb, n->route_map);
                        }
                        strbuf_putc(sb, '\n');
                }
                for (size_t i = 0; i < bgp->n_neighbors; i++)
                        print_neighbor_af(sb, &bgp->neighbors[i], &bgp->neighbors[i].af[af]);
                strbuf_puts(sb, " exit-address-family\n");
        }
        strbuf_puts(sb, "exit\n!\n");
}

/* ---- lists --------------------------------------------------------------------------------- */

static void print_prefix_lists(struct strbuf *sb, const struct config *cfg)
{
        for (int pass = 0; pass < 2; pass++) {
                uint16_t afi = pass == 0 ? BGP_AFI_IPV4 : BGP_AFI_IPV6;
                const char *kw = afi == BGP_AFI_IPV6 ? "ipv6" : "ip";
                size_t printed = 0;
                for (size_t i = 0; i < cfg->n_prefix_lists; i++) {
                        const struct config_prefix_list *pl = &cfg->prefix_lists[i];
                        if (pl->afi != afi)
                                continue;
                        if (pl->description) {
                                strbuf_printf(sb, "%s prefix-list ", kw);
                                put_word(sb, pl->name);
                                strbuf_puts(sb, " description ");
                                put_text(sb, pl->description);
                                strbuf_putc(sb, '\n');
                        }
                        for (size_t k = 0; k < pl->n_entries; k++) {
                                const struct config_prefix_entry *e = &pl->entries[k];
                                strbuf_printf(sb, "%s prefix-list ", kw);
                                put_word(sb, pl->name);
                                strbuf_printf(sb, " seq %u %s ", (unsigned)e->seq,
                                              action_name(e->action));
                                if (e->any) {
                                        strbuf_puts(sb, "any\n");
                                        continue;
                                }
                                put_prefix(sb, &e->prefix);
                                if (e->ge)
                                        strbuf_printf(sb, " ge %u", (unsigned)e->ge);
                                if (e->le)
                                        strbuf_printf(sb, " le %u", (unsigned)e->le);
                                strbuf_putc(sb, '\n');
                        }
                        printed++;
                }
                if (printed)
                        strbuf_puts(sb, "!\n");
        }
}

static void put_large(struct strbuf *sb, const struct config_large_community *c)
{
        strbuf_printf(sb, "%u:%u:%u", (unsigned)c->global, (unsigned)c->local1,
                      (unsigned)c->local2);
}

static void put_community(struct strbuf *sb, uint32_t c)
{
        char buf[64];
        value_community_format(c, buf, sizeof(buf));
        strbuf_puts(sb, buf);
}

static void print_community_lists(struct strbuf *sb, const struct config *cfg)
{
        size_t printed = 0;

        for (int pass = 0; pass < 2; pass++) {
                bool large = pass == 1;
                for (size_t i = 0; i < cfg->n_community_lists; i++) {
                        const struct config_community_list *cl = &cfg->community_lists[i];
                        if (cl->large != large)
                                continue;
                        for (size_t k = 0; k < cl->n_entries; k++) {
                                const struct config_community_entry *e = &cl->entries[k];
                                strbuf_puts(sb, large ? "bgp large-community-list "
                                                      : "bgp community-list ");
                                if (!cl->numbered)
                                        strbuf_puts(sb, cl->style == CONFIG_LIST_STANDARD
                                                            ? "standard "
                                                            : "expanded ");
                                put_word(sb, cl->name);
                                strbuf_printf(sb, " seq %u %s ", (unsigned)e->seq,
                                              action_name(e->action));
                                if (cl->style == CONFIG_LIST_EXPANDED) {
                                        put_text(sb, e->regex);
                                } else {
                                        for (size_t v = 0; v < e->n_values; v++) {
                                                if (v)
                                                        strbuf_putc(sb, ' ');
                                                if (large)
                                                        put_large(sb, &e->large[v]);
                                                else
                                                        put_community(sb, e->values[v]);
                                        }
                                }
                                strbuf_putc(sb, '\n');
                        }
                        printed++;
                }
        }
        for (size_t i = 0; i < cfg->n_aspath_lists; i++) {
                const struct config_aspath_list *al = &cfg->aspath_lists[i];
                for (size_t k = 0; k < al->n_entries; k++) {
                        strbuf_puts(sb, "bgp as-path access-list ");
                        put_word(sb, al->name);
                        strbuf_printf(sb, " seq %u %s ", (unsigned)al->entries[k].seq,
                                      action_name(al->entries[k].action));
                        put_text(sb, al->entries[k].regex);
                        strbuf_putc(sb, '\n');
                }
                printed++;
        }
        if (printed)
                strbuf_puts(sb, "!\n");
}

/* ---- route-maps ---------------------------------------------------------------------------- */

static void put_set_communities(struct strbuf *sb, const char *what,
                                const struct config_rm_set_communities *s, bool large)
{
        if (!s->given)
                return;
        strbuf_printf(sb, " set %s", what);
        if (s->none) {
                strbuf_puts(sb, " none\n");
                return;
        }
        for (size_t i = 0; i < s->n_values; i++) {
                strbuf_putc(sb, ' ');
                if (large)
                        put_large(sb, &s->large[i]);
                else
                        put_community(sb, s->values[i]);
        }
        strbuf_puts(sb, s->additive ? " additive\n" : "\n");
}

static void print_route_map_entry(struct strbuf *sb, const struct config_route_map *rm,
                                  const struct config_route_map_entry *e)
{
        static const char *const match_words[CONFIG_MATCH_COUNT] = {
            [CONFIG_MATCH_IP_PREFIX_LIST] = "ip address prefix-list",
            [CONFIG_MATCH_IPV6_PREFIX_LIST] = "ipv6 address prefix-list",
            [CONFIG_MATCH_COMMUNITY] = "community",
            [CONFIG_MATCH_LARGE_COMMUNITY] = "large-community",
            [CONFIG_MATCH_AS_PATH] = "as-path",
        };

        strbuf_puts(sb, "route-map ");
        put_word(sb, rm->name);
        strbuf_printf(sb, " %s %u\n", action_name(e->action), (unsigned)e->seq);
        if (e->description) {
                strbuf_puts(sb, " description ");
                put_text(sb, e->description);
                strbuf_putc(sb, '\n');
        }
        for (int m = 0; m < CONFIG_MATCH_COUNT; m++) {
                if (e->match[m].name == NULL)
                        continue;
                strbuf_printf(sb, " match %s ", match_words[m]);
                put_word(sb, e->match[m].name);
                strbuf_puts(sb, e->match[m].exact_match ? " exact-match\n" : "\n");
        }
        put_set_communities(sb, "community", &e->set_community, false);
        put_set_communities(sb, "large-community", &e->set_large_community, true);
        if (e->set_prepend.n_asns) {
                strbuf_puts(sb, " set as-path prepend");
                for (size_t i = 0; i < e->set_prepend.n_asns; i++)
                        strbuf_printf(sb, " %u", (unsigned)e->set_prepend.asns[i]);
                strbuf_putc(sb, '\n');
        }
        if (e->set_local_pref.given)
                strbuf_printf(sb, " set local-preference %u\n", (unsigned)e->set_local_pref.value);
        if (e->set_metric.given)
                strbuf_printf(sb, " set metric %u\n", (unsigned)e->set_metric.value);
        if (e->set_ipv6_nexthop_global.given) {
                strbuf_puts(sb, " set ipv6 next-hop global ");
                put_addr(sb, BGP_AFI_IPV6, e->set_ipv6_nexthop_global.addr);
                strbuf_putc(sb, '\n');
        }
        if (e->on_match == CONFIG_ON_MATCH_NEXT)
                strbuf_puts(sb, " on-match next\n");
        else if (e->on_match == CONFIG_ON_MATCH_GOTO)
                strbuf_printf(sb, " on-match goto %u\n", (unsigned)e->on_match_goto);
        if (e->has_continue) {
                if (e->continue_seq)
                        strbuf_printf(sb, " continue %u\n", (unsigned)e->continue_seq);
                else
                        strbuf_puts(sb, " continue\n");
        }
        strbuf_puts(sb, "exit\n!\n");
}

static void print_route_maps(struct strbuf *sb, const struct config *cfg)
{
        for (size_t i = 0; i < cfg->n_route_maps; i++)
                for (size_t k = 0; k < cfg->route_maps[i].n_entries; k++)
                        print_route_map_entry(sb, &cfg->route_maps[i],
                                              &cfg->route_maps[i].entries[k]);
}

int config_print(const struct config *cfg, char **text, size_t *len)
{
        struct strbuf sb;

        strbuf_init(&sb);
        print_global(&sb, cfg);
        print_tunnels(&sb, cfg);
        print_static_routes(&sb, cfg);
        print_bgp(&sb, cfg);
        print_prefix_lists(&sb, cfg);
        print_community_lists(&sb, cfg);
        print_route_maps(&sb, cfg);
        strbuf_puts(&sb, "end\n");
        if (sb.err) {
                strbuf_free(&sb);
                return CONFIG_ERR_NOMEM;
        }
        *text = sb.s;
        if (len != NULL)
                *len = sb.len;
        return CONFIG_OK;
}
