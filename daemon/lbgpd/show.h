/*
 * show.h - the control socket's commands (control.c) and their answers (show.c).
 */
#ifndef LBGPD_SHOW_H
#define LBGPD_SHOW_H

#include <stdbool.h>
#include <stdio.h>

struct lbgpd;

/* `show bgp ...`: the answer on out; -1 with a "% ..." line there when the command is bad. */
int lbgpd_show(struct lbgpd *d, int argc, char **argv, bool json, FILE *out);
/* The neighbor whose address is text, or NULL. */
struct lbgpd_peer *lbgpd_peer_find(struct lbgpd *d, const char *text);

#endif /* LBGPD_SHOW_H */
