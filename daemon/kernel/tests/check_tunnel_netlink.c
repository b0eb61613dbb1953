/*
 * check_tunnel_netlink.c - the rtnetlink requests lbgp-tunnel sends (netlink_tunnel*.c,
 * netlink_rule.c), built into a buffer and checked field by field and attribute by
 * attribute, then read back through the parsers the dumps use.  No kernel: what the
 * kernel does with them is conformance/tunnel_*.sh's part.
 */
#include <arpa/inet.h>
#include <check.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/fib_rules.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/if_tunnel.h>
#include <linux/ip6_tunnel.h>
#include <linux/rtnetlink.h>

#include "netlink_tunnel.h"

#define SEQ 4242

static uint8_t buf[NL_TUNNEL_MAX];

/* ---- helpers -------------------------------------------------------------------------- */

#define MAXATTR 64

struct table {
        const struct nlattr *tb[MAXATTR];
        unsigned count[MAXATTR]; /* each attribute at most once */
};

static int collect(const struct nlattr *attr, void *data)
{
        struct table *t = data;
        uint16_t type = mnl_attr_get_type(attr);

        ck_assert_uint_lt(type, MAXATTR);
        t->tb[type] = attr;
        t->count[type]++;
        return MNL_CB_OK;
}

/* The top-level attributes after a family header of hdrlen octets. */
static void attrs(const struct nlmsghdr *nlh, size_t hdrlen, struct table *t)
{
        memset(t, 0, sizeof(*t));
        ck_assert_int_ge(mnl_attr_parse(nlh, (unsigned)hdrlen, collect, t), 0);
        for (size_t i = 0; i < MAXATTR; i++)
                ck_assert_uint_le(t->count[i], 1);
}

static void nested(const struct nlattr *nest, struct table *t)
{
        ck_assert_ptr_nonnull(nest);
        memset(t, 0, sizeof(*t));
        ck_assert_int_ge(mnl_attr_parse_nested(nest, collect, t), 0);
}

static const struct nlmsghdr *check_header(size_t len, uint16_t type, uint16_t flags)
{
        const struct nlmsghdr *nlh = (const struct nlmsghdr *)buf;

        ck_assert_uint_eq(len, nlh->nlmsg_len);
        ck_assert_uint_le(len, sizeof(buf));
        ck_assert(mnl_nlmsg_ok(nlh, (int)len));
        ck_assert_uint_eq(nlh->nlmsg_type, type);
        ck_assert_uint_eq(nlh->nlmsg_flags, flags);
        ck_assert_uint_eq(nlh->nlmsg_seq, SEQ);
        return nlh;
}

static void check_bytes(const struct nlattr *attr, const void *want, size_t len)
{
        ck_assert_ptr_nonnull(attr);
        ck_assert_uint_eq(mnl_attr_get_payload_len(attr), len);
        ck_assert_mem_eq(mnl_attr_get_payload(attr), want, len);
}

static void check_u8(const struct nlattr *attr, uint8_t want)
{
        ck_assert_ptr_nonnull(attr);
        ck_assert_uint_eq(mnl_attr_get_payload_len(attr), 1);
        ck_assert_uint_eq(mnl_attr_get_u8(attr), want);
}

static void check_u16(const struct nlattr *attr, uint16_t want)
{
        ck_assert_ptr_nonnull(attr);
        ck_assert_uint_eq(mnl_attr_get_payload_len(attr), 2);
        ck_assert_uint_eq(mnl_attr_get_u16(attr), want);
}

static void check_u32(const struct nlattr *attr, uint32_t want)
{
        ck_assert_ptr_nonnull(attr);
        ck_assert_uint_eq(mnl_attr_get_payload_len(attr), 4);
        ck_assert_uint_eq(mnl_attr_get_u32(attr), want);
}

static void check_str(const struct nlattr *attr, const char *want)
{
        ck_assert_ptr_nonnull(attr);
        ck_assert_int_eq(mnl_attr_validate(attr, MNL_TYPE_NUL_STRING), 0);
        ck_assert_str_eq(mnl_attr_get_str(attr), want);
}

static void ip4(const char *text, uint8_t *out)
{
        ck_assert_int_eq(inet_pton(AF_INET, text, out), 1);
}

static void ip6(const char *text, uint8_t *out)
{
        ck_assert_int_eq(inet_pton(AF_INET6, text, out), 1);
}

static struct bgp_prefix pfx6(const char *text, uint8_t len)
{
        struct bgp_prefix p = {.afi = BGP_AFI_IPV6, .len = len};

        ip6(text, p.addr);
        return p;
}

#define CREATE_FLAGS (NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL)

/* ---- links ---------------------------------------------------------------------------- */

static struct tunnel_link seed_sit(void)
{
        struct tunnel_link l = {.kind = TUNNEL_KIND_SIT, .ttl = 64, .mtu = 1480, .up = true};

        snprintf(l.name, sizeof(l.name), "gif0");
        snprintf(l.alias, sizeof(l.alias), "lbgp-tunnel: Tunnel-to-VPS");
        ip4("198.51.100.10", l.local);
        ip4("203.0.113.10", l.remote);
        return l;
}

START_TEST(link_sit_create)
{
        struct tunnel_link l = seed_sit(), back;
        const struct nlmsghdr *nlh;
        const struct ifinfomsg *ifi;
        struct table top, info, data;
        uint8_t a[4];

        nlh = check_header(nl_tunnel_link_request(buf, SEQ, TUNNEL_CREATE, &l), RTM_NEWLINK,
                           CREATE_FLAGS);
        ifi = mnl_nlmsg_get_payload(nlh);
        ck_assert_uint_eq(ifi->ifi_family, AF_UNSPEC);
        ck_assert_int_eq(ifi->ifi_index, 0);
        ck_assert_uint_eq(ifi->ifi_flags, IFF_UP);
        ck_assert_uint_eq(ifi->ifi_change, IFF_UP);
        attrs(nlh, sizeof(*ifi), &top);
        check_str(top.tb[IFLA_IFNAME], "gif0");
        check_u32(top.tb[IFLA_MTU], 1480);
        /* Linux would drop it here without a word: the alias has its own request. */
        ck_assert_ptr_null(top.tb[IFLA_IFALIAS]);
        nested(top.tb[IFLA_LINKINFO], &info);
        check_str(info.tb[IFLA_INFO_KIND], "sit");
        nested(info.tb[IFLA_INFO_DATA], &data);
        ip4("198.51.100.10", a);
        check_bytes(data.tb[IFLA_IPTUN_LOCAL], a, 4);
        ip4("203.0.113.10", a);
        check_bytes(data.tb[IFLA_IPTUN_REMOTE], a, 4);
        check_u8(data.tb[IFLA_IPTUN_TTL], 64);
        check_u8(data.tb[IFLA_IPTUN_PMTUDISC], 1);
        check_u8(data.tb[IFLA_IPTUN_PROTO], IPPROTO_IPV6); /* RFC 4213: protocol 41 */

        /* What a dump of that link reads back as. */
        ck_assert(nl_tunnel_link_parse(nlh, &back));
        ck_assert_str_eq(back.name, "gif0");
        ck_assert_int_eq(back.kind, TUNNEL_KIND_SIT);
        ck_assert_mem_eq(back.local, l.local, 4);
        ck_assert_mem_eq(back.remote, l.remote, 4);
        ck_assert_uint_eq(back.ttl, 64);
        ck_assert_uint_eq(back.mtu, 1480);
        ck_assert_str_eq(back.alias, "");
        ck_assert(back.up);
        ck_assert(!back.has_key);
}
END_TEST

/*
 * The alias of a link just made: Linux 6.1 ignores IFLA_IFALIAS in the request that
 * creates a link (conformance/tunnel_vm.sh saw every sit link come up unmarked, and a
 * second apply refuse it as not ours), so a second request names the link by index and
 * carries the alias alone: no NLM_F_CREATE, nothing else changed.
 */
START_TEST(link_alias_after_create)
{
        struct tunnel_link back;
        const struct nlmsghdr *nlh;
        const struct ifinfomsg *ifi;
        struct table top;

        nlh = check_header(nl_tunnel_link_alias(buf, SEQ, 23, "lbgp-tunnel: Tunnel-to-VPS"),
                           RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK);
        ifi = mnl_nlmsg_get_payload(nlh);
        ck_assert_uint_eq(ifi->ifi_family, AF_UNSPEC);
        ck_assert_int_eq(ifi->ifi_index, 23);
        ck_assert_uint_eq(ifi->ifi_change, 0); /* the state is left as it is */
        ck_assert_uint_eq(ifi->ifi_flags, 0);
        attrs(nlh, sizeof(*ifi), &top);
        check_str(top.tb[IFLA_IFALIAS], "lbgp-tunnel: Tunnel-to-VPS");
        for (size_t i = 0; i < MAXATTR; i++)
                if (i != IFLA_IFALIAS)
                        ck_assert_ptr_null(top.tb[i]);

        /* A dump carries the alias so set: it reads back as ours. */
        mnl_attr_put_strz((struct nlmsghdr *)buf, IFLA_IFNAME, "gif0");
        ck_assert(nl_tunnel_link_parse(nlh, &back));
        ck_assert_str_eq(back.alias, "lbgp-tunnel: Tunnel-to-VPS");
        ck_assert_uint_eq(back.ifindex, 23);
}
END_TEST

START_TEST(link_gre_key)
{
        struct tunnel_link l = seed_sit(), back;
        const struct nlmsghdr *nlh;
        struct table top, info, data;

        l.kind = TUNNEL_KIND_GRE;
        l.has_key = true;
        l.key = 42;
        l.mtu = 1472;
        nlh = check_header(nl_tunnel_link_request(buf, SEQ, TUNNEL_CREATE, &l), RTM_NEWLINK,
                           CREATE_FLAGS);
        attrs(nlh, sizeof(struct ifinfomsg), &top);
        nested(top.tb[IFLA_LINKINFO], &info);
        check_str(info.tb[IFLA_INFO_KIND], "gre");
        nested(info.tb[IFLA_INFO_DATA], &data);
        check_bytes(data.tb[IFLA_GRE_LOCAL], l.local, 4);
        check_bytes(data.tb[IFLA_GRE_REMOTE], l.remote, 4);
        check_u8(data.tb[IFLA_GRE_TTL], 64);
        check_u8(data.tb[IFLA_GRE_PMTUDISC], 1);
        /* RFC 2890 2.1: the K bit and the key, in network order, both ways. */
        check_u16(data.tb[IFLA_GRE_IFLAGS], GRE_KEY);
        check_u16(data.tb[IFLA_GRE_OFLAGS], GRE_KEY);
        check_u32(data.tb[IFLA_GRE_IKEY], htonl(42));
        check_u32(data.tb[IFLA_GRE_OKEY], htonl(42));
        ck_assert_ptr_null(data.tb[IFLA_GRE_FLAGS]);

        ck_assert(nl_tunnel_link_parse(nlh, &back));
        ck_assert_int_eq(back.kind, TUNNEL_KIND_GRE);
        ck_assert(back.has_key);
        ck_assert_uint_eq(back.key, 42);
}
END_TEST

START_TEST(link_ip6gre)
{
        struct tunnel_link l = seed_sit(), back;
        const struct nlmsghdr *nlh;
        struct table top, info, data;

        l.kind = TUNNEL_KIND_IP6GRE;
        ip6("2001:db8:100::96", l.local);
        ip6("2001:db8:100::ff", l.remote);
        l.mtu = 1456;
        nlh = check_header(nl_tunnel_link_request(buf, SEQ, TUNNEL_CREATE, &l), RTM_NEWLINK,
                           CREATE_FLAGS);
        attrs(nlh, sizeof(struct ifinfomsg), &top);
        nested(top.tb[IFLA_LINKINFO], &info);
        check_str(info.tb[IFLA_INFO_KIND], "ip6gre");
        nested(info.tb[IFLA_INFO_DATA], &data);
        check_bytes(data.tb[IFLA_GRE_LOCAL], l.local, 16);
        check_bytes(data.tb[IFLA_GRE_REMOTE], l.remote, 16);
        check_u8(data.tb[IFLA_GRE_TTL], 64);
        /* No RFC 2473 encapsulation limit option: the MTU is sized for 44 octets. */
        check_u32(data.tb[IFLA_GRE_FLAGS], IP6_TNL_F_IGN_ENCAP_LIMIT);
        check_u16(data.tb[IFLA_GRE_OFLAGS], 0);
        ck_assert_ptr_null(data.tb[IFLA_GRE_OKEY]);

        ck_assert(nl_tunnel_link_parse(nlh, &back));
        ck_assert_int_eq(back.kind, TUNNEL_KIND_IP6GRE);
        ck_assert_mem_eq(back.remote, l.remote, 16);
        ck_assert(!back.has_key);
}
END_TEST

START_TEST(link_modify_delete_get)
{
        struct tunnel_link l = seed_sit();
        const struct nlmsghdr *nlh;
        const struct ifinfomsg *ifi;
        struct table top;

        l.ifindex = 17;
        l.mtu = 1400;
        l.up = false;
        /* A modify: by index, never NLM_F_CREATE, the name left as it is. */
        nlh = check_header(nl_tunnel_link_request(buf, SEQ, TUNNEL_MODIFY, &l), RTM_NEWLINK,
                           NLM_F_REQUEST | NLM_F_ACK);
        ifi = mnl_nlmsg_get_payload(nlh);
        ck_assert_int_eq(ifi->ifi_index, 17);
        ck_assert_uint_eq(ifi->ifi_flags, 0);
        ck_assert_uint_eq(ifi->ifi_change, IFF_UP);
        attrs(nlh, sizeof(*ifi), &top);
        ck_assert_ptr_null(top.tb[IFLA_IFNAME]);
        check_u32(top.tb[IFLA_MTU], 1400);
        /* A change of an existing link is where the kernel takes an alias. */
        check_str(top.tb[IFLA_IFALIAS], "lbgp-tunnel: Tunnel-to-VPS");
        ck_assert_ptr_nonnull(top.tb[IFLA_LINKINFO]);

        nlh = check_header(nl_tunnel_link_request(buf, SEQ, TUNNEL_DELETE, &l), RTM_DELLINK,
                           NLM_F_REQUEST | NLM_F_ACK);
        ifi = mnl_nlmsg_get_payload(nlh);
        ck_assert_int_eq(ifi->ifi_index, 17);
        ck_assert_uint_eq(nlh->nlmsg_len, mnl_nlmsg_size(sizeof(*ifi)));

        nlh = check_header(nl_tunnel_link_get(buf, SEQ, "gif0"), RTM_GETLINK,
                           NLM_F_REQUEST | NLM_F_ACK);
        attrs(nlh, sizeof(*ifi), &top);
        check_str(top.tb[IFLA_IFNAME], "gif0");
}
END_TEST

START_TEST(link_of_another_kind)
{
        struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
        struct ifinfomsg *ifi;
        struct nlattr *info;
        struct tunnel_link back;

        /* A veth reads back as external, with what every link has. */
        nlh->nlmsg_type = RTM_NEWLINK;
        ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
        ifi->ifi_index = 3;
        mnl_attr_put_strz(nlh, IFLA_IFNAME, "veth0");
        mnl_attr_put_u32(nlh, IFLA_MTU, 1500);
        info = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
        mnl_attr_put_strz(nlh, IFLA_INFO_KIND, "veth");
        mnl_attr_nest_end(nlh, info);
        ck_assert(nl_tunnel_link_parse(nlh, &back));
        ck_assert_int_eq(back.kind, TUNNEL_KIND_EXTERNAL);
        ck_assert_uint_eq(back.ifindex, 3);
        ck_assert_str_eq(back.alias, "");
        ck_assert(!back.up);

        nlh->nlmsg_type = RTM_NEWROUTE;
        ck_assert(!nl_tunnel_link_parse(nlh, &back));
}
END_TEST

/* ---- addresses ------------------------------------------------------------------------ */

START_TEST(addr_pair)
{
        struct tunnel_addr a = {.ifindex = 7, .plen = 128, .has_peer = true, .proto = 202}, back;
        const struct nlmsghdr *nlh;
        const struct ifaddrmsg *ifa;
        struct table top;

        ip6("2a06:9801:1c:ffff::2", a.addr);
        ip6("2a06:9801:1c:ffff::1", a.peer);
        nlh = check_header(nl_tunnel_addr_request(buf, SEQ, TUNNEL_CREATE, &a), RTM_NEWADDR,
                           CREATE_FLAGS);
        ifa = mnl_nlmsg_get_payload(nlh);
        ck_assert_uint_eq(ifa->ifa_family, AF_INET6);
        ck_assert_uint_eq(ifa->ifa_prefixlen, 128);
        ck_assert_uint_eq(ifa->ifa_index, 7);
        ck_assert_uint_eq(ifa->ifa_scope, RT_SCOPE_UNIVERSE);
        attrs(nlh, sizeof(*ifa), &top);
        check_bytes(top.tb[IFA_LOCAL], a.addr, 16);
        check_bytes(top.tb[IFA_ADDRESS], a.peer, 16);
        check_u8(top.tb[IFA_PROTO], 202);

        ck_assert(nl_tunnel_addr_parse(nlh, &back));
        ck_assert_uint_eq(back.ifindex, 7);
        ck_assert_uint_eq(back.plen, 128);
        ck_assert_mem_eq(back.addr, a.addr, 16);
        ck_assert(back.has_peer);
        ck_assert_mem_eq(back.peer, a.peer, 16);
        ck_assert_uint_eq(back.proto, 202);

        /* A delete names the same pair, without the mark. */
        nlh = check_header(nl_tunnel_addr_request(buf, SEQ, TUNNEL_DELETE, &a), RTM_DELADDR,
                           NLM_F_REQUEST | NLM_F_ACK);
        attrs(nlh, sizeof(*ifa), &top);
        check_bytes(top.tb[IFA_LOCAL], a.addr, 16);
        check_bytes(top.tb[IFA_ADDRESS], a.peer, 16);
        ck_assert_ptr_null(top.tb[IFA_PROTO]);
}
END_TEST

START_TEST(addr_prefix)
{
        struct tunnel_addr a = {.ifindex = 9, .plen = 64, .proto = 202}, back;
        const struct nlmsghdr *nlh;
        struct table top;

        ip6("2a06:9801:1c:1000::1", a.addr);
        nlh = check_header(nl_tunnel_addr_request(buf, SEQ, TUNNEL_CREATE, &a), RTM_NEWADDR,
                           CREATE_FLAGS);
        attrs(nlh, sizeof(struct ifaddrmsg), &top);
        check_bytes(top.tb[IFA_LOCAL], a.addr, 16);
        check_bytes(top.tb[IFA_ADDRESS], a.addr, 16);
        ck_assert(nl_tunnel_addr_parse(nlh, &back));
        ck_assert(!back.has_peer);
        ck_assert_uint_eq(back.plen, 64);
        ck_assert_mem_eq(back.addr, a.addr, 16);
}
END_TEST

/* ---- routes --------------------------------------------------------------------------- */

START_TEST(route_dev)
{
        struct tunnel_route r = {.dst = pfx6("2a06:9801:1c:1000::", 64),
                                 .type = TUNNEL_ROUTE_DEV,
                                 .ifindex = 7,
                                 .table = 1,
                                 .metric = 1024,
                                 .proto = 202},
                            back;
        const struct nlmsghdr *nlh;
        const struct rtmsg *rtm;
        struct table top;

        nlh = check_header(nl_tunnel_route_request(buf, SEQ, TUNNEL_CREATE, &r), RTM_NEWROUTE,
                           CREATE_FLAGS);
        rtm = mnl_nlmsg_get_payload(nlh);
        ck_assert_uint_eq(rtm->rtm_family, AF_INET6);
        ck_assert_uint_eq(rtm->rtm_dst_len, 64);
        ck_assert_uint_eq(rtm->rtm_table, 1);
        ck_assert_uint_eq(rtm->rtm_protocol, 202);
        ck_assert_uint_eq(rtm->rtm_type, RTN_UNICAST);
        ck_assert_uint_eq(rtm->rtm_scope, RT_SCOPE_UNIVERSE);
        attrs(nlh, sizeof(*rtm), &top);
        check_bytes(top.tb[RTA_DST], r.dst.addr, 16);
        check_u32(top.tb[RTA_TABLE], 1);
        check_u32(top.tb[RTA_PRIORITY], 1024);
        check_u32(top.tb[RTA_OIF], 7);
        ck_assert_ptr_null(top.tb[RTA_GATEWAY]);

        ck_assert(nl_tunnel_route_parse(nlh, &back));
        ck_assert_int_eq(back.type, TUNNEL_ROUTE_DEV);
        ck_assert_uint_eq(back.dst.len, 64);
        ck_assert_mem_eq(back.dst.addr, r.dst.addr, 16);
        ck_assert_uint_eq(back.table, 1);
        ck_assert_uint_eq(back.metric, 1024);
        ck_assert_uint_eq(back.ifindex, 7);
        ck_assert_uint_eq(back.proto, 202);

        /* Modify replaces our own route; delete matches table, prefix, metric, protocol. */
        check_header(nl_tunnel_route_request(buf, SEQ, TUNNEL_MODIFY, &r), RTM_NEWROUTE,
                     NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_REPLACE);
        nlh = check_header(nl_tunnel_route_request(buf, SEQ, TUNNEL_DELETE, &r), RTM_DELROUTE,
                           NLM_F_REQUEST | NLM_F_ACK);
        rtm = mnl_nlmsg_get_payload(nlh);
        ck_assert_uint_eq(rtm->rtm_protocol, 202);
        ck_assert_uint_eq(rtm->rtm_type, RTN_UNSPEC);
        ck_assert_uint_eq(rtm->rtm_scope, RT_SCOPE_NOWHERE);
        attrs(nlh, sizeof(*rtm), &top);
        check_u32(top.tb[RTA_PRIORITY], 1024);
        check_u32(top.tb[RTA_TABLE], 1);
        check_u32(top.tb[RTA_OIF], 7);
}
END_TEST

START_TEST(route_blackhole_big_table)
{
        struct tunnel_route r = {.dst = {.afi = BGP_AFI_IPV6},
                                 .type = TUNNEL_ROUTE_BLACKHOLE,
                                 .table = 1000,
                                 .metric = UINT32_MAX,
                                 .proto = 202},
                            back;
        const struct nlmsghdr *nlh;
        const struct rtmsg *rtm;
        struct table top;

        nlh = check_header(nl_tunnel_route_request(buf, SEQ, TUNNEL_CREATE, &r), RTM_NEWROUTE,
                           CREATE_FLAGS);
        rtm = mnl_nlmsg_get_payload(nlh);
        ck_assert_uint_eq(rtm->rtm_dst_len, 0);
        ck_assert_uint_eq(rtm->rtm_type, RTN_BLACKHOLE);
        /* Past 255 the table travels in RTA_TABLE alone. */
        ck_assert_uint_eq(rtm->rtm_table, RT_TABLE_UNSPEC);
        attrs(nlh, sizeof(*rtm), &top);
        ck_assert_ptr_null(top.tb[RTA_DST]);
        ck_assert_ptr_null(top.tb[RTA_OIF]);
        check_u32(top.tb[RTA_TABLE], 1000);
        check_u32(top.tb[RTA_PRIORITY], UINT32_MAX);

        ck_assert(nl_tunnel_route_parse(nlh, &back));
        ck_assert_int_eq(back.type, TUNNEL_ROUTE_BLACKHOLE);
        ck_assert_uint_eq(back.table, 1000);
        ck_assert_uint_eq(back.dst.len, 0);
}
END_TEST

START_TEST(route_with_gateway_is_other)
{
        struct tunnel_route r = {.dst = pfx6("2001:db8:1::", 48),
                                 .type = TUNNEL_ROUTE_DEV,
                                 .ifindex = 2,
                                 .table = 254,
                                 .metric = 1024,
                                 .proto = 4},
                            back;
        struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
        uint8_t gw[16];

        nl_tunnel_route_request(buf, SEQ, TUNNEL_CREATE, &r);
        ip6("2001:db8::1", gw);
        mnl_attr_put(nlh, RTA_GATEWAY, 16, gw);
        ck_assert(nl_tunnel_route_parse(nlh, &back));
        ck_assert_int_eq(back.type, TUNNEL_ROUTE_OTHER);
        ck_assert_uint_eq(back.proto, 4);

        /* The kernel's cached clones are nobody's routes. */
        ((struct rtmsg *)mnl_nlmsg_get_payload(nlh))->rtm_flags = RTM_F_CLONED;
        ck_assert(!nl_tunnel_route_parse(nlh, &back));
}
END_TEST

/* ---- rules ---------------------------------------------------------------------------- */

START_TEST(rule_from_prefix)
{
        struct tunnel_rule r = {.from = pfx6("2a06:9801:1c::", 48),
                                .table = 1,
                                .priority = 1000,
                                .proto = 202},
                           back;
        struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
        const struct fib_rule_hdr *frh;
        struct table top;

        check_header(nl_tunnel_rule_request(buf, SEQ, TUNNEL_CREATE, &r), RTM_NEWRULE,
                     CREATE_FLAGS);
        frh = mnl_nlmsg_get_payload(nlh);
        ck_assert_uint_eq(frh->family, AF_INET6);
        ck_assert_uint_eq(frh->src_len, 48);
        ck_assert_uint_eq(frh->dst_len, 0);
        ck_assert_uint_eq(frh->action, FR_ACT_TO_TBL);
        ck_assert_uint_eq(frh->table, 1);
        ck_assert_uint_eq(frh->flags, 0);
        attrs(nlh, sizeof(*frh), &top);
        check_bytes(top.tb[FRA_SRC], r.from.addr, 16);
        check_u32(top.tb[FRA_TABLE], 1);
        check_u32(top.tb[FRA_PRIORITY], 1000);
        check_u8(top.tb[FRA_PROTOCOL], 202);

        ck_assert(nl_tunnel_rule_parse(nlh, &back));
        ck_assert(back.plain);
        ck_assert_uint_eq(back.from.len, 48);
        ck_assert_mem_eq(back.from.addr, r.from.addr, 16);
        ck_assert_uint_eq(back.table, 1);
        ck_assert_uint_eq(back.priority, 1000);
        ck_assert_uint_eq(back.proto, 202);

        check_header(nl_tunnel_rule_request(buf, SEQ, TUNNEL_DELETE, &r), RTM_DELRULE,
                     NLM_F_REQUEST | NLM_F_ACK);
        attrs(nlh, sizeof(*frh), &top);
        check_bytes(top.tb[FRA_SRC], r.from.addr, 16);
        check_u32(top.tb[FRA_PRIORITY], 1000);

        /* As the kernel dumps every rule: the two suppressors at -1, unset. */
        nl_tunnel_rule_request(buf, SEQ, TUNNEL_CREATE, &r);
        mnl_attr_put_u32(nlh, FRA_SUPPRESS_PREFIXLEN, UINT32_MAX);
        mnl_attr_put_u32(nlh, FRA_SUPPRESS_IFGROUP, UINT32_MAX);
        ck_assert(nl_tunnel_rule_parse(nlh, &back));
        ck_assert(back.plain);
        /* "suppress_prefixlength 0" is a selector. */
        nl_tunnel_rule_request(buf, SEQ, TUNNEL_CREATE, &r);
        mnl_attr_put_u32(nlh, FRA_SUPPRESS_PREFIXLEN, 0);
        ck_assert(nl_tunnel_rule_parse(nlh, &back));
        ck_assert(!back.plain);

        /* A rule with one more selector is not the same rule. */
        nl_tunnel_rule_request(buf, SEQ, TUNNEL_CREATE, &r);
        mnl_attr_put_strz(nlh, FRA_IIFNAME, "eth0");
        ck_assert(nl_tunnel_rule_parse(nlh, &back));
        ck_assert(!back.plain);
}
END_TEST

static Suite *suite(void)
{
        Suite *s = suite_create("tunnel_netlink");
        TCase *tc = tcase_create("requests");

        tcase_add_test(tc, link_sit_create);
        tcase_add_test(tc, link_alias_after_create);
        tcase_add_test(tc, link_gre_key);
        tcase_add_test(tc, link_ip6gre);
        tcase_add_test(tc, link_modify_delete_get);
        tcase_add_test(tc, link_of_another_kind);
        tcase_add_test(tc, addr_pair);
        tcase_add_test(tc, addr_prefix);
        tcase_add_test(tc, route_dev);
        tcase_add_test(tc, route_blackhole_big_table);
        tcase_add_test(tc, route_with_gateway_is_other);
        tcase_add_test(tc, rule_from_prefix);
        suite_add_tcase(s, tc);
        return s;
}

int main(void)
{
        SRunner *sr = srunner_create(suite());
        int failed;

        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
