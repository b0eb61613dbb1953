/*
 * src_gen.c - the generated full table (bench/table_gen.c) as a replay table.
 *
 * The generator writes whole UPDATEs; each is decoded back and interned, so the replay
 * rewrites and packs them the same way as every other source.
 */
#include <stdio.h>

#include "source.h"
#include "table_gen.h"

int rsource_load_generated(struct rtable *t, const char *ipasn, uint64_t seed, uint32_t first_as,
                           char *err, size_t errlen)
{
        struct tgen_prefixes p;
        struct tgen_peer peer;
        struct tgen_table tt;
        struct bgp_codec_opts opts;
        static struct bgp_update upd; /* large: keep it off the stack */
        struct bgp_verdict v;
        int rc = -1;

        bgp_codec_opts_init(&opts);
        if (tgen_load_ipasn(ipasn, &p, err, errlen) != 0)
                return -1;
        tgen_peer_init(&peer, seed);
        if (first_as != 0)
                peer.peer_as = first_as;
        if (tgen_build(&tt, &p, &peer, &opts, err, errlen) != 0) {
                tgen_prefixes_free(&p);
                return -1;
        }
        for (size_t off = 0; off < tt.len;) {
                size_t len = tgen_msg_len(&tt, off);
                const uint8_t *body = tt.buf + off + BGP_HEADER_LEN;
                off += len;
                if (bgp_update_decode(body, len - BGP_HEADER_LEN, &opts, &upd, &v) != 0) {
                        t->skipped_invalid++;
                        continue;
                }
                const struct bgp_mp_reach *mp = &upd.attrs.mp_reach;
                if (!rtable_wants(t, mp->afi, mp->safi))
                        continue;
                uint32_t set;
                if (rtable_intern(t, &upd.attrs, &set) != 0)
                        goto nomem;
                struct bgp_nlri_iter it;
                struct bgp_prefix pfx;
                bgp_nlri_iter_init(&it, &mp->nlri);
                while (bgp_nlri_iter_next(&it, &pfx) == 1)
                        if (rtable_add(t, set, mp->safi, &pfx) != 0)
                                goto nomem;
        }
        if (rtable_finish(t) != 0)
                goto nomem;
        snprintf(t->source, sizeof(t->source), "generated from %s, seed %llu, first AS %u", ipasn,
                 (unsigned long long)seed, peer.peer_as);
        rc = 0;
        goto out;
nomem:
        snprintf(err, errlen, "out of memory");
out:
        tgen_table_free(&tt);
        tgen_prefixes_free(&p);
        return rc;
}
