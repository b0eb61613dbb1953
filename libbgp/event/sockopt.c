/* sockopt.c - GTSM, TTL, TCP-MD5 and update-source on BGP sockets. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <unistd.h>

#include "sockopt.h"

#if defined(__linux__) && !defined(IPV6_MINHOPCOUNT)
/* linux/in6.h; glibc's netinet/in.h does not always carry it. */
#define IPV6_MINHOPCOUNT 73
#endif

static int fail(void)
{
        return errno != 0 ? -errno : -EINVAL;
}

int bgp_sockopt_min_ttl(int fd, int family, int min_ttl)
{
        if (family == AF_INET6) {
#ifdef IPV6_MINHOPCOUNT
                if (setsockopt(fd, IPPROTO_IPV6, IPV6_MINHOPCOUNT, &min_ttl, sizeof(min_ttl)) < 0)
                        return fail();
                return 0;
#else
                return -ENOPROTOOPT;
#endif
        }
#ifdef IP_MINTTL
        if (setsockopt(fd, IPPROTO_IP, IP_MINTTL, &min_ttl, sizeof(min_ttl)) < 0)
                return fail();
        return 0;
#else
        return -ENOPROTOOPT;
#endif
}

int bgp_sockopt_ttl(int fd, int family, int ttl)
{
        if (family == AF_INET6) {
                if (setsockopt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &ttl, sizeof(ttl)) < 0)
                        return fail();
        } else if (setsockopt(fd, IPPROTO_IP, IP_TTL, &ttl, sizeof(ttl)) < 0) {
                return fail();
        }
        return 0;
}

int bgp_sockopt_gtsm(int fd, int family, int min_ttl)
{
        /* RFC 5082 3: every packet we send has the largest TTL, so the peer can check
         * that it came from next door. */
        int rc = bgp_sockopt_ttl(fd, family, 255);
        return rc != 0 ? rc : bgp_sockopt_min_ttl(fd, family, min_ttl);
}

int bgp_sockopt_md5(int fd, const struct sockaddr *addr, socklen_t len, const char *password)
{
#ifdef TCP_MD5SIG
        struct tcp_md5sig sig;
        size_t keylen = password != NULL ? strlen(password) : 0;

        if (keylen > TCP_MD5SIG_MAXKEYLEN || len > sizeof(sig.tcpm_addr))
                return -EINVAL;
        memset(&sig, 0, sizeof(sig));
        memcpy(&sig.tcpm_addr, addr, len);
        sig.tcpm_keylen = (uint16_t)keylen;
        if (keylen > 0)
                memcpy(sig.tcpm_key, password, keylen);
        if (setsockopt(fd, IPPROTO_TCP, TCP_MD5SIG, &sig, sizeof(sig)) < 0)
                return fail();
        return 0;
#else
        (void)fd;
        (void)addr;
        (void)len;
        (void)password;
        return -ENOPROTOOPT;
#endif
}

/* The address of an interface to use as source: for IPv6 a global one before others. */
static int interface_address(const char *ifname, int family, struct sockaddr_storage *out,
                             socklen_t *len)
{
        struct ifaddrs *ifs, *i;
        int found = -EADDRNOTAVAIL;

        if (getifaddrs(&ifs) < 0)
                return fail();
        for (i = ifs; i != NULL; i = i->ifa_next) {
                if (i->ifa_addr == NULL || i->ifa_addr->sa_family != family ||
                    strcmp(i->ifa_name, ifname) != 0)
                        continue;
                if (family == AF_INET6) {
                        const struct sockaddr_in6 *a6 = (const struct sockaddr_in6 *)i->ifa_addr;
                        if (IN6_IS_ADDR_LINKLOCAL(&a6->sin6_addr) && found == 0)
                                continue;
                        memcpy(out, a6, sizeof(*a6));
                        *len = sizeof(*a6);
                        found = 0;
                        if (!IN6_IS_ADDR_LINKLOCAL(&a6->sin6_addr))
                                break;
                } else {
                        memcpy(out, i->ifa_addr, sizeof(struct sockaddr_in));
                        *len = sizeof(struct sockaddr_in);
                        found = 0;
                        break;
                }
        }
        freeifaddrs(ifs);
        return found;
}

int bgp_sockopt_bind_source(int fd, int family, const char *source)
{
        struct sockaddr_storage ss;
        socklen_t len;

        memset(&ss, 0, sizeof(ss));
        if (family == AF_INET6 &&
            inet_pton(AF_INET6, source, &((struct sockaddr_in6 *)&ss)->sin6_addr) == 1) {
                ss.ss_family = AF_INET6;
                len = sizeof(struct sockaddr_in6);
        } else if (family == AF_INET &&
                   inet_pton(AF_INET, source, &((struct sockaddr_in *)&ss)->sin_addr) == 1) {
                ss.ss_family = AF_INET;
                len = sizeof(struct sockaddr_in);
        } else {
                int rc = interface_address(source, family, &ss, &len);
                if (rc != 0)
                        return rc;
                if (family == AF_INET6)
                        ((struct sockaddr_in6 *)&ss)->sin6_port = 0;
                else
                        ((struct sockaddr_in *)&ss)->sin_port = 0;
        }
        if (bind(fd, (struct sockaddr *)&ss, len) < 0)
                return fail();
        return 0;
}

int bgp_sockopt_nonblock(int fd)
{
        int fl = fcntl(fd, F_GETFL);
        if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0 || fcntl(fd, F_SETFD, FD_CLOEXEC) < 0)
                return fail();
        return 0;
}
