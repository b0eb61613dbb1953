/*
 * update.c - the UPDATE message, RFC 4271 4.3 and 6.3, RFC 4760, RFC 7606.
 *
 * The body is split into three sub-views (withdrawn routes, path attributes, NLRI) before
 * anything inside them is read, so each parser sees only its own section.
 */
#include <string.h>

#include "attr.h"
#include "frame.h"
#include "nlri.h"
#include "rd.h"
#include "verdict.h"

/* NOTIFICATION data of a Missing Well-known Attribute error: the type code (RFC 4271 6.3). */
static const uint8_t missing_type[4] = {0, BGP_ATTR_ORIGIN, BGP_ATTR_AS_PATH, BGP_ATTR_NEXT_HOP};

static void missing(struct bgp_verdict *v, uint8_t type)
{
        /* RFC 7606 3(d): a missing well-known mandatory attribute is treat-as-withdraw. */
        bgp_verdict_raise(v, BGP_ACTION_TREAT_AS_WITHDRAW, BGP_NOTIFY_UPDATE,
                          BGP_NOTIFY_UPDATE_MISSING_WELLKNOWN, &missing_type[type], 1,
                          "missing well-known mandatory attribute", type);
}

static bool has_nlri(const struct bgp_nlri *n)
{
        return n->data != NULL && n->len > 0;
}

int bgp_update_decode(const uint8_t *body, size_t len, const struct bgp_codec_opts *opts,
                      struct bgp_update *u, struct bgp_verdict *v)
{
        struct bgp_rd rd = bgp_rd_make(body, len), wd, at;
        uint16_t wd_len, at_len;
        struct bgp_attr_ctx ctx;

        bgp_verdict_init(v);
        memset(u, 0, offsetof(struct bgp_update, attrs));
        memset(&u->attrs, 0, offsetof(struct bgp_attrs, raw));
        memset(&u->nlri, 0, sizeof(u->nlri));

        /* RFC 4271 6.3: lengths that overrun the message make the attribute list
         * malformed; nothing can be located, so RFC 7606 leaves the reset in place. */
        if (bgp_rd_u16(&rd, &wd_len) != 0 || bgp_rd_sub(&rd, wd_len, &wd) != 0 ||
            bgp_rd_u16(&rd, &at_len) != 0 || bgp_rd_sub(&rd, at_len, &at) != 0)
                return bgp_verdict_reset(v, BGP_NOTIFY_UPDATE,
                                         BGP_NOTIFY_UPDATE_MALFORMED_ATTR_LIST,
                                         "withdrawn routes or path attribute length overruns");
        struct bgp_rd nl = bgp_rd_rest(&rd);

        u->withdrawn =
            (struct bgp_nlri){bgp_rd_ptr(&wd), bgp_rd_left(&wd), BGP_AFI_IPV4, BGP_SAFI_UNICAST};
        u->nlri =
            (struct bgp_nlri){bgp_rd_ptr(&nl), bgp_rd_left(&nl), BGP_AFI_IPV4, BGP_SAFI_UNICAST};
        /* RFC 7606 5.3: a syntax error in the NLRI fields cannot be treated as withdraw. */
        if (bgp_nlri_validate(u->withdrawn.data, u->withdrawn.len, BGP_AFI_IPV4) != 0 ||
            bgp_nlri_validate(u->nlri.data, u->nlri.len, BGP_AFI_IPV4) != 0)
                return bgp_verdict_reset(v, BGP_NOTIFY_UPDATE, BGP_NOTIFY_UPDATE_INVALID_NETWORK,
                                         "invalid prefix in the withdrawn routes or NLRI field");
        /* RFC 4760 7 and 8: IPv4 unicast in the old fields needs that family negotiated. */
        if ((has_nlri(&u->withdrawn) || has_nlri(&u->nlri)) &&
            !(opts->families & BGP_FAMILY_IPV4_UNICAST))
                return bgp_verdict_reset(v, BGP_NOTIFY_UPDATE, BGP_NOTIFY_UPDATE_INVALID_NETWORK,
                                         "IPv4 unicast prefixes but the family was not negotiated");

        memset(&ctx, 0, sizeof(ctx));
        ctx.opts = opts;
        ctx.attrs = &u->attrs;
        ctx.verdict = v;
        ctx.ebgp = opts->local_as != 0 && opts->remote_as != 0 && opts->local_as != opts->remote_as;
        if (bgp_attrs_decode(&ctx, &at) != 0) {
                /* RFC 7606 4: an attribute that overruns the field is a framing error.  It
                 * is treat-as-withdraw when we know every prefix the UPDATE carries; an
                 * MP_REACH_NLRI or MP_UNREACH_NLRI may hide in the unread rest, so that is
                 * only so when one was already read (RFC 7606 5.1 puts them first). */
                bool located = bgp_attrs_has(&u->attrs, BGP_ATTR_MP_REACH_NLRI) ||
                               bgp_attrs_has(&u->attrs, BGP_ATTR_MP_UNREACH_NLRI) ||
                               has_nlri(&u->nlri) || has_nlri(&u->withdrawn);
                /* RFC 7606 3(j): treat-as-withdraw needs MP_REACH_NLRI and MP_UNREACH_NLRI
                 * parsed; when the one that overruns is one of them, its prefixes are lost
                 * and the session MUST be reset. */
                if (ctx.overrun_type == BGP_ATTR_MP_REACH_NLRI ||
                    ctx.overrun_type == BGP_ATTR_MP_UNREACH_NLRI)
                        located = false;
                bgp_verdict_raise(v,
                                  located ? BGP_ACTION_TREAT_AS_WITHDRAW : BGP_ACTION_SESSION_RESET,
                                  BGP_NOTIFY_UPDATE, BGP_NOTIFY_UPDATE_MALFORMED_ATTR_LIST, NULL, 0,
                                  "path attribute overruns the attribute field", -1);
        }

        /* RFC 4271 6.3 and RFC 7606 3(d): ORIGIN and AS_PATH are needed whenever something
         * is announced; NEXT_HOP only for prefixes in the NLRI field (RFC 4760 3). */
        bool reach = has_nlri(&u->nlri) || bgp_attrs_has(&u->attrs, BGP_ATTR_MP_REACH_NLRI);
        if (reach && v->action < BGP_ACTION_SESSION_RESET) {
                if (!(ctx.seen[0] & (1u << BGP_ATTR_ORIGIN)))
                        missing(v, BGP_ATTR_ORIGIN);
                if (!(ctx.seen[0] & (1u << BGP_ATTR_AS_PATH)))
                        missing(v, BGP_ATTR_AS_PATH);
                if (has_nlri(&u->nlri) && !(ctx.seen[0] & (1u << BGP_ATTR_NEXT_HOP)))
                        missing(v, BGP_ATTR_NEXT_HOP);
        }
        return v->action >= BGP_ACTION_TREAT_AS_WITHDRAW ? BGP_ERR_MALFORMED : 0;
}

bool bgp_update_is_eor(const struct bgp_update *u, uint16_t *afi, uint8_t *safi)
{
        const struct bgp_attrs *a = &u->attrs;
        bool no_attrs = true;

        for (size_t i = 0; i < 8; i++)
                if (a->present[i] != 0)
                        no_attrs = false;
        if (has_nlri(&u->withdrawn) || has_nlri(&u->nlri))
                return false;
        /* RFC 4724 2: IPv4 unicast EoR is an UPDATE with nothing in it. */
        if (no_attrs && a->n_raw == 0) {
                *afi = BGP_AFI_IPV4;
                *safi = BGP_SAFI_UNICAST;
                return true;
        }
        /* Other families: only an MP_UNREACH_NLRI with no prefixes. */
        uint32_t only_unreach[8] = {0};
        only_unreach[0] = 1u << BGP_ATTR_MP_UNREACH_NLRI;
        if (memcmp(a->present, only_unreach, sizeof(only_unreach)) == 0 && a->n_raw == 0 &&
            a->mp_unreach.nlri.len == 0) {
                *afi = a->mp_unreach.afi;
                *safi = a->mp_unreach.safi;
                return true;
        }
        return false;
}

/* Writes an MP_REACH_NLRI header; the caller writes the NLRI and patches the length. */
static size_t put_mp_reach_head(struct bgp_wr *wr, const struct bgp_mp_reach *mp, uint16_t afi,
                                uint8_t safi)
{
        bgp_wr_u8(wr, bgp_attr_flags(BGP_ATTR_MP_REACH_NLRI) | BGP_ATTR_FLAG_EXTLEN);
        bgp_wr_u8(wr, BGP_ATTR_MP_REACH_NLRI);
        size_t at = bgp_wr_reserve16(wr);
        bgp_wr_u16(wr, afi);
        bgp_wr_u8(wr, safi);
        bgp_wr_u8(wr, mp->nh_len);
        bgp_wr_bytes(wr, mp->nh, mp->nh_len);
        bgp_wr_u8(wr, 0); /* RFC 4760 3: Reserved */
        return at;
}

static size_t put_mp_unreach_head(struct bgp_wr *wr, uint16_t afi, uint8_t safi)
{
        bgp_wr_u8(wr, bgp_attr_flags(BGP_ATTR_MP_UNREACH_NLRI) | BGP_ATTR_FLAG_EXTLEN);
        bgp_wr_u8(wr, BGP_ATTR_MP_UNREACH_NLRI);
        size_t at = bgp_wr_reserve16(wr);
        bgp_wr_u16(wr, afi);
        bgp_wr_u8(wr, safi);
        return at;
}

/* The limit of one message: the smaller of the buffer and the negotiated maximum. */
static size_t msg_limit(size_t cap, const struct bgp_codec_opts *opts)
{
        size_t max = bgp_codec_max_msg_len(opts);
        return cap < max ? cap : max;
}

int bgp_update_encode(uint8_t *buf, size_t cap, const struct bgp_codec_opts *opts,
                      const struct bgp_update *u)
{
        const struct bgp_attrs *a = &u->attrs;
        struct bgp_wr wr = bgp_wr_make(buf, msg_limit(cap, opts));
        size_t msg = bgp_frame_begin(&wr, BGP_MSG_UPDATE);

        size_t wd = bgp_wr_reserve16(&wr);
        bgp_wr_bytes(&wr, u->withdrawn.data, u->withdrawn.len);
        bgp_wr_patch16(&wr, wd);
        size_t at = bgp_wr_reserve16(&wr);
        /* RFC 7606 5.1: MP_REACH_NLRI and MP_UNREACH_NLRI go first. */
        if (bgp_attrs_has(a, BGP_ATTR_MP_REACH_NLRI)) {
                size_t mp = put_mp_reach_head(&wr, &a->mp_reach, a->mp_reach.afi, a->mp_reach.safi);
                bgp_wr_bytes(&wr, a->mp_reach.nlri.data, a->mp_reach.nlri.len);
                bgp_wr_patch16(&wr, mp);
        }
        if (bgp_attrs_has(a, BGP_ATTR_MP_UNREACH_NLRI)) {
                size_t mp = put_mp_unreach_head(&wr, a->mp_unreach.afi, a->mp_unreach.safi);
                bgp_wr_bytes(&wr, a->mp_unreach.nlri.data, a->mp_unreach.nlri.len);
                bgp_wr_patch16(&wr, mp);
        }
        bgp_attrs_write(&wr, a, opts, true);
        bgp_wr_patch16(&wr, at);
        bgp_wr_bytes(&wr, u->nlri.data, u->nlri.len);
        return bgp_frame_end(&wr, msg, wr.cap);
}

static bool is_legacy(uint16_t afi, uint8_t safi)
{
        return afi == BGP_AFI_IPV4 && safi == BGP_SAFI_UNICAST;
}

/* How many of pfx[from..n) fit in room octets, and their size. */
static size_t count_fit(const struct bgp_prefix *pfx, size_t from, size_t n, size_t room,
                        size_t *bytes)
{
        size_t i = from, used = 0;
        while (i < n && used + bgp_nlri_size(&pfx[i]) <= room)
                used += bgp_nlri_size(&pfx[i++]);
        *bytes = used;
        return i - from;
}

int bgp_update_build_announce(uint8_t *buf, size_t cap, const struct bgp_codec_opts *opts,
                              const struct bgp_attrs *attrs, uint8_t safi,
                              const struct bgp_prefix *pfx, size_t n, size_t *done)
{
        if (*done >= n)
                return BGP_ERR_INVALID_ARGUMENT;
        uint16_t afi = pfx[*done].afi;
        for (size_t i = *done; i < n; i++)
                if (pfx[i].afi != afi)
                        return BGP_ERR_INVALID_ARGUMENT;

        size_t limit = msg_limit(cap, opts);
        struct bgp_wr wr = bgp_wr_make(buf, limit);
        size_t msg = bgp_frame_begin(&wr, BGP_MSG_UPDATE);
        bgp_wr_u16(&wr, 0); /* no withdrawn routes */
        size_t at = bgp_wr_reserve16(&wr);
        size_t fit, bytes;

        if (is_legacy(afi, safi)) {
                bgp_attrs_write(&wr, attrs, opts, true);
                bgp_wr_patch16(&wr, at);
                if (wr.err != 0)
                        return wr.err;
                fit = count_fit(pfx, *done, n, bgp_wr_left(&wr), &bytes);
                for (size_t i = 0; i < fit; i++)
                        bgp_nlri_put(&wr, &pfx[*done + i]);
        } else {
                /* The other attributes are written first to learn their size, then moved
                 * behind the MP_REACH_NLRI once we know how many prefixes it takes. */
                size_t start = wr.off;
                bgp_attrs_write(&wr, attrs, opts, false);
                if (wr.err != 0)
                        return wr.err;
                size_t others = wr.off - start;
                size_t head = 4 + 2 + 1 + 1 + attrs->mp_reach.nh_len + 1;
                if (start + head + others > limit)
                        return BGP_ERR_NOSPACE;
                fit = count_fit(pfx, *done, n, limit - start - head - others, &bytes);
                memmove(buf + start + head + bytes, buf + start, others);
                wr.off = start;
                size_t mp = put_mp_reach_head(&wr, &attrs->mp_reach, afi, safi);
                for (size_t i = 0; i < fit; i++)
                        bgp_nlri_put(&wr, &pfx[*done + i]);
                bgp_wr_patch16(&wr, mp);
                wr.off += others;
                bgp_wr_patch16(&wr, at);
        }
        if (fit == 0)
                return BGP_ERR_NOSPACE;
        int rc = bgp_frame_end(&wr, msg, limit);
        if (rc > 0)
                *done += fit;
        return rc;
}

int bgp_update_build_withdraw(uint8_t *buf, size_t cap, const struct bgp_codec_opts *opts,
                              uint8_t safi, const struct bgp_prefix *pfx, size_t n, size_t *done)
{
        if (*done >= n)
                return BGP_ERR_INVALID_ARGUMENT;
        uint16_t afi = pfx[*done].afi;
        for (size_t i = *done; i < n; i++)
                if (pfx[i].afi != afi)
                        return BGP_ERR_INVALID_ARGUMENT;

        size_t limit = msg_limit(cap, opts);
        struct bgp_wr wr = bgp_wr_make(buf, limit);
        size_t msg = bgp_frame_begin(&wr, BGP_MSG_UPDATE);
        size_t fit, bytes;

        if (is_legacy(afi, safi)) {
                size_t wd = bgp_wr_reserve16(&wr);
                /* Room for the withdrawn routes: leave the 2-octet attribute length. */
                size_t room = limit > wr.off + 2 ? limit - wr.off - 2 : 0;
                fit = count_fit(pfx, *done, n, room, &bytes);
                for (size_t i = 0; i < fit; i++)
                        bgp_nlri_put(&wr, &pfx[*done + i]);
                bgp_wr_patch16(&wr, wd);
                bgp_wr_u16(&wr, 0);
        } else {
                bgp_wr_u16(&wr, 0);
                size_t at = bgp_wr_reserve16(&wr);
                size_t mp = put_mp_unreach_head(&wr, afi, safi);
                fit = count_fit(pfx, *done, n, bgp_wr_left(&wr), &bytes);
                for (size_t i = 0; i < fit; i++)
                        bgp_nlri_put(&wr, &pfx[*done + i]);
                bgp_wr_patch16(&wr, mp);
                bgp_wr_patch16(&wr, at);
        }
        if (fit == 0)
                return wr.err != 0 ? wr.err : BGP_ERR_NOSPACE;
        int rc = bgp_frame_end(&wr, msg, limit);
        if (rc > 0)
                *done += fit;
        return rc;
}

int bgp_update_build_eor(uint8_t *buf, size_t cap, uint16_t afi, uint8_t safi)
{
        struct bgp_wr wr = bgp_wr_make(buf, cap);
        size_t msg = bgp_frame_begin(&wr, BGP_MSG_UPDATE);

        bgp_wr_u16(&wr, 0);
        /* RFC 4724 2: an empty UPDATE for IPv4 unicast, an empty MP_UNREACH_NLRI else. */
        if (is_legacy(afi, safi)) {
                bgp_wr_u16(&wr, 0);
        } else {
                size_t at = bgp_wr_reserve16(&wr);
                size_t mp = put_mp_unreach_head(&wr, afi, safi);
                bgp_wr_patch16(&wr, mp);
                bgp_wr_patch16(&wr, at);
        }
        return bgp_frame_end(&wr, msg, BGP_MAX_MSG_LEN);
}
