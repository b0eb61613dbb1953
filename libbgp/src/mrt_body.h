/*
 * mrt_body.h - the readers of the message field of each MRT record type (RFC 6396 4).
 *
 * bgp_mrt_record_decode() frames a record and hands its message field, as a reader that
 * cannot reach past the record, to one of these.  Each fills rec->kind and rec->u, and
 * returns 0, or BGP_ERR_MALFORMED when the field does not hold what the type says.
 */
#ifndef BGP_MRT_BODY_H
#define BGP_MRT_BODY_H

#include <bgp/mrt.h>

#include "rd.h"

/* BGP4MP and BGP4MP_ET, RFC 6396 4.4. */
int bgp_mrt_bgp4mp_decode(struct bgp_rd *rd, struct bgp_mrt_record *rec);

/* TABLE_DUMP_V2, RFC 6396 4.3. */
int bgp_mrt_td2_decode(struct bgp_rd *rd, struct bgp_mrt_record *rec);

/* The codec options of TABLE_DUMP_V2 RIB entries: bgp_mrt_codec_opts_init() for them. */
void bgp_mrt_rib_codec_opts(struct bgp_codec_opts *opts);

#endif /* BGP_MRT_BODY_H */
