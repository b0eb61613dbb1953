/* msg.c - decoding any message: the header, then the body by type. */
#include <string.h>

#include "frame.h"
#include "rd.h"
#include "verdict.h"

const char *bgp_msg_type_name(unsigned type)
{
        switch (type) {
        case BGP_MSG_OPEN:
                return "OPEN";
        case BGP_MSG_UPDATE:
                return "UPDATE";
        case BGP_MSG_NOTIFICATION:
                return "NOTIFICATION";
        case BGP_MSG_KEEPALIVE:
                return "KEEPALIVE";
        case BGP_MSG_ROUTE_REFRESH:
                return "ROUTE-REFRESH";
        default:
                return "UNKNOWN";
        }
}

int bgp_msg_decode(const uint8_t *buf, size_t len, const struct bgp_codec_opts *opts,
                   struct bgp_msg *msg, struct bgp_verdict *v)
{
        int rc = bgp_header_decode(buf, len, opts, &msg->hdr, v);
        if (rc != 0)
                return rc;
        if (len < msg->hdr.length)
                return BGP_ERR_SHORT;
        if (len > msg->hdr.length)
                return BGP_ERR_INVALID_ARGUMENT;

        const uint8_t *body = buf + BGP_HEADER_LEN;
        size_t body_len = (size_t)msg->hdr.length - BGP_HEADER_LEN;
        switch (msg->hdr.type) {
        case BGP_MSG_OPEN:
                return bgp_open_decode(body, body_len, opts, &msg->u.open, v);
        case BGP_MSG_UPDATE:
                return bgp_update_decode(body, body_len, opts, &msg->u.update, v);
        case BGP_MSG_NOTIFICATION:
                return bgp_notification_decode(body, body_len, &msg->u.notification, v);
        case BGP_MSG_ROUTE_REFRESH:
                rc = bgp_route_refresh_decode(body, body_len, &msg->u.refresh, v);
                /* RFC 7313 5: the data of a length error is the complete message. */
                if (rc != 0 && v->code == BGP_NOTIFY_ROUTE_REFRESH) {
                        v->data = buf;
                        v->data_len = len;
                }
                return rc;
        case BGP_MSG_KEEPALIVE:
        default:
                return 0;
        }
}

int bgp_keepalive_encode(uint8_t *buf, size_t cap)
{
        struct bgp_wr wr = bgp_wr_make(buf, cap);
        size_t at = bgp_frame_begin(&wr, BGP_MSG_KEEPALIVE);
        return bgp_frame_end(&wr, at, BGP_MAX_MSG_LEN);
}
