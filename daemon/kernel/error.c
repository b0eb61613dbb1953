/* error.c - kernel_strerror(). */
#include "kernel.h"

const char *kernel_strerror(int error)
{
        switch (error) {
        case KERNEL_OK:
                return "success";
        case KERNEL_ERR_INVALID:
                return "invalid prefix, next hop or argument";
        case KERNEL_ERR_NOMEM:
                return "out of memory";
        case KERNEL_ERR_SYSTEM:
                return "routing socket failure";
        case KERNEL_ERR_NOTFOUND:
                return "no such interface or route";
        case KERNEL_ERR_STATE:
                return "no route batch begun, or no watch opened";
        case KERNEL_ERR_UNSUPPORTED:
                return "not supported by this kernel backend";
        default:
                return "unknown kernel error";
        }
}
