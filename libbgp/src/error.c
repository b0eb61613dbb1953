/* error.c - bgp_strerror(). */
#include <bgp/error.h>

const char *bgp_strerror(int error)
{
        switch (error) {
        case BGP_OK:
                return "success";
        case BGP_ERR_INVALID_ARGUMENT:
                return "invalid argument";
        case BGP_ERR_SHORT:
                return "input ends before the structure it announces";
        case BGP_ERR_MALFORMED:
                return "malformed input";
        case BGP_ERR_NOSPACE:
                return "output does not fit in the space or message size allowed";
        case BGP_ERR_UNSUPPORTED:
                return "not supported";
        case BGP_ERR_CALLBACK_FAILURE:
                return "a callback reported failure";
        case BGP_ERR_EOF:
                return "end of input";
        case BGP_ERR_NOMEM:
                return "out of memory";
        default:
                return "unknown error";
        }
}
