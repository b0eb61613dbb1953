/*
 * netlink_rule.c - IPv6 policy rules in rtnetlink's encoding: "from PREFIX lookup TABLE"
 * at a priority, the Linux equivalent of PF's "rtable N" on FreeBSD.
 *
 * FRA_PROTOCOL (Linux 4.17 and later) carries TUNNEL_PROTO, so that a rule reads back as
 * ours.  Creating with NLM_F_EXCL makes the kernel refuse an identical rule instead of
 * adding a second copy of it.  A delete sends every field the rule was made with: the
 * kernel removes the first rule that matches all of them.
 */
#include <string.h>
#include <sys/socket.h>

#include <linux/fib_rules.h>
#include <linux/rtnetlink.h>

#include "netlink_tunnel.h"

size_t nl_tunnel_rule_request(void *buf, uint32_t seq, enum tunnel_change how,
                              const struct tunnel_rule *r)
{
        struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
        struct fib_rule_hdr *frh;

        nlh->nlmsg_type = how == TUNNEL_DELETE ? RTM_DELRULE : RTM_NEWRULE;
        nlh->nlmsg_flags = nl_tunnel_flags(how);
        nlh->nlmsg_seq = seq;
        frh = mnl_nlmsg_put_extra_header(nlh, sizeof(*frh));
        frh->family = AF_INET6;
        frh->src_len = r->from.len;
        frh->action = FR_ACT_TO_TBL;
        frh->table = r->table < 256 ? (uint8_t)r->table : RT_TABLE_UNSPEC;
        if (r->from.len > 0)
                mnl_attr_put(nlh, FRA_SRC, 16, r->from.addr);
        mnl_attr_put_u32(nlh, FRA_TABLE, r->table);
        mnl_attr_put_u32(nlh, FRA_PRIORITY, r->priority);
        mnl_attr_put_u8(nlh, FRA_PROTOCOL, r->proto);
        return nlh->nlmsg_len;
}

static int keep_attr(const struct nlattr *attr, void *data)
{
        const struct nlattr **tb = data;

        if (mnl_attr_type_valid(attr, FRA_MAX) > 0)
                tb[mnl_attr_get_type(attr)] = attr;
        return MNL_CB_OK;
}

/* An attribute the kernel sends even when unset, with all bits one (-1): set or not. */
static bool set_u32(const struct nlattr *attr)
{
        return attr != NULL &&
               (mnl_attr_get_payload_len(attr) != 4 || mnl_attr_get_u32(attr) != UINT32_MAX);
}

/* No selector beyond the source, nothing but "look this table up". */
static bool plain(const struct fib_rule_hdr *frh, const struct nlattr *const *tb)
{
        static const uint16_t selectors[] = {
            FRA_DST,         FRA_IIFNAME,     FRA_OIFNAME, FRA_FWMARK, FRA_UID_RANGE, FRA_IP_PROTO,
            FRA_SPORT_RANGE, FRA_DPORT_RANGE, FRA_L3MDEV,  FRA_TUN_ID, FRA_GOTO,
        };

        if (frh->dst_len != 0 || frh->tos != 0 || (frh->flags & FIB_RULE_INVERT) ||
            frh->action != FR_ACT_TO_TBL)
                return false;
        for (size_t i = 0; i < sizeof(selectors) / sizeof(selectors[0]); i++)
                if (tb[selectors[i]] != NULL)
                        return false;
        /* Every dump carries these two, -1 when the rule does not use them. */
        return !set_u32(tb[FRA_SUPPRESS_PREFIXLEN]) && !set_u32(tb[FRA_SUPPRESS_IFGROUP]);
}

bool nl_tunnel_rule_parse(const struct nlmsghdr *nlh, struct tunnel_rule *out)
{
        const struct nlattr *tb[FRA_MAX + 1];
        const struct fib_rule_hdr *frh;

        if (nlh->nlmsg_type != RTM_NEWRULE || mnl_nlmsg_get_payload_len(nlh) < sizeof(*frh))
                return false;
        frh = mnl_nlmsg_get_payload(nlh);
        if (frh->family != AF_INET6 || frh->src_len > 128)
                return false;
        memset(tb, 0, sizeof(tb));
        if (mnl_attr_parse(nlh, sizeof(*frh), keep_attr, tb) < 0)
                return false;
        memset(out, 0, sizeof(*out));
        out->from.afi = BGP_AFI_IPV6;
        out->from.len = frh->src_len;
        if (tb[FRA_SRC] != NULL) {
                if (mnl_attr_get_payload_len(tb[FRA_SRC]) != 16)
                        return false;
                memcpy(out->from.addr, mnl_attr_get_payload(tb[FRA_SRC]), 16);
        }
        out->table = tb[FRA_TABLE] != NULL && mnl_attr_get_payload_len(tb[FRA_TABLE]) == 4
                         ? mnl_attr_get_u32(tb[FRA_TABLE])
                         : frh->table;
        out->priority = tb[FRA_PRIORITY] != NULL && mnl_attr_get_payload_len(tb[FRA_PRIORITY]) == 4
                            ? mnl_attr_get_u32(tb[FRA_PRIORITY])
                            : 0;
        if (tb[FRA_PROTOCOL] != NULL && mnl_attr_get_payload_len(tb[FRA_PROTOCOL]) >= 1)
                out->proto = mnl_attr_get_u8(tb[FRA_PROTOCOL]);
        out->plain = plain(frh, tb);
        return true;
}
