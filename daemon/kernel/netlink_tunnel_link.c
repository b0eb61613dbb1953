/*
 * netlink_tunnel_link.c - tunnel links in rtnetlink's encoding: sit, gre and ip6gre, with
 * their MTU and state in the RTM_NEWLINK that makes them, their alias in a second one.
 *
 * One request creates a link with its parameters, MTU and state (IFLA_LINKINFO with the
 * kind's own attributes in IFLA_INFO_DATA, IFLA_MTU, IFF_UP).  Its alias, the mark that
 * makes it ours, takes a second request (nl_tunnel_link_alias): Linux ignores
 * IFLA_IFALIAS in a request that creates a link (rtnl_create_link never reads it; only a
 * change of an existing link does), as conformance/tunnel_vm.sh found on a real kernel.
 * tunnel_obj_change sends both, and deletes the link again when the alias cannot be set,
 * so that no link of ours is ever left without its mark.
 * A modify sends the attributes and the alias to the existing ifindex without
 * NLM_F_CREATE, which the kernel applies as a change of the link (its changelink).
 *
 * What each kind is given, beyond its outer addresses:
 *   - sit: IFLA_IPTUN_PROTO IPPROTO_IPV6, IPv6 in IPv4 only (RFC 4213 section 3.5: the
 *     protocol field is 41), and IFLA_IPTUN_PMTUDISC so that the outer packets carry DF
 *     and the tunnel learns its path MTU (RFC 4213 section 3.2.2 wants the encapsulator
 *     to track it) instead of fragmenting;
 *   - gre: IFLA_GRE_PMTUDISC likewise; with a key, the K bit in both directions' flags
 *     and the key in both (RFC 2890 section 2.1);
 *   - ip6gre: IP6_TNL_F_IGN_ENCAP_LIMIT, so that no RFC 2473 encapsulation limit option
 *     is added and the overhead is the 44 (48 with a key) octets of RFC 7676 that
 *     lbgp-tunnel sizes the MTU for.
 * The outer TTL is fixed (never "inherit"): with PMTUDISC the kernel wants one.
 */
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include <linux/if_link.h>
#include <linux/if_tunnel.h>
#include <linux/ip6_tunnel.h>
#include <linux/rtnetlink.h>

#include "netlink_tunnel.h"

uint16_t nl_tunnel_flags(enum tunnel_change how)
{
        switch (how) {
        case TUNNEL_CREATE:
                return NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
        case TUNNEL_MODIFY:
                return NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_REPLACE;
        case TUNNEL_DELETE:
                break;
        }
        return NLM_F_REQUEST | NLM_F_ACK;
}

static void put_gre_key(struct nlmsghdr *nlh, const struct tunnel_link *l)
{
        uint16_t flags = l->has_key ? GRE_KEY : 0; /* GRE_KEY is in network order already */
        uint32_t key = htonl(l->key);

        mnl_attr_put_u16(nlh, IFLA_GRE_IFLAGS, flags);
        mnl_attr_put_u16(nlh, IFLA_GRE_OFLAGS, flags);
        if (l->has_key) {
                mnl_attr_put_u32(nlh, IFLA_GRE_IKEY, key);
                mnl_attr_put_u32(nlh, IFLA_GRE_OKEY, key);
        }
}

static void put_kind_data(struct nlmsghdr *nlh, const struct tunnel_link *l)
{
        struct nlattr *data = mnl_attr_nest_start(nlh, IFLA_INFO_DATA);

        switch (l->kind) {
        case TUNNEL_KIND_SIT:
                mnl_attr_put(nlh, IFLA_IPTUN_LOCAL, 4, l->local);
                mnl_attr_put(nlh, IFLA_IPTUN_REMOTE, 4, l->remote);
                mnl_attr_put_u8(nlh, IFLA_IPTUN_TTL, l->ttl);
                mnl_attr_put_u8(nlh, IFLA_IPTUN_PMTUDISC, 1);
                mnl_attr_put_u8(nlh, IFLA_IPTUN_PROTO, IPPROTO_IPV6);
                break;
        case TUNNEL_KIND_GRE:
                mnl_attr_put(nlh, IFLA_GRE_LOCAL, 4, l->local);
                mnl_attr_put(nlh, IFLA_GRE_REMOTE, 4, l->remote);
                mnl_attr_put_u8(nlh, IFLA_GRE_TTL, l->ttl);
                mnl_attr_put_u8(nlh, IFLA_GRE_PMTUDISC, 1);
                put_gre_key(nlh, l);
                break;
        case TUNNEL_KIND_IP6GRE:
                mnl_attr_put(nlh, IFLA_GRE_LOCAL, 16, l->local);
                mnl_attr_put(nlh, IFLA_GRE_REMOTE, 16, l->remote);
                mnl_attr_put_u8(nlh, IFLA_GRE_TTL, l->ttl); /* the hop limit */
                mnl_attr_put_u32(nlh, IFLA_GRE_FLAGS, IP6_TNL_F_IGN_ENCAP_LIMIT);
                put_gre_key(nlh, l);
                break;
        case TUNNEL_KIND_EXTERNAL:
                break;
        }
        mnl_attr_nest_end(nlh, data);
}

size_t nl_tunnel_link_request(void *buf, uint32_t seq, enum tunnel_change how,
                              const struct tunnel_link *l)
{
        struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
        struct ifinfomsg *ifi;
        struct nlattr *info;

        nlh->nlmsg_type = how == TUNNEL_DELETE ? RTM_DELLINK : RTM_NEWLINK;
        /* A modify names the link by index and must not create one. */
        nlh->nlmsg_flags = how == TUNNEL_MODIFY ? NLM_F_REQUEST | NLM_F_ACK : nl_tunnel_flags(how);
        nlh->nlmsg_seq = seq;
        ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
        ifi->ifi_family = AF_UNSPEC;
        /* A create must not ask for an index: the one read back from a link deleted
         * earlier (to undo that delete) may be taken by now. */
        ifi->ifi_index = how == TUNNEL_CREATE ? 0 : (int)l->ifindex;
        if (how == TUNNEL_DELETE)
                return nlh->nlmsg_len;
        ifi->ifi_change = IFF_UP;
        ifi->ifi_flags = l->up ? IFF_UP : 0;
        if (how == TUNNEL_CREATE)
                mnl_attr_put_strz(nlh, IFLA_IFNAME, l->name);
        mnl_attr_put_u32(nlh, IFLA_MTU, l->mtu);
        /* On creation the kernel would drop it without a word: nl_tunnel_link_alias. */
        if (how == TUNNEL_MODIFY)
                mnl_attr_put_strz(nlh, IFLA_IFALIAS, l->alias);
        info = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
        mnl_attr_put_strz(nlh, IFLA_INFO_KIND, tunnel_kind_name(l->kind));
        put_kind_data(nlh, l);
        mnl_attr_nest_end(nlh, info);
        return nlh->nlmsg_len;
}

size_t nl_tunnel_link_alias(void *buf, uint32_t seq, uint32_t ifindex, const char *alias)
{
        struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
        struct ifinfomsg *ifi;

        nlh->nlmsg_type = RTM_NEWLINK;
        nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK; /* the link must exist */
        nlh->nlmsg_seq = seq;
        ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
        ifi->ifi_family = AF_UNSPEC;
        ifi->ifi_index = (int)ifindex;
        mnl_attr_put_strz(nlh, IFLA_IFALIAS, alias);
        return nlh->nlmsg_len;
}

size_t nl_tunnel_link_get(void *buf, uint32_t seq, const char *name)
{
        struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
        struct ifinfomsg *ifi;

        nlh->nlmsg_type = RTM_GETLINK;
        nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
        nlh->nlmsg_seq = seq;
        ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
        ifi->ifi_family = AF_UNSPEC;
        mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
        return nlh->nlmsg_len;
}

/* ---- reading a link ------------------------------------------------------------------- */

struct attrs {
        const struct nlattr **tb;
        uint16_t max;
};

static int keep_attr(const struct nlattr *attr, void *data)
{
        struct attrs *a = data;

        if (mnl_attr_type_valid(attr, a->max) > 0)
                a->tb[mnl_attr_get_type(attr)] = attr;
        return MNL_CB_OK;
}

static bool parse_nested(const struct nlattr *nest, const struct nlattr **tb, uint16_t max)
{
        struct attrs a = {.tb = tb, .max = max};

        memset(tb, 0, sizeof(*tb) * ((size_t)max + 1));
        return mnl_attr_parse_nested(nest, keep_attr, &a) >= 0;
}

/* Copies attribute attr of exactly len octets; false when it is missing or of another size. */
static bool copy_exact(const struct nlattr *attr, void *out, size_t len)
{
        if (attr == NULL || mnl_attr_get_payload_len(attr) != len)
                return false;
        memcpy(out, mnl_attr_get_payload(attr), len);
        return true;
}

static uint8_t get_u8(const struct nlattr *attr)
{
        return attr != NULL && mnl_attr_get_payload_len(attr) >= 1 ? mnl_attr_get_u8(attr) : 0;
}

static void parse_gre_key(const struct nlattr *const *tb, struct tunnel_link *out)
{
        uint32_t key;

        if (tb[IFLA_GRE_OFLAGS] != NULL && mnl_attr_get_payload_len(tb[IFLA_GRE_OFLAGS]) == 2 &&
            (mnl_attr_get_u16(tb[IFLA_GRE_OFLAGS]) & GRE_KEY) &&
            copy_exact(tb[IFLA_GRE_OKEY], &key, sizeof(key))) {
                out->has_key = true;
                out->key = ntohl(key);
        }
}

static bool parse_kind(const struct nlattr *linkinfo, struct tunnel_link *out)
{
        const struct nlattr *info[IFLA_INFO_MAX + 1];
        const struct nlattr *sit[IFLA_IPTUN_MAX + 1];
        const struct nlattr *gre[IFLA_GRE_MAX + 1];
        const char *kind;

        out->kind = TUNNEL_KIND_EXTERNAL;
        if (linkinfo == NULL || !parse_nested(linkinfo, info, IFLA_INFO_MAX) ||
            info[IFLA_INFO_KIND] == NULL ||
            mnl_attr_validate(info[IFLA_INFO_KIND], MNL_TYPE_NUL_STRING) < 0)
                return true;
        kind = mnl_attr_get_str(info[IFLA_INFO_KIND]);
        if (strcmp(kind, "sit") == 0) {
                if (info[IFLA_INFO_DATA] == NULL ||
                    !parse_nested(info[IFLA_INFO_DATA], sit, IFLA_IPTUN_MAX))
                        return false;
                out->kind = TUNNEL_KIND_SIT;
                copy_exact(sit[IFLA_IPTUN_LOCAL], out->local, 4);
                copy_exact(sit[IFLA_IPTUN_REMOTE], out->remote, 4);
                out->ttl = get_u8(sit[IFLA_IPTUN_TTL]);
        } else if (strcmp(kind, "gre") == 0 || strcmp(kind, "ip6gre") == 0) {
                size_t alen = strcmp(kind, "gre") == 0 ? 4 : 16;

                if (info[IFLA_INFO_DATA] == NULL ||
                    !parse_nested(info[IFLA_INFO_DATA], gre, IFLA_GRE_MAX))
                        return false;
                out->kind = alen == 4 ? TUNNEL_KIND_GRE : TUNNEL_KIND_IP6GRE;
                copy_exact(gre[IFLA_GRE_LOCAL], out->local, alen);
                copy_exact(gre[IFLA_GRE_REMOTE], out->remote, alen);
                out->ttl = get_u8(gre[IFLA_GRE_TTL]);
                parse_gre_key(gre, out);
        }
        return true;
}

bool nl_tunnel_link_parse(const struct nlmsghdr *nlh, struct tunnel_link *out)
{
        const struct nlattr *tb[IFLA_MAX + 1];
        const struct ifinfomsg *ifi;
        struct attrs a = {.tb = tb, .max = IFLA_MAX};

        if (nlh->nlmsg_type != RTM_NEWLINK || mnl_nlmsg_get_payload_len(nlh) < sizeof(*ifi))
                return false;
        ifi = mnl_nlmsg_get_payload(nlh);
        memset(tb, 0, sizeof(tb));
        if (mnl_attr_parse(nlh, sizeof(*ifi), keep_attr, &a) < 0)
                return false;
        if (tb[IFLA_IFNAME] == NULL || mnl_attr_validate(tb[IFLA_IFNAME], MNL_TYPE_NUL_STRING) < 0)
                return false;
        memset(out, 0, sizeof(*out));
        snprintf(out->name, sizeof(out->name), "%s", mnl_attr_get_str(tb[IFLA_IFNAME]));
        out->ifindex = (uint32_t)ifi->ifi_index;
        out->up = (ifi->ifi_flags & IFF_UP) != 0;
        if (tb[IFLA_MTU] != NULL && mnl_attr_get_payload_len(tb[IFLA_MTU]) == 4)
                out->mtu = mnl_attr_get_u32(tb[IFLA_MTU]);
        /* The alias is a string the kernel may send without its NUL: bound it ourselves. */
        if (tb[IFLA_IFALIAS] != NULL) {
                size_t len = mnl_attr_get_payload_len(tb[IFLA_IFALIAS]);

                if (len >= sizeof(out->alias))
                        len = sizeof(out->alias) - 1;
                memcpy(out->alias, mnl_attr_get_payload(tb[IFLA_IFALIAS]), len);
                out->alias[len] = '\0';
        }
        return parse_kind(tb[IFLA_LINKINFO], out);
}
