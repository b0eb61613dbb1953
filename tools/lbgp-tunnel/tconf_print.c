/*
 * tconf_print.c - a tunnel description back to its statements (tconf.h).
 *
 * lbgpd prints its `tunnel` sections with this in `show running-config`, and compares two
 * sections by their texts on a reload: the text holds every setting that was given and
 * nothing else (no locations, no defaults that were not written), in one order and one
 * spelling ("gif" is printed "sit", a route "::/0" "default"), so reading it back yields a
 * description whose text is the same.
 */
#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tconf.h"

struct out {
        char *buf;
        size_t len;  /* room in buf, NUL included */
        size_t used; /* what the whole text needs so far */
};

static void put(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(struct out *o, const char *fmt, ...)
{
        va_list ap;
        int n;

        va_start(ap, fmt);
        n = vsnprintf(o->used < o->len ? o->buf + o->used : NULL,
                      o->used < o->len ? o->len - o->used : 0, fmt, ap);
        va_end(ap);
        if (n > 0)
                o->used += (size_t)n;
}

static const char *addr_text(uint16_t afi, const uint8_t addr[16], char *buf, size_t len)
{
        if (inet_ntop(afi == BGP_AFI_IPV4 ? AF_INET : AF_INET6, addr, buf, (socklen_t)len) == NULL)
                snprintf(buf, len, "?");
        return buf;
}

static const char *prefix_text(const struct bgp_prefix *p, bool allow_default, char *buf,
                               size_t len)
{
        if (allow_default && p->len == 0)
                snprintf(buf, len, "default");
        else
                bgp_prefix_format(p, buf, len);
        return buf;
}

/* Whether the lexer would read the text back as other words: a quote, a backslash, a
 * word that would start a comment, or spacing that splitting and joining would change. */
static bool needs_quotes(const char *s)
{
        bool word_start = true;

        if (*s == '\0' || *s == ' ')
                return true;
        for (const char *p = s; *p != '\0'; p++) {
                if (*p == '"' || *p == '\\' || *p == '\t' || (word_start && *p == '#'))
                        return true;
                if (*p == ' ') {
                        if (word_start)
                                return true; /* two spaces in a row */
                        word_start = true;
                        continue;
                }
                word_start = false;
        }
        return word_start; /* a trailing space */
}

static void put_description(struct out *o, const char *indent, const char *text)
{
        if (!needs_quotes(text)) {
                put(o, "%sdescription %s\n", indent, text);
                return;
        }
        put(o, "%sdescription \"", indent);
        for (const char *p = text; *p != '\0'; p++)
                put(o, "%s%c", (*p == '"' || *p == '\\') ? "\\" : "", *p);
        put(o, "\"\n");
}

size_t tconf_format(const struct tunnel_conf *c, const char *indent, char *buf, size_t len)
{
        struct out o = {.buf = buf, .len = len};
        char a[64], b[64];

        if (len > 0)
                buf[0] = '\0';
        put(&o, "%stunnel %s\n", indent, c->name);
        if (c->has_kind)
                put(&o, "%skind %s\n", indent, tunnel_kind_name(c->kind));
        if (c->description[0] != '\0')
                put_description(&o, indent, c->description);
        if (c->has_local)
                put(&o, "%slocal %s\n", indent, addr_text(c->local_afi, c->local, a, sizeof(a)));
        if (c->has_remote)
                put(&o, "%sremote %s\n", indent, addr_text(c->remote_afi, c->remote, a, sizeof(a)));
        if (c->has_key)
                put(&o, "%skey %u\n", indent, (unsigned)c->key);
        if (c->has_ttl)
                put(&o, "%sttl %u\n", indent, (unsigned)c->ttl);
        if (c->has_outer_mtu)
                put(&o, "%souter-mtu %u\n", indent, (unsigned)c->outer_mtu);
        if (c->has_mtu)
                put(&o, "%smtu %u\n", indent, (unsigned)c->mtu);
        if (c->has_link)
                put(&o, "%slink %s\n", indent, prefix_text(&c->link, false, a, sizeof(a)));
        if (c->has_address)
                put(&o, "%saddress %s peer %s\n", indent,
                    addr_text(BGP_AFI_IPV6, c->inner_local, a, sizeof(a)),
                    addr_text(BGP_AFI_IPV6, c->inner_peer, b, sizeof(b)));
        if (c->has_table) {
                if (c->table == TUNNEL_TABLE_MAIN)
                        put(&o, "%stable main\n", indent);
                else
                        put(&o, "%stable %u\n", indent, (unsigned)c->table);
        }
        for (size_t i = 0; i < c->n_routes; i++)
                put(&o, "%sroute %s\n", indent,
                    prefix_text(&c->routes[i].prefix, true, a, sizeof(a)));
        for (size_t i = 0; i < c->n_ifaddrs; i++)
                put(&o, "%sinterface %s address %s/%u\n", indent, c->ifaddrs[i].ifname,
                    addr_text(BGP_AFI_IPV6, c->ifaddrs[i].addr, a, sizeof(a)),
                    (unsigned)c->ifaddrs[i].plen);
        for (size_t i = 0; i < c->n_ifroutes; i++)
                put(&o, "%sinterface %s route %s\n", indent, c->ifroutes[i].ifname,
                    prefix_text(&c->ifroutes[i].prefix, true, a, sizeof(a)));
        for (size_t i = 0; i < c->n_rules; i++) {
                put(&o, "%srule from %s", indent,
                    prefix_text(&c->rules[i].from, false, a, sizeof(a)));
                if (c->rules[i].priority != TCONF_RULE_PRIORITY_DEFAULT)
                        put(&o, " priority %u", (unsigned)c->rules[i].priority);
                put(&o, "\n");
        }
        return o.used;
}

char *tconf_text(const struct tunnel_conf *c, const char *indent)
{
        size_t need = tconf_format(c, indent, NULL, 0) + 1;
        char *text = malloc(need);

        if (text != NULL)
                tconf_format(c, indent, text, need);
        return text;
}
