/*
 * check_tunnel_steps.c - what apply and down decide from what the kernel holds (steps.c):
 * idempotence, marks, conflicts, and the rollback of a run that fails halfway, against a
 * stand-in for the kernel that records every change and fails when told to.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "steps.h"
#include "tunnel_test.h"

static struct tunnel_conf conf;
static struct plan plan;
static struct observed obs[PLAN_MAX];

static void load_server(void)
{
        char *diags;

        ck_assert_int_eq(tt_parse_example("vps01.conf", &conf, &diags), TCONF_OK);
        free(diags);
        plan_build(&conf, &plan);
        ck_assert_uint_eq(plan.n, 8);
        memset(obs, 0, sizeof(obs));
}

/* As observe.c would find it: the kernel holds exactly what the plan wants, marked. */
static void all_in_place(void)
{
        for (size_t i = 0; i < plan.n; i++)
                observe_compare(&plan.obj[i], &plan.obj[i], &obs[i]);
}

START_TEST(first_apply_creates_all_in_order)
{
        struct steps st;

        load_server();
        ck_assert_int_eq(steps_apply(&plan, obs, &st), 0);
        ck_assert_uint_eq(st.n, plan.n);
        for (size_t i = 0; i < st.n; i++) {
                ck_assert_int_eq(st.step[i].action, STEP_CREATE);
                ck_assert_int_eq(st.step[i].obj.type, plan.obj[i].type);
        }
        ck_assert_uint_eq(st.in_place, 0);
}
END_TEST

START_TEST(second_apply_does_nothing)
{
        struct steps st;

        load_server();
        all_in_place();
        for (size_t i = 0; i < plan.n; i++) {
                ck_assert(obs[i].ours);
                ck_assert(obs[i].same);
        }
        ck_assert_int_eq(steps_apply(&plan, obs, &st), 0);
        ck_assert_uint_eq(st.n, 0);
        ck_assert_uint_eq(st.in_place, plan.n);
        ck_assert_uint_eq(st.foreign, 0);
}
END_TEST

START_TEST(foreign_but_same_is_left)
{
        struct tunnel_obj theirs;
        struct steps st;

        load_server();
        all_in_place();
        /* An admin's identical rule (protocol static): kept, and never deleted by down. */
        theirs = plan.obj[7];
        theirs.u.rule.proto = 4;
        observe_compare(&plan.obj[7], &theirs, &obs[7]);
        ck_assert(!obs[7].ours);
        ck_assert(obs[7].same);
        ck_assert_int_eq(steps_apply(&plan, obs, &st), 0);
        ck_assert_uint_eq(st.n, 0);
        ck_assert_uint_eq(st.foreign, 1);
        steps_down(&plan, obs, &st);
        ck_assert_uint_eq(st.n, plan.n - 1);
        for (size_t i = 0; i < st.n; i++)
                ck_assert_int_ne(st.step[i].obj.type, TUNNEL_OBJ_RULE);
}
END_TEST

START_TEST(our_changed_objects_are_modified)
{
        struct tunnel_obj have;
        struct steps st;

        load_server();
        all_in_place();
        /* Our link with another MTU, our route out of another interface. */
        have = plan.obj[0];
        have.u.link.mtu = 1400;
        have.u.link.ifindex = 12;
        observe_compare(&plan.obj[0], &have, &obs[0]);
        ck_assert(obs[0].modifiable);
        have = plan.obj[3];
        have.u.route.ifindex = 99;
        observe_compare(&plan.obj[3], &have, &obs[3]);
        ck_assert(obs[3].modifiable);
        ck_assert_int_eq(steps_apply(&plan, obs, &st), 0);
        ck_assert_uint_eq(st.n, 2);
        ck_assert_int_eq(st.step[0].action, STEP_MODIFY);
        ck_assert_uint_eq(st.step[0].obj.u.link.mtu, 1480);
        ck_assert_uint_eq(st.step[0].obj.u.link.ifindex, 12);
        ck_assert_uint_eq(st.step[0].before.u.link.mtu, 1400);
        ck_assert_int_eq(st.step[1].action, STEP_MODIFY);
        ck_assert_uint_eq(st.step[1].before.u.route.ifindex, 99);
        ck_assert_uint_eq(st.in_place, plan.n - 2);
}
END_TEST

START_TEST(conflicts_change_nothing)
{
        struct tunnel_obj have;
        struct steps st;

        load_server();
        /* A gif0 that somebody else made. */
        have = plan.obj[0];
        snprintf(have.u.link.alias, sizeof(have.u.link.alias), "uplink");
        observe_compare(&plan.obj[0], &have, &obs[0]);
        ck_assert(!obs[0].ours);
        ck_assert_ptr_nonnull(strstr(obs[0].why, "is not lbgp-tunnel's"));
        ck_assert_int_eq(steps_apply(&plan, obs, &st), -1);
        ck_assert_uint_eq(st.n, 0);

        /* Our own gif0, but a gre one: a kind cannot be changed in place. */
        have = plan.obj[0];
        have.u.link.kind = TUNNEL_KIND_GRE;
        observe_compare(&plan.obj[0], &have, &obs[0]);
        ck_assert(obs[0].ours);
        ck_assert(!obs[0].modifiable);
        ck_assert_int_eq(steps_apply(&plan, obs, &st), -1);

        /* Someone else's default route in table 1 at our metric. */
        memset(obs, 0, sizeof(obs));
        have = plan.obj[3];
        have.u.route.proto = 3; /* RTPROT_BOOT: `ip route add` */
        have.u.route.ifindex = 5;
        observe_compare(&plan.obj[3], &have, &obs[3]);
        ck_assert(!obs[3].modifiable);
        ck_assert_int_eq(steps_apply(&plan, obs, &st), -1);

        /* Our address with another prefix length. */
        memset(obs, 0, sizeof(obs));
        have = plan.obj[2];
        have.u.addr.plen = 48;
        observe_compare(&plan.obj[2], &have, &obs[2]);
        ck_assert(!obs[2].same);
        ck_assert_int_eq(steps_apply(&plan, obs, &st), -1);
}
END_TEST

START_TEST(down_removes_ours_backwards)
{
        struct steps st;

        load_server();
        all_in_place();
        steps_down(&plan, obs, &st);
        ck_assert_uint_eq(st.n, plan.n);
        for (size_t i = 0; i < st.n; i++) {
                ck_assert_int_eq(st.step[i].action, STEP_DELETE);
                ck_assert_int_eq(st.step[i].obj.type, plan.obj[plan.n - 1 - i].type);
        }
        /* Nothing there: nothing to do. */
        memset(obs, 0, sizeof(obs));
        steps_down(&plan, obs, &st);
        ck_assert_uint_eq(st.n, 0);
}
END_TEST

/* ---- running, with a kernel that fails when told to ------------------------------------ */

struct fake {
        size_t calls;
        size_t fail_at; /* the call that fails (0-based); SIZE_MAX: none */
        enum tunnel_change how[64];
        enum tunnel_obj_type type[64];
};

static int fake_change(void *arg, enum tunnel_change how, const struct tunnel_obj *obj,
                       struct tunnel_error *err)
{
        struct fake *f = arg;
        size_t i = f->calls++;

        ck_assert_uint_lt(i, 64);
        f->how[i] = how;
        f->type[i] = obj->type;
        if (i != f->fail_at)
                return 0;
        err->sys_errno = ENETDOWN;
        snprintf(err->why, sizeof(err->why), "Nexthop device is not up");
        return -1;
}

static FILE *sink(void)
{
        FILE *fp = fopen("/dev/null", "w");

        ck_assert_ptr_nonnull(fp);
        return fp;
}

START_TEST(run_all)
{
        struct fake f = {.fail_at = SIZE_MAX};
        struct steps st;
        FILE *out = sink();

        load_server();
        ck_assert_int_eq(steps_apply(&plan, obs, &st), 0);
        ck_assert_int_eq(steps_run(&st, fake_change, &f, out, out), 0);
        ck_assert_uint_eq(f.calls, plan.n);
        for (size_t i = 0; i < f.calls; i++)
                ck_assert_int_eq(f.how[i], TUNNEL_CREATE);
        fclose(out);
}
END_TEST

START_TEST(run_fails_halfway_and_undoes)
{
        struct fake f = {.fail_at = 4}; /* the fifth create: the second route */
        struct steps st;
        FILE *out = sink();

        load_server();
        ck_assert_int_eq(steps_apply(&plan, obs, &st), 0);
        ck_assert_int_eq(steps_run(&st, fake_change, &f, out, out), -1);
        /* 4 creates that went in, the one refused, then 4 deletes, last first. */
        ck_assert_uint_eq(f.calls, 9);
        for (size_t i = 0; i < 5; i++) {
                ck_assert_int_eq(f.how[i], TUNNEL_CREATE);
                ck_assert_int_eq(f.type[i], plan.obj[i].type);
        }
        for (size_t i = 5; i < 9; i++) {
                ck_assert_int_eq(f.how[i], TUNNEL_DELETE);
                ck_assert_int_eq(f.type[i], plan.obj[8 - i].type);
        }
        fclose(out);
}
END_TEST

START_TEST(run_undoes_modify_and_delete)
{
        struct fake f = {.fail_at = 2};
        struct tunnel_obj have;
        struct steps st;
        FILE *out = sink();

        /* down: delete rule, then blackhole, then fail: the undo re-creates both. */
        load_server();
        all_in_place();
        steps_down(&plan, obs, &st);
        ck_assert_int_eq(steps_run(&st, fake_change, &f, out, out), -1);
        ck_assert_uint_eq(f.calls, 5);
        ck_assert_int_eq(f.how[3], TUNNEL_CREATE);
        ck_assert_int_eq(f.type[3], TUNNEL_OBJ_ROUTE);
        ck_assert_int_eq(f.how[4], TUNNEL_CREATE);
        ck_assert_int_eq(f.type[4], TUNNEL_OBJ_RULE);

        /* apply: modify the link, fail on the next: the link is changed back. */
        memset(&f, 0, sizeof(f));
        f.fail_at = 1;
        load_server();
        all_in_place();
        have = plan.obj[0];
        have.u.link.mtu = 1400;
        observe_compare(&plan.obj[0], &have, &obs[0]);
        obs[1].exists = false;
        ck_assert_int_eq(steps_apply(&plan, obs, &st), 0);
        ck_assert_uint_eq(st.n, 2);
        ck_assert_int_eq(steps_run(&st, fake_change, &f, out, out), -1);
        ck_assert_uint_eq(f.calls, 3);
        ck_assert_int_eq(f.how[2], TUNNEL_MODIFY);
        ck_assert_int_eq(f.type[2], TUNNEL_OBJ_LINK);
        fclose(out);
}
END_TEST

static Suite *suite(void)
{
        Suite *s = suite_create("tunnel_steps");
        TCase *tc = tcase_create("steps");

        tcase_add_test(tc, first_apply_creates_all_in_order);
        tcase_add_test(tc, second_apply_does_nothing);
        tcase_add_test(tc, foreign_but_same_is_left);
        tcase_add_test(tc, our_changed_objects_are_modified);
        tcase_add_test(tc, conflicts_change_nothing);
        tcase_add_test(tc, down_removes_ours_backwards);
        tcase_add_test(tc, run_all);
        tcase_add_test(tc, run_fails_halfway_and_undoes);
        tcase_add_test(tc, run_undoes_modify_and_delete);
        suite_add_tcase(s, tc);
        return s;
}

int main(void)
{
        return tt_run_suite(suite());
}
