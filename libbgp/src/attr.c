/*
 * attr.c - decoding path attributes, RFC 4271 4.3 and 6.3, as revised by RFC 7606.
 *
 * A table gives, for each attribute type libbgp knows, its name, the Optional and
 * Transitive bits it must carry and the action RFC 7606 section 7 prescribes when it is
 * malformed.  RFC 7606 3(c): conflicting flags make the attribute malformed, so a flag
 * error takes the attribute's own action.
 */
#include <string.h>

#include "aspath.h"
#include "attr.h"
#include "nlri.h"
#include "verdict.h"

#define F_OPT   BGP_ATTR_FLAG_OPTIONAL
#define F_TRANS BGP_ATTR_FLAG_TRANSITIVE

struct attr_desc {
        const char *name;
        uint8_t flags; /* the Optional and Transitive bits it must have */
        enum bgp_action malformed;
        int (*decode)(struct bgp_attr_ctx *c, struct bgp_rd *val);
};

static int dec_origin(struct bgp_attr_ctx *c, struct bgp_rd *val);
static int dec_as_path(struct bgp_attr_ctx *c, struct bgp_rd *val);
static int dec_next_hop(struct bgp_attr_ctx *c, struct bgp_rd *val);
static int dec_med(struct bgp_attr_ctx *c, struct bgp_rd *val);
static int dec_local_pref(struct bgp_attr_ctx *c, struct bgp_rd *val);
static int dec_atomic_aggregate(struct bgp_attr_ctx *c, struct bgp_rd *val);
static int dec_aggregator(struct bgp_attr_ctx *c, struct bgp_rd *val);
static int dec_communities(struct bgp_attr_ctx *c, struct bgp_rd *val);
static int dec_originator_id(struct bgp_attr_ctx *c, struct bgp_rd *val);
static int dec_cluster_list(struct bgp_attr_ctx *c, struct bgp_rd *val);
static int dec_mp_reach(struct bgp_attr_ctx *c, struct bgp_rd *val);
static int dec_mp_unreach(struct bgp_attr_ctx *c, struct bgp_rd *val);
static int dec_ext_communities(struct bgp_attr_ctx *c, struct bgp_rd *val);
static int dec_as4_path(struct bgp_attr_ctx *c, struct bgp_rd *val);
static int dec_as4_aggregator(struct bgp_attr_ctx *c, struct bgp_rd *val);
static int dec_large_communities(struct bgp_attr_ctx *c, struct bgp_rd *val);
static int dec_otc(struct bgp_attr_ctx *c, struct bgp_rd *val);

#define WITHDRAW BGP_ACTION_TREAT_AS_WITHDRAW
#define DISCARD  BGP_ACTION_ATTR_DISCARD
#define RESET    BGP_ACTION_SESSION_RESET

static const struct attr_desc attr_table[256] = {
    /* RFC 7606 7.1 */
    [BGP_ATTR_ORIGIN] = {"ORIGIN", F_TRANS, WITHDRAW, dec_origin},
    /* RFC 7606 7.2 */
    [BGP_ATTR_AS_PATH] = {"AS_PATH", F_TRANS, WITHDRAW, dec_as_path},
    /* RFC 7606 7.3 */
    [BGP_ATTR_NEXT_HOP] = {"NEXT_HOP", F_TRANS, WITHDRAW, dec_next_hop},
    /* RFC 7606 7.4 */
    [BGP_ATTR_MED] = {"MULTI_EXIT_DISC", F_OPT, WITHDRAW, dec_med},
    /* RFC 7606 7.5 */
    [BGP_ATTR_LOCAL_PREF] = {"LOCAL_PREF", F_TRANS, WITHDRAW, dec_local_pref},
    /* RFC 7606 7.6 */
    [BGP_ATTR_ATOMIC_AGGREGATE] = {"ATOMIC_AGGREGATE", F_TRANS, DISCARD, dec_atomic_aggregate},
    /* RFC 7606 7.7 */
    [BGP_ATTR_AGGREGATOR] = {"AGGREGATOR", F_OPT | F_TRANS, DISCARD, dec_aggregator},
    /* RFC 7606 7.8 */
    [BGP_ATTR_COMMUNITIES] = {"COMMUNITIES", F_OPT | F_TRANS, WITHDRAW, dec_communities},
    /* RFC 7606 7.9 */
    [BGP_ATTR_ORIGINATOR_ID] = {"ORIGINATOR_ID", F_OPT, WITHDRAW, dec_originator_id},
    /* RFC 7606 7.10 */
    [BGP_ATTR_CLUSTER_LIST] = {"CLUSTER_LIST", F_OPT, WITHDRAW, dec_cluster_list},
    /* RFC 7606 7.11: the NLRI cannot be located reliably, so the session is reset. */
    [BGP_ATTR_MP_REACH_NLRI] = {"MP_REACH_NLRI", F_OPT, RESET, dec_mp_reach},
    /* RFC 7606 7.12 */
    [BGP_ATTR_MP_UNREACH_NLRI] = {"MP_UNREACH_NLRI", F_OPT, RESET, dec_mp_unreach},
    /* RFC 7606 7.14 */
    [BGP_ATTR_EXT_COMMUNITIES] = {"EXTENDED_COMMUNITIES", F_OPT | F_TRANS, WITHDRAW,
                                  dec_ext_communities},
    /* RFC 6793 6: a malformed AS4_PATH or AS4_AGGREGATOR is discarded. */
    [BGP_ATTR_AS4_PATH] = {"AS4_PATH", F_OPT | F_TRANS, DISCARD, dec_as4_path},
    [BGP_ATTR_AS4_AGGREGATOR] = {"AS4_AGGREGATOR", F_OPT | F_TRANS, DISCARD, dec_as4_aggregator},
    /* RFC 8092 5 */
    [BGP_ATTR_LARGE_COMMUNITIES] = {"LARGE_COMMUNITY", F_OPT | F_TRANS, WITHDRAW,
                                    dec_large_communities},
    /* RFC 9234 5 */
    [BGP_ATTR_OTC] = {"OTC", F_OPT | F_TRANS, WITHDRAW, dec_otc},
};

const char *bgp_attr_name(unsigned type)
{
        return type < 256 ? attr_table[type].name : NULL;
}

uint8_t bgp_attr_flags(unsigned type)
{
        return type < 256 ? attr_table[type].flags : 0;
}

bool bgp_attrs_has(const struct bgp_attrs *a, unsigned type)
{
        return type < 256 && (a->present[type / 32] & (1u << (type % 32))) != 0;
}

void bgp_attrs_set(struct bgp_attrs *a, unsigned type)
{
        if (type < 256)
                a->present[type / 32] |= 1u << (type % 32);
}

void bgp_attrs_clear(struct bgp_attrs *a, unsigned type)
{
        if (type < 256)
                a->present[type / 32] &= ~(1u << (type % 32));
}

static unsigned cur_type(const struct bgp_attr_ctx *c)
{
        return c->cur[1];
}

/*
 * The only way out of a decoder for a bad value: records the error with the whole
 * attribute as NOTIFICATION data (RFC 4271 6.3) and the attribute's RFC 7606 action.
 */
static int malformed_as(struct bgp_attr_ctx *c, enum bgp_action action, uint8_t subcode,
                        const char *reason)
{
        unsigned type = cur_type(c);
        bgp_verdict_raise(c->verdict, action, BGP_NOTIFY_UPDATE, subcode, c->cur, c->cur_len,
                          reason, (int)type);
        bgp_attrs_clear(c->attrs, type);
        return 0;
}

static int malformed(struct bgp_attr_ctx *c, uint8_t subcode, const char *reason)
{
        return malformed_as(c, attr_table[cur_type(c)].malformed, subcode, reason);
}

static int accept(struct bgp_attr_ctx *c)
{
        bgp_attrs_set(c->attrs, cur_type(c));
        return 0;
}

/* Reads a fixed-length value: false (and the error recorded) when the length is wrong. */
static bool want_len(struct bgp_attr_ctx *c, const struct bgp_rd *val, size_t len)
{
        if (bgp_rd_left(val) == len)
                return true;
        malformed(c, BGP_NOTIFY_UPDATE_ATTR_LENGTH, "attribute length is wrong for its type");
        return false;
}

static int dec_origin(struct bgp_attr_ctx *c, struct bgp_rd *val)
{
        if (!want_len(c, val, 1))
                return 0;
        (void)bgp_rd_u8(val, &c->attrs->origin);
        /* RFC 7606 7.1: an undefined ORIGIN value is treat-as-withdraw. */
        if (c->attrs->origin > BGP_ORIGIN_INCOMPLETE)
                return malformed(c, BGP_NOTIFY_UPDATE_INVALID_ORIGIN, "undefined ORIGIN value");
        return accept(c);
}

/* The peer's AS as it appears in a path encoded with asn_size-octet AS numbers. */
static uint32_t peer_as_in_path(const struct bgp_codec_opts *o, uint8_t asn_size)
{
        if (asn_size == 2 && o->remote_as > 0xffff)
                return BGP_AS_TRANS;
        return o->remote_as;
}

static int dec_as_path(struct bgp_attr_ctx *c, struct bgp_rd *val)
{
        struct bgp_as_path *p = &c->attrs->as_path;
        struct bgp_as_path_check chk;

        p->asn_size = c->opts->as4 ? 4 : 2;
        p->len = bgp_rd_left(val);
        (void)bgp_rd_view(val, p->len, &p->data);
        /* RFC 7606 7.2: unknown segment types, empty segments and overruns are malformed. */
        if (bgp_as_path_check(p, &chk) != 0)
                return malformed(c, BGP_NOTIFY_UPDATE_MALFORMED_AS_PATH, "malformed AS_PATH");
        /* RFC 7607 2: AS 0 in AS_PATH is malformed. */
        if (chk.has_zero)
                return malformed(c, BGP_NOTIFY_UPDATE_MALFORMED_AS_PATH, "AS 0 in AS_PATH");
        if (c->ebgp) {
                /* RFC 5065 5: confederation segments never come from outside. */
                if (chk.has_confed)
                        return malformed(c, BGP_NOTIFY_UPDATE_MALFORMED_AS_PATH,
                                         "confederation segment from an external peer");
                /* RFC 4271 6.3: an external peer's path starts with the peer's AS. */
                if (!chk.first_is_seq || chk.first_as != peer_as_in_path(c->opts, p->asn_size))
                        return malformed(c, BGP_NOTIFY_UPDATE_MALFORMED_AS_PATH,
                                         "AS_PATH does not start with the peer's AS");
        }
        return accept(c);
}

static int dec_next_hop(struct bgp_attr_ctx *c, struct bgp_rd *val)
{
        uint8_t *nh = c->attrs->next_hop;

        if (!want_len(c, val, 4))
                return 0;
        (void)bgp_rd_copy(val, nh, 4);
        /* RFC 4271 6.3 and RFC 7606 7.3: a next hop that is no host address (0/8,
         * multicast and reserved) makes the routes unusable. */
        if (nh[0] == 0 || nh[0] >= 224)
                return malformed(c, BGP_NOTIFY_UPDATE_INVALID_NEXT_HOP,
                                 "NEXT_HOP is not a unicast host address");
        return accept(c);
}

static int dec_u32(struct bgp_attr_ctx *c, struct bgp_rd *val, uint32_t *out)
{
        if (!want_len(c, val, 4))
                return 0;
        (void)bgp_rd_u32(val, out);
        return accept(c);
}

static int dec_med(struct bgp_attr_ctx *c, struct bgp_rd *val)
{
        return dec_u32(c, val, &c->attrs->med);
}

static int dec_local_pref(struct bgp_attr_ctx *c, struct bgp_rd *val)
{
        /* RFC 7606 7.5: LOCAL_PREF from an external peer is discarded, whatever it holds. */
        if (c->ebgp)
                return malformed_as(c, BGP_ACTION_ATTR_DISCARD, BGP_NOTIFY_UPDATE_ATTR_FLAGS,
                                    "LOCAL_PREF from an external peer");
        return dec_u32(c, val, &c->attrs->local_pref);
}

static int dec_atomic_aggregate(struct bgp_attr_ctx *c, struct bgp_rd *val)
{
        if (!want_len(c, val, 0))
                return 0;
        return accept(c);
}

static int dec_aggregator(struct bgp_attr_ctx *c, struct bgp_rd *val)
{
        /* RFC 6793 4.1 and RFC 7606 7.7: 8 octets with 4-octet AS, 6 without. */
        if (!want_len(c, val, c->opts->as4 ? 8 : 6))
                return 0;
        if (c->opts->as4) {
                (void)bgp_rd_u32(val, &c->attrs->aggregator_as);
        } else {
                uint16_t as = 0;
                (void)bgp_rd_u16(val, &as);
                c->attrs->aggregator_as = as;
        }
        (void)bgp_rd_copy(val, c->attrs->aggregator_addr, 4);
        /* RFC 7607 2: AS 0 in AGGREGATOR makes it malformed. */
        if (c->attrs->aggregator_as == 0)
                return malformed(c, BGP_NOTIFY_UPDATE_OPTIONAL_ATTR, "AS 0 in AGGREGATOR");
        return accept(c);
}

/* A list of fixed-size items: its length must be a non-zero multiple of the size. */
static int dec_list(struct bgp_attr_ctx *c, struct bgp_rd *val, size_t item,
                    struct bgp_attr_list *out)
{
        size_t len = bgp_rd_left(val);
        if (len == 0 || len % item != 0)
                return malformed(c, BGP_NOTIFY_UPDATE_ATTR_LENGTH,
                                 "list length is not a non-zero multiple of its item size");
        out->count = len / item;
        (void)bgp_rd_view(val, len, &out->data);
        return accept(c);
}

static int dec_communities(struct bgp_attr_ctx *c, struct bgp_rd *val)
{
        /* RFC 7606 7.8 */
        return dec_list(c, val, 4, &c->attrs->communities);
}

static int dec_originator_id(struct bgp_attr_ctx *c, struct bgp_rd *val)
{
        return dec_u32(c, val, &c->attrs->originator_id);
}

static int dec_cluster_list(struct bgp_attr_ctx *c, struct bgp_rd *val)
{
        /* RFC 7606 7.10 */
        return dec_list(c, val, 4, &c->attrs->cluster_list);
}

static int dec_ext_communities(struct bgp_attr_ctx *c, struct bgp_rd *val)
{
        /* RFC 7606 7.14 */
        return dec_list(c, val, 8, &c->attrs->ext_communities);
}

static int dec_large_communities(struct bgp_attr_ctx *c, struct bgp_rd *val)
{
        /* RFC 8092 5 */
        return dec_list(c, val, 12, &c->attrs->large_communities);
}

static int dec_otc(struct bgp_attr_ctx *c, struct bgp_rd *val)
{
        return dec_u32(c, val, &c->attrs->otc);
}

static int dec_as4_path(struct bgp_attr_ctx *c, struct bgp_rd *val)
{
        struct bgp_as_path *p = &c->attrs->as4_path;
        struct bgp_as_path_check chk;

        p->asn_size = 4;
        p->len = bgp_rd_left(val);
        (void)bgp_rd_view(val, p->len, &p->data);
        /* RFC 6793 3: a 4-octet speaker never sends AS4_PATH to another; it is ignored. */
        if (c->opts->as4)
                return malformed(c, BGP_NOTIFY_UPDATE_OPTIONAL_ATTR,
                                 "AS4_PATH from a 4-octet AS speaker");
        /* RFC 6793 6: malformed, with confederation segments, or AS 0 (RFC 7607): discard. */
        if (bgp_as_path_check(p, &chk) != 0 || chk.has_confed || chk.has_zero)
                return malformed(c, BGP_NOTIFY_UPDATE_OPTIONAL_ATTR, "malformed AS4_PATH");
        return accept(c);
}

static int dec_as4_aggregator(struct bgp_attr_ctx *c, struct bgp_rd *val)
{
        if (c->opts->as4)
                return malformed(c, BGP_NOTIFY_UPDATE_OPTIONAL_ATTR,
                                 "AS4_AGGREGATOR from a 4-octet AS speaker");
        if (!want_len(c, val, 8))
                return 0;
        (void)bgp_rd_u32(val, &c->attrs->as4_aggregator_as);
        (void)bgp_rd_copy(val, c->attrs->as4_aggregator_addr, 4);
        if (c->attrs->as4_aggregator_as == 0)
                return malformed(c, BGP_NOTIFY_UPDATE_OPTIONAL_ATTR, "AS 0 in AS4_AGGREGATOR");
        return accept(c);
}

/* RFC 4760 3 and RFC 2545 3: the next hop lengths each family allows. */
static bool mp_nh_len_ok(uint16_t afi, uint8_t len)
{
        switch (afi) {
        case BGP_AFI_IPV4:
                return len == 4;
        case BGP_AFI_IPV6:
                return len == 16 || len == 32;
        default:
                return false;
        }
}

/* RFC 4760 7: a family the session did not negotiate cannot be accepted. */
static bool family_ok(struct bgp_attr_ctx *c, uint16_t afi, uint8_t safi)
{
        uint32_t fam = bgp_family_of(afi, safi);
        if (fam != 0 && (c->opts->families & fam) != 0)
                return true;
        malformed(c, BGP_NOTIFY_UPDATE_OPTIONAL_ATTR, "address family that was not negotiated");
        return false;
}

static int dec_mp_reach(struct bgp_attr_ctx *c, struct bgp_rd *val)
{
        struct bgp_mp_reach *mp = &c->attrs->mp_reach;
        uint8_t reserved;

        if (bgp_rd_u16(val, &mp->afi) != 0 || bgp_rd_u8(val, &mp->safi) != 0 ||
            bgp_rd_u8(val, &mp->nh_len) != 0)
                return malformed(c, BGP_NOTIFY_UPDATE_OPTIONAL_ATTR, "MP_REACH_NLRI too short");
        if (!family_ok(c, mp->afi, mp->safi))
                return 0;
        /* RFC 7606 7.11: a next hop length that does not fit the family means the NLRI
         * cannot be located: session reset. */
        if (!mp_nh_len_ok(mp->afi, mp->nh_len) || bgp_rd_copy(val, mp->nh, mp->nh_len) != 0)
                return malformed(c, BGP_NOTIFY_UPDATE_OPTIONAL_ATTR,
                                 "MP_REACH_NLRI next hop length is wrong for its family");
        /* RFC 4760 3: the Reserved octet (formerly the SNPA count) is ignored. */
        if (bgp_rd_u8(val, &reserved) != 0)
                return malformed(c, BGP_NOTIFY_UPDATE_OPTIONAL_ATTR, "MP_REACH_NLRI too short");
        mp->nlri.afi = mp->afi;
        mp->nlri.safi = mp->safi;
        mp->nlri.len = bgp_rd_left(val);
        (void)bgp_rd_view(val, mp->nlri.len, &mp->nlri.data);
        /* RFC 7606 5.3: an NLRI syntax error cannot be treated as withdraw. */
        if (bgp_nlri_validate(mp->nlri.data, mp->nlri.len, mp->afi) != 0)
                return malformed(c, BGP_NOTIFY_UPDATE_OPTIONAL_ATTR,
                                 "MP_REACH_NLRI prefix length is invalid or overruns");
        /* RFC 4271 6.3: a multicast next hop is no next hop (treat-as-withdraw). */
        if (mp->afi == BGP_AFI_IPV6 && mp->nh[0] == 0xff)
                return malformed_as(c, BGP_ACTION_TREAT_AS_WITHDRAW,
                                    BGP_NOTIFY_UPDATE_INVALID_NEXT_HOP,
                                    "MP_REACH_NLRI next hop is a multicast address");
        if (mp->afi == BGP_AFI_IPV4 && (mp->nh[0] == 0 || mp->nh[0] >= 224))
                return malformed_as(c, BGP_ACTION_TREAT_AS_WITHDRAW,
                                    BGP_NOTIFY_UPDATE_INVALID_NEXT_HOP,
                                    "MP_REACH_NLRI next hop is not a unicast host address");
        return accept(c);
}

static int dec_mp_unreach(struct bgp_attr_ctx *c, struct bgp_rd *val)
{
        struct bgp_mp_unreach *mp = &c->attrs->mp_unreach;

        if (bgp_rd_u16(val, &mp->afi) != 0 || bgp_rd_u8(val, &mp->safi) != 0)
                return malformed(c, BGP_NOTIFY_UPDATE_OPTIONAL_ATTR, "MP_UNREACH_NLRI too short");
        if (!family_ok(c, mp->afi, mp->safi))
                return 0;
        mp->nlri.afi = mp->afi;
        mp->nlri.safi = mp->safi;
        mp->nlri.len = bgp_rd_left(val);
        (void)bgp_rd_view(val, mp->nlri.len, &mp->nlri.data);
        if (bgp_nlri_validate(mp->nlri.data, mp->nlri.len, mp->afi) != 0)
                return malformed(c, BGP_NOTIFY_UPDATE_OPTIONAL_ATTR,
                                 "MP_UNREACH_NLRI prefix length is invalid or overruns");
        return accept(c);
}

/* An attribute libbgp does not know (RFC 4271 5 and 6.3). */
static int dec_unknown(struct bgp_attr_ctx *c, struct bgp_rd *val)
{
        struct bgp_attrs *a = c->attrs;
        uint8_t flags = c->cur_flags;

        /* RFC 4271 6.3: an unrecognized well-known attribute is an UPDATE error, data the
         * attribute; RFC 7606 does not revise this case, so the session is reset. */
        if (!(flags & F_OPT))
                return malformed_as(c, BGP_ACTION_SESSION_RESET,
                                    BGP_NOTIFY_UPDATE_UNRECOGNIZED_WELLKNOWN,
                                    "unrecognized well-known attribute");
        /* RFC 4271 5: an unrecognized optional non-transitive attribute is quietly ignored. */
        if (!(flags & F_TRANS))
                return 0;
        /* An unrecognized optional transitive one is kept, to be passed on with Partial. */
        if (a->n_raw == BGP_ATTRS_MAX_RAW)
                return malformed_as(c, BGP_ACTION_ATTR_DISCARD, BGP_NOTIFY_UPDATE_OPTIONAL_ATTR,
                                    "too many unknown attributes to keep");
        struct bgp_attr_raw *r = &a->raw[a->n_raw++];
        r->flags = flags;
        r->type = (uint8_t)cur_type(c);
        r->len = (uint16_t)bgp_rd_left(val);
        (void)bgp_rd_view(val, r->len, &r->value);
        return accept(c);
}

static bool seen(struct bgp_attr_ctx *c, unsigned type)
{
        bool was = (c->seen[type / 32] & (1u << (type % 32))) != 0;
        c->seen[type / 32] |= 1u << (type % 32);
        return was;
}

int bgp_attrs_decode(struct bgp_attr_ctx *c, struct bgp_rd *rd)
{
        while (bgp_rd_left(rd) > 0) {
                const uint8_t *start = bgp_rd_ptr(rd);
                uint8_t flags, type;
                uint16_t len;
                struct bgp_rd val;

                /* RFC 7606 4: an attribute header or value that overruns the Path
                 * Attributes field is a framing error; the caller decides what it means. */
                c->overrun_type = -1;
                if (bgp_rd_u8(rd, &flags) != 0 || bgp_rd_u8(rd, &type) != 0)
                        return BGP_ERR_MALFORMED;
                c->overrun_type = type;
                if (flags & BGP_ATTR_FLAG_EXTLEN) {
                        if (bgp_rd_u16(rd, &len) != 0)
                                return BGP_ERR_MALFORMED;
                } else {
                        uint8_t len8;
                        if (bgp_rd_u8(rd, &len8) != 0)
                                return BGP_ERR_MALFORMED;
                        len = len8;
                }
                if (bgp_rd_sub(rd, len, &val) != 0)
                        return BGP_ERR_MALFORMED;

                c->cur = start;
                c->cur_len = (size_t)(bgp_rd_ptr(rd) - start);
                c->cur_flags = flags;
                const struct attr_desc *d = &attr_table[type];

                /* Configured to be dropped: not even its flags are looked at (FRR 9.1
                 * "path-attribute discard" skips the flag checks too). */
                if (c->opts != NULL && bgp_codec_opts_discards(c->opts, type))
                        continue;

                /* RFC 7606 3(g): a repeated MP_REACH_NLRI or MP_UNREACH_NLRI resets the
                 * session; any other repeated attribute is discarded after the first. */
                if (seen(c, type)) {
                        if (type == BGP_ATTR_MP_REACH_NLRI || type == BGP_ATTR_MP_UNREACH_NLRI) {
                                bgp_verdict_raise(
                                    c->verdict, BGP_ACTION_SESSION_RESET, BGP_NOTIFY_UPDATE,
                                    BGP_NOTIFY_UPDATE_MALFORMED_ATTR_LIST, NULL, 0,
                                    "MP_REACH_NLRI or MP_UNREACH_NLRI repeated", type);
                        } else {
                                bgp_verdict_raise(c->verdict, BGP_ACTION_ATTR_DISCARD,
                                                  BGP_NOTIFY_UPDATE,
                                                  BGP_NOTIFY_UPDATE_MALFORMED_ATTR_LIST, start,
                                                  c->cur_len, "attribute repeated", type);
                        }
                        continue;
                }
                if (d->decode == NULL) {
                        dec_unknown(c, &val);
                        continue;
                }
                /* RFC 7606 3(c): conflicting Optional or Transitive bits make the attribute
                 * malformed, handled as the attribute's own errors are. */
                if ((flags & (F_OPT | F_TRANS)) != d->flags) {
                        malformed(c, BGP_NOTIFY_UPDATE_ATTR_FLAGS, "attribute flags conflict");
                        continue;
                }
                d->decode(c, &val);
        }
        return 0;
}
