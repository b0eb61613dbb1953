/*
 * netlink_watch.c - link and address changes, as rtnetlink multicasts them.
 *
 * A second socket of its own: the request socket must only ever carry answers to our
 * requests, or a burst of link events could fill it while a batch waits for its ACKs.
 * If the kernel cannot queue an event for us it drops it and the next read fails with
 * ENOBUFS; we cannot tell what was lost, so the daemon gets a RESYNC and re-reads.
 */
#include <errno.h>
#include <net/if.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/rtnetlink.h>

#include "netlink_int.h"

int kernel_watch_fd(struct kernel *k)
{
        if (k->watch == NULL) {
                struct mnl_socket *nl =
                    mnl_socket_open2(NETLINK_ROUTE, SOCK_NONBLOCK | SOCK_CLOEXEC);

                if (nl == NULL)
                        return KERNEL_ERR_SYSTEM;
                if (mnl_socket_bind(nl, RTMGRP_LINK | RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR,
                                    MNL_SOCKET_AUTOPID) == -1) {
                        int saved = errno;

                        mnl_socket_close(nl);
                        errno = saved;
                        return KERNEL_ERR_SYSTEM;
                }
                k->watch = nl;
        }
        return mnl_socket_get_fd(k->watch);
}

/* Fills ev from one multicast message; false for anything we do not report. */
static bool event_of(const struct nlmsghdr *nlh, struct kernel_event *ev)
{
        const struct ifinfomsg *ifi;

        memset(ev, 0, sizeof(*ev));
        switch (nlh->nlmsg_type) {
        case RTM_NEWLINK:
        case RTM_DELLINK:
                if (mnl_nlmsg_get_payload_len(nlh) < sizeof(*ifi))
                        return false;
                ifi = mnl_nlmsg_get_payload(nlh);
                ev->type = KERNEL_EVENT_LINK;
                ev->ifindex = (uint32_t)ifi->ifi_index;
                /* IFF_RUNNING is the kernel's "operationally up": up, and with carrier. */
                ev->up = (ifi->ifi_flags & IFF_UP) && (ifi->ifi_flags & IFF_RUNNING);
                ev->gone = nlh->nlmsg_type == RTM_DELLINK;
                return true;
        case RTM_NEWADDR:
        case RTM_DELADDR:
                ev->type =
                    nlh->nlmsg_type == RTM_NEWADDR ? KERNEL_EVENT_ADDR_ADD : KERNEL_EVENT_ADDR_DEL;
                return nl_addr_parse(nlh, &ev->addr, &ev->ifindex);
        default:
                return false;
        }
}

int kernel_watch_read(struct kernel *k, kernel_event_fn *fn, void *arg)
{
        struct kernel_event ev;
        int events = 0;

        if (k->watch == NULL)
                return KERNEL_ERR_STATE;
        for (;;) {
                const struct nlmsghdr *nlh = (const struct nlmsghdr *)k->recvbuf;
                ssize_t got = mnl_socket_recvfrom(k->watch, k->recvbuf, NL_RECV_SIZE);
                int rest;

                if (got < 0) {
                        if (errno == EINTR)
                                continue;
                        if (errno == EAGAIN || errno == EWOULDBLOCK)
                                return events;
                        if (errno != ENOBUFS)
                                return KERNEL_ERR_SYSTEM;
                        memset(&ev, 0, sizeof(ev));
                        ev.type = KERNEL_EVENT_RESYNC;
                        fn(arg, &ev);
                        events++;
                        continue;
                }
                for (rest = (int)got; mnl_nlmsg_ok(nlh, rest); nlh = mnl_nlmsg_next(nlh, &rest)) {
                        if (event_of(nlh, &ev)) {
                                fn(arg, &ev);
                                events++;
                        }
                }
        }
}
