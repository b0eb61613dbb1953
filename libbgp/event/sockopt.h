/*
 * sockopt.h - the socket options a BGP connection needs: GTSM, TCP-MD5, update-source.
 *
 * Each returns 0 or a negative errno, so a caller can fail closed and say why.
 */
#ifndef BGP_SOCKOPT_H
#define BGP_SOCKOPT_H

#include <sys/socket.h>

/* RFC 5082: send with TTL/hop limit 255 and drop what arrives with less than min_ttl. */
int bgp_sockopt_gtsm(int fd, int family, int min_ttl);
/* The TTL (IPv4) or hop limit (IPv6) of what the socket sends, 1 to 255. */
int bgp_sockopt_ttl(int fd, int family, int ttl);
/* Only the minimum TTL, for a listening socket (0 turns it off). */
int bgp_sockopt_min_ttl(int fd, int family, int min_ttl);
/* RFC 2385: sign segments to and from addr with password (NULL removes the key). */
int bgp_sockopt_md5(int fd, const struct sockaddr *addr, socklen_t len, const char *password);
/* Binds to the update-source: an address, or the first usable address of an interface
 * of the given family.  Returns 0 or a negative errno. */
int bgp_sockopt_bind_source(int fd, int family, const char *source);
/* Non-blocking, close-on-exec. */
int bgp_sockopt_nonblock(int fd);

#endif /* BGP_SOCKOPT_H */
