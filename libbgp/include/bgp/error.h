/*
 * bgp/error.h - library error codes.
 *
 * Every fallible libbgp function returns 0 (or a count) on success and a negative
 * enum bgp_error on failure.  Codes below BGP_ERR_FATAL mean the object that returned
 * them is no longer usable: the only legal call left is its _del() function.
 */
#ifndef BGP_ERROR_H
#define BGP_ERROR_H

#include <bgp/export.h>

enum bgp_error {
        BGP_OK = 0,
        /* An argument was out of range or inconsistent. */
        BGP_ERR_INVALID_ARGUMENT = -501,
        /* The input ended before the structure it announced; more bytes may complete it. */
        BGP_ERR_SHORT = -502,
        /* The input is malformed; the decode verdict says how RFC 4271/7606 treat it. */
        BGP_ERR_MALFORMED = -503,
        /* The output does not fit in the space given (for a message: its maximum size). */
        BGP_ERR_NOSPACE = -504,
        /* The feature or value is recognised but not supported. */
        BGP_ERR_UNSUPPORTED = -505,
        /* A user callback reported failure. */
        BGP_ERR_CALLBACK_FAILURE = -506,
        /* Nothing more: the end of a stream or an iteration. */
        BGP_ERR_EOF = -507,
        /* Errors below this value are fatal for the object that returned them. */
        BGP_ERR_FATAL = -900,
        /* Memory could not be allocated. */
        BGP_ERR_NOMEM = -901,
};

/* A constant English description of an error code; never NULL. */
BGP_EXTERN const char *bgp_strerror(int error);

#endif /* BGP_ERROR_H */
