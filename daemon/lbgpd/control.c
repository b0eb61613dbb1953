/*
 * control.c - the control socket lbgpctl talks to.
 *
 * A client sends one line, the vtysh words of a command ("show bgp summary json\n"); the
 * answer is the command's text, then the server closes.  An answer that is an error starts
 * with "% " (vtysh's convention), which no successful answer does, so lbgpctl can tell.
 *
 * Two sockets: PATH for root (mode 0660) and PATH.ro that accepts only `show` commands:
 * mode 0660 with the group of `lbgpd -g GROUP`, so that an unprivileged group can look
 * (DESIGN.md), or 0666, open to everyone, without -g.  `reload` and
 * `show running-config` (which holds passwords) are for the full socket only.
 */
#include <errno.h>
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <bgp/event_reload.h>

#include "lbgpd.h"
#include "show.h"


struct listener {
        struct lbgpd *d;
        struct event *ev;
        int fd;
        bool ro;
        char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
};

struct lbgpd_control {
        struct listener l[2];
};

/* clear bgp ADDR|* [soft [in|out]] */
static int do_clear(struct lbgpd *d, const struct lbgpd_request *req, FILE *out)
{
        bool all = strcmp(req->peer, "*") == 0;
        bool soft = req->soft, in = req->in, outb = req->out;
        struct lbgpd_peer *one = all ? NULL : lbgpd_peer_find(d, req->peer);
        if (!all && one == NULL) {
                fprintf(out, "%% No such neighbor: %s\n", req->peer);
                return -1;
        }
        for (size_t i = 0; i < d->n_peers; i++) {
                struct lbgpd_peer *p = &d->peers[i];
                if (one != NULL && p != one)
                        continue;
                if (!soft) {
                        struct bgp_session *s = bgp_ev_peer_session(p->ev);
                        if (bgp_session_state(s) == BGP_STATE_IDLE) {
                                /* Held down (maximum-prefix without restart, or before its
                                 * restart time): FRR's clear lifts the overflow and starts
                                 * the peer again (bgp_clear -> peer_clear).  A neighbor
                                 * shut down by the configuration stays down. */
                                if (!p->nb->shutdown) {
                                        lbgpd_log(BGP_LOG_NOTICE, "%s: started by clear bgp",
                                                  p->nb->addr_text);
                                        bgp_ev_peer_start(p->ev);
                                }
                                continue;
                        }
                        /* Cease/Administrative Reset; the session restarts by itself. */
                        bgp_session_cease(s, BGP_NOTIFY_CEASE_ADMIN_RESET, NULL, 0, bgp_ev_now());
                        bgp_ev_peer_flush(p->ev);
                        continue;
                }
                int rc = 0;
                if (in)
                        rc = bgp_router_soft_in(d->router, p->rp);
                if (rc == 0 && outb)
                        rc = bgp_router_soft_out(d->router, p->rp);
                if (rc != 0) {
                        fprintf(out, "%% %s: %s\n", p->nb->addr_text, bgp_strerror(rc));
                        return -1;
                }
        }
        if (soft) {
                bgp_router_process(d->router);
                lbgpd_flush(d);
        }
        return 0;
}

/* show running-config: the configuration as it runs, in FRR's syntax (config_print()). */
static int show_running(struct lbgpd *d, FILE *out)
{
        char *text = NULL;
        size_t len = 0;
        if (config_print(d->cfg, &text, &len) != CONFIG_OK) {
                fputs("% Out of memory\n", out);
                return -1;
        }
        fwrite(text, 1, len, out);
        free(text);
        return 0;
}

/* Runs one command line; the answer goes to out.  0, or -1 for an error answer. */
static int run(struct lbgpd *d, bool ro, char *line, FILE *out)
{
        struct lbgpd_request req;
        enum lbgpd_request_status st = lbgpd_request_parse(line, &req);
        if (st != LBGPD_REQUEST_OK) {
                fputs(lbgpd_request_error(st), out);
                return -1;
        }
        if (ro && !lbgpd_request_read_only(&req)) {
                fputs(req.cmd == LBGPD_REQ_SHOW_RUNNING
                          ? "% Permission denied: the running configuration holds "
                            "passwords; use the full socket\n"
                          : "% Permission denied: this socket is read-only (show "
                            "commands only)\n",
                      out);
                return -1;
        }
        switch (req.cmd) {
        case LBGPD_REQ_SHOW_PREFIX_LIST:
                return lbgpd_show_prefix_list(d, req.ipv4 ? BGP_AFI_IPV4 : BGP_AFI_IPV6, req.arg,
                                              req.json, out);
        case LBGPD_REQ_SHOW_ROUTE_MAP:
                return lbgpd_show_route_map(d, req.arg, req.json, out);
        case LBGPD_REQ_SHOW_RUNNING:
                return show_running(d, out);
        case LBGPD_REQ_RELOAD:
                return lbgpd_reload(d, out);
        case LBGPD_REQ_CLEAR:
                return do_clear(d, &req, out);
        default:
                return lbgpd_show(d, &req, out);
        }
}

static void on_written(struct bufferevent *bev, void *arg)
{
        (void)arg;
        if (evbuffer_get_length(bufferevent_get_output(bev)) == 0)
                bufferevent_free(bev);
}

static void on_event(struct bufferevent *bev, short what, void *arg)
{
        (void)what;
        (void)arg;
        bufferevent_free(bev);
}

static void on_read(struct bufferevent *bev, void *arg)
{
        struct listener *l = arg;
        struct evbuffer *in = bufferevent_get_input(bev);
        size_t n;
        char *line = evbuffer_readln(in, &n, EVBUFFER_EOL_LF);
        if (line == NULL) {
                if (evbuffer_get_length(in) > LBGPD_REQUEST_MAX_LINE)
                        bufferevent_free(bev);
                return;
        }
        char *text = NULL;
        size_t len = 0;
        FILE *out = open_memstream(&text, &len);
        if (out == NULL) {
                free(line);
                bufferevent_free(bev);
                return;
        }
        run(l->d, l->ro, line, out);
        fclose(out);
        free(line);
        /* One command per connection: answer, then close once it is written out. */
        bufferevent_disable(bev, EV_READ);
        bufferevent_setcb(bev, NULL, on_written, on_event, l);
        bufferevent_write(bev, text, len);
        free(text);
        if (len == 0)
                bufferevent_free(bev);
}

static void on_accept(evutil_socket_t fd, short what, void *arg)
{
        struct listener *l = arg;
        (void)what;
        int c = accept(fd, NULL, NULL);
        if (c < 0)
                return;
        evutil_make_socket_nonblocking(c);
        struct bufferevent *bev = bufferevent_socket_new(l->d->base, c, BEV_OPT_CLOSE_ON_FREE);
        if (bev == NULL) {
                close(c);
                return;
        }
        bufferevent_setcb(bev, on_read, NULL, on_event, l);
        bufferevent_enable(bev, EV_READ);
}

/* Binds a socket at path with this mode and group ((gid_t)-1: root's). */
static int listen_at(struct lbgpd *d, struct listener *l, const char *path, bool ro, mode_t mode,
                     gid_t group)
{
        struct sockaddr_un sun = {.sun_family = AF_UNIX};
        if (strlen(path) >= sizeof(sun.sun_path)) {
                lbgpd_log(BGP_LOG_ERR, "control socket path too long: %s", path);
                return -1;
        }
        strcpy(sun.sun_path, path);
        strcpy(l->path, path);
        l->d = d;
        l->ro = ro;
        l->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        if (l->fd < 0)
                return -1;
        /* A socket left by an lbgpd that did not exit cleanly would make bind() fail. */
        unlink(path);
        /* Born owner-only: nobody else can connect before its group and mode are set. */
        mode_t old_umask = umask(0177);
        int rc = bind(l->fd, (struct sockaddr *)&sun, sizeof(sun));
        umask(old_umask);
        if (rc != 0 || (group != (gid_t)-1 && chown(path, (uid_t)-1, group) != 0) ||
            chmod(path, mode) != 0 || listen(l->fd, 16) != 0) {
                lbgpd_log(BGP_LOG_ERR, "control socket %s: %s", path, strerror(errno));
                close(l->fd);
                l->fd = -1;
                return -1;
        }
        l->ev = event_new(d->base, l->fd, EV_READ | EV_PERSIST, on_accept, l);
        return l->ev != NULL ? event_add(l->ev, NULL) : -1;
}

int lbgpd_control_open(struct lbgpd *d, const char *path, gid_t ro_group)
{
        char ro[sizeof(((struct sockaddr_un *)0)->sun_path)];
        d->control = calloc(1, sizeof(*d->control));
        if (d->control == NULL)
                return -1;
        d->control->l[0].fd = d->control->l[1].fd = -1;
        if ((size_t)snprintf(ro, sizeof(ro), "%s.ro", path) >= sizeof(ro))
                return -1;
        /* The read-only socket: its group's members only, or everyone without a group. */
        if (listen_at(d, &d->control->l[0], path, false, 0660, (gid_t)-1) != 0 ||
            listen_at(d, &d->control->l[1], ro, true, ro_group != (gid_t)-1 ? 0660 : 0666,
                      ro_group) != 0)
                return -1;
        return 0;
}

void lbgpd_control_close(struct lbgpd *d)
{
        if (d->control == NULL)
                return;
        for (int i = 0; i < 2; i++) {
                struct listener *l = &d->control->l[i];
                if (l->ev != NULL)
                        event_free(l->ev);
                if (l->fd >= 0) {
                        close(l->fd);
                        unlink(l->path);
                }
        }
        free(d->control);
        d->control = NULL;
}
