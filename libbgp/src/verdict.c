/* verdict.c - the RFC 7606 verdict of a decoded message. */
#include <string.h>

#include "verdict.h"

void bgp_verdict_init(struct bgp_verdict *v)
{
        memset(v, 0, sizeof(*v));
        v->attr_type = -1;
}

const char *bgp_action_name(enum bgp_action action)
{
        switch (action) {
        case BGP_ACTION_OK:
                return "ok";
        case BGP_ACTION_ATTR_DISCARD:
                return "attribute-discard";
        case BGP_ACTION_TREAT_AS_WITHDRAW:
                return "treat-as-withdraw";
        case BGP_ACTION_SESSION_RESET:
                return "session-reset";
        }
        return "unknown";
}

void bgp_verdict_raise(struct bgp_verdict *v, enum bgp_action action, uint8_t code, uint8_t subcode,
                       const uint8_t *data, size_t data_len, const char *reason, int attr_type)
{
        v->errors++;
        if (action == BGP_ACTION_ATTR_DISCARD && attr_type >= 0 && attr_type < 256)
                v->discarded[(unsigned)attr_type / 32] |= 1u << ((unsigned)attr_type % 32);
        /* RFC 7606 3(h): the strongest action wins; the first error at that level names it. */
        if (action <= v->action)
                return;
        v->action = action;
        v->code = code;
        v->subcode = subcode;
        v->data = data;
        v->data_len = data_len;
        v->reason = reason;
        v->attr_type = attr_type;
}

int bgp_verdict_reset(struct bgp_verdict *v, uint8_t code, uint8_t subcode, const char *reason)
{
        bgp_verdict_raise(v, BGP_ACTION_SESSION_RESET, code, subcode, NULL, 0, reason, -1);
        return BGP_ERR_MALFORMED;
}
