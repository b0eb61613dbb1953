/*
 * bgp/mem.h - per-object allocator hooks.
 *
 * Every libbgp object that allocates takes a struct bgp_mem at creation (never a global
 * hook, unlike libevent's event_set_mem_functions()).  NULL, or any NULL member, means the
 * C library's malloc/free/realloc.  Running out of memory is BGP_ERR_NOMEM, never an abort.
 */
#ifndef BGP_MEM_H_PUBLIC
#define BGP_MEM_H_PUBLIC

#include <stddef.h>

struct bgp_mem {
        void *user_data;
        void *(*malloc)(size_t size, void *user_data);
        void (*free)(void *ptr, void *user_data);
        void *(*realloc)(void *ptr, size_t size, void *user_data);
};

#endif /* BGP_MEM_H_PUBLIC */
