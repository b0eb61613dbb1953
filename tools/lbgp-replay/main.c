/*
 * lbgp-replay - an eBGP speaker on libbgp that sends a table to a peer as fast as the peer
 * takes it, then holds the session, and reports what it sent (README.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "replay.h"

static double now_s(void)
{
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int load(const struct replay_cfg *c, struct rtable *t)
{
        char err[512] = "";
        int rc;
        if (c->mrt_file != NULL)
                rc = rsource_load_mrt(t, c->mrt_file, c->src.mrt_peer, err, sizeof(err));
        else if (c->generate != NULL)
                rc = rsource_load_generated(t, c->generate, c->seed, c->first_as, err, sizeof(err));
        else if (c->prefix_file != NULL)
                rc = rsource_load_prefixes(t, c->prefix_file, c->src.path, err, sizeof(err));
        else
                rc = rsource_load_spec(t, c->positional, &c->src, err, sizeof(err));
        if (rc != 0)
                fprintf(stderr, "lbgp-replay: %s\n", err);
        return rc;
}

int main(int argc, char **argv)
{
        static struct replay_cfg cfg;
        struct rtable t1, t2;
        bool have_t2 = false;
        int status;

        replay_parse_args(&cfg, argc, argv);
        const struct bgp_session_config *sc = &cfg.peer.session;
        rtable_init(&t1, sc->local_as, sc->families);
        rtable_init(&t2, sc->local_as, sc->families);
        double t0 = now_s();
        if (!cfg.sink) {
                if (load(&cfg, &t1) != 0)
                        return 1;
                if (cfg.second != NULL) {
                        char err[512] = "";
                        if (rsource_load_spec(&t2, cfg.second, &cfg.src, err, sizeof(err)) != 0) {
                                fprintf(stderr, "lbgp-replay: --second: %s\n", err);
                                rtable_free(&t1);
                                return 1;
                        }
                        have_t2 = true;
                }
                if (t1.note[0] != '\0')
                        fprintf(stderr, "lbgp-replay: %s\n", t1.note);
                fprintf(stderr,
                        "lbgp-replay: %s: %zu prefixes, %zu attribute sets, %zu steps; "
                        "skipped: %zu of other families, %zu that did not decode\n",
                        t1.source, rtable_prefix_count(&t1), t1.n_sets, t1.n_steps,
                        t1.skipped_family, t1.skipped_invalid);
        }
        status = replay_run(&cfg, &t1, have_t2 ? &t2 : NULL, now_s() - t0);
        rtable_free(&t1);
        rtable_free(&t2);
        return status;
}
