/*
 * bgp/export.h - symbol visibility for libbgp.
 *
 * The shared library is built with hidden visibility; only declarations marked BGP_EXTERN
 * are exported.  Define BGP_STATICLIB when linking the static library on platforms where
 * it matters.
 */
#ifndef BGP_EXPORT_H
#define BGP_EXPORT_H

#if defined(BGP_STATICLIB)
#define BGP_EXTERN
#elif defined(BUILDING_LIBBGP) && defined(__GNUC__)
#define BGP_EXTERN __attribute__((visibility("default")))
#else
#define BGP_EXTERN
#endif

#endif /* BGP_EXPORT_H */
