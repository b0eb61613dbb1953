/*
 * lbgpctl - lbgpd's command line: `lbgpctl [-s SOCKET] COMMAND... [json]`.
 *
 * The words are vtysh's (show bgp summary, clear bgp ADDR soft in, reload, ...).  They go to lbgpd
 * as one line; its answer is printed as it is.  An answer starting with "% " is an error
 * (vtysh's convention): printed on stderr, exit 1.
 */
#include <errno.h>
#include <stdbool.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static const char usage[] =
    "usage: lbgpctl [-s SOCKET] COMMAND... [json]\n"
    "  -s SOCKET  lbgpd's control socket (default /run/lbgpd.sock, root's); SOCKET.ro\n"
    "             takes show commands only, from the group of `lbgpd -g GROUP`\n"
    "commands (vtysh's words):\n"
    "  show bgp summary | ipv6 unicast [PREFIX] | neighbors [ADDR [received-routes|\n"
    "       routes|advertised-routes]]\n"
    "  show ipv6 prefix-list [NAME] | ip prefix-list [NAME] | route-map [NAME]\n"
    "  show running-config                    (not on SOCKET.ro: it holds passwords)\n"
    "  clear bgp ADDR|* [soft [in|out]]\n"
    "  reload                                 (re-read lbgpd's file, as SIGHUP does)\n"
    "An answer that is an error goes to stderr, and lbgpctl exits 1.\n";

static int send_all(int fd, const char *p, size_t n)
{
        while (n > 0) {
                ssize_t w = write(fd, p, n);
                if (w < 0 && errno == EINTR)
                        continue;
                if (w <= 0)
                        return -1;
                p += w;
                n -= (size_t)w;
        }
        return 0;
}

int main(int argc, char **argv)
{
        const char *path = "/run/lbgpd.sock";
        int c;
        while ((c = getopt(argc, argv, "+s:h")) != -1) {
                if (c == 's') {
                        path = optarg;
                } else if (c == 'h') {
                        fputs(usage, stdout);
                        return 0;
                } else {
                        fputs(usage, stderr);
                        return 2;
                }
        }
        if (optind == argc) {
                fputs(usage, stderr);
                return 2;
        }
        char line[1024];
        size_t len = 0;
        for (int i = optind; i < argc; i++) {
                int n = snprintf(line + len, sizeof(line) - len, "%s%s", i > optind ? " " : "",
                                 argv[i]);
                if (n < 0 || (size_t)n >= sizeof(line) - len - 1 || strchr(argv[i], '\n')) {
                        fputs("lbgpctl: command too long\n", stderr);
                        return 2;
                }
                len += (size_t)n;
        }
        line[len++] = '\n';

        struct sockaddr_un sun = {.sun_family = AF_UNIX};
        if (strlen(path) >= sizeof(sun.sun_path)) {
                fprintf(stderr, "lbgpctl: socket path too long: %s\n", path);
                return 1;
        }
        strcpy(sun.sun_path, path);
        int fd = socket(AF_UNIX, SOCK_STREAM, 0);
        if (fd < 0 || connect(fd, (struct sockaddr *)&sun, sizeof(sun)) != 0) {
                fprintf(stderr, "lbgpctl: %s: %s\n", path, strerror(errno));
                return 1;
        }
        if (send_all(fd, line, len) != 0) {
                fprintf(stderr, "lbgpctl: %s: %s\n", path, strerror(errno));
                return 1;
        }
        /* The answer runs until lbgpd closes; whether it is an error shows in its start. */
        char buf[65536];
        ssize_t n;
        bool first = true, error = false;
        while ((n = read(fd, buf, sizeof(buf))) != 0) {
                if (n < 0) {
                        if (errno == EINTR)
                                continue;
                        fprintf(stderr, "lbgpctl: %s: %s\n", path, strerror(errno));
                        return 1;
                }
                if (first)
                        error = n >= 1 && buf[0] == '%';
                first = false;
                fwrite(buf, 1, (size_t)n, error ? stderr : stdout);
        }
        close(fd);
        return error ? 1 : 0;
}
