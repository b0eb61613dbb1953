/*
 * check_kernel_queue.c - the writer's queue (kernel_queue.h): one operation per prefix,
 * the newest, in the order the prefixes first came.  No kernel needed.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "kernel_queue.h"

/* 2001:db8:hi:lo::/len */
static struct kernel_op op_for(unsigned hi, unsigned lo, uint8_t len, uint8_t nh_last, bool del)
{
        struct kernel_op op;

        memset(&op, 0, sizeof(op));
        op.route.prefix.afi = BGP_AFI_IPV6;
        op.route.prefix.len = len;
        op.route.prefix.addr[0] = 0x20;
        op.route.prefix.addr[1] = 0x01;
        op.route.prefix.addr[2] = 0x0d;
        op.route.prefix.addr[3] = 0xb8;
        op.route.prefix.addr[4] = (uint8_t)(hi >> 8);
        op.route.prefix.addr[5] = (uint8_t)hi;
        op.route.prefix.addr[6] = (uint8_t)(lo >> 8);
        op.route.prefix.addr[7] = (uint8_t)lo;
        op.del = del;
        if (!del) {
                op.route.nexthop.afi = BGP_AFI_IPV6;
                op.route.nexthop.addr[0] = 0x20;
                op.route.nexthop.addr[15] = nh_last;
        }
        return op;
}

START_TEST(test_fold_keeps_newest_in_first_place)
{
        struct kernel_queue q;
        struct kernel_op a = op_for(1, 0, 48, 1, false), b = op_for(2, 0, 48, 1, false);
        struct kernel_op a2 = op_for(1, 0, 48, 2, false), adel = op_for(1, 0, 48, 0, true);

        ck_assert_int_eq(kernel_queue_init(&q, 8), KERNEL_OK);
        ck_assert_int_eq(kernel_queue_put(&q, &a), KERNEL_QUEUE_ADDED);
        ck_assert_int_eq(kernel_queue_put(&q, &b), KERNEL_QUEUE_ADDED);
        ck_assert_int_eq(kernel_queue_put(&q, &a2), KERNEL_QUEUE_FOLDED);
        ck_assert_uint_eq(q.n, 2);
        /* a's place, a2's content */
        ck_assert_mem_eq(&q.ops[0], &a2, sizeof(a2));
        ck_assert_mem_eq(&q.ops[1], &b, sizeof(b));
        /* A delete after a replace: the delete wins; and a replace after it wins again. */
        ck_assert_int_eq(kernel_queue_put(&q, &adel), KERNEL_QUEUE_FOLDED);
        ck_assert(q.ops[0].del);
        ck_assert_int_eq(kernel_queue_put(&q, &a), KERNEL_QUEUE_FOLDED);
        ck_assert(!q.ops[0].del);
        ck_assert_mem_eq(&q.ops[0], &a, sizeof(a));
        ck_assert_uint_eq(q.n, 2);
        kernel_queue_free(&q);
}
END_TEST

/* The same address with another length, or in another family, is another prefix. */
START_TEST(test_prefix_identity)
{
        struct kernel_queue q;
        struct kernel_op p48 = op_for(3, 0, 48, 1, false), p32 = op_for(3, 0, 32, 1, false);
        struct kernel_op p64 = op_for(3, 0, 64, 1, false), v4 = op_for(3, 0, 32, 1, false);

        v4.route.prefix.afi = BGP_AFI_IPV4;
        ck_assert_int_eq(kernel_queue_init(&q, 8), KERNEL_OK);
        ck_assert_int_eq(kernel_queue_put(&q, &p48), KERNEL_QUEUE_ADDED);
        ck_assert_int_eq(kernel_queue_put(&q, &p32), KERNEL_QUEUE_ADDED);
        ck_assert_int_eq(kernel_queue_put(&q, &p64), KERNEL_QUEUE_ADDED);
        ck_assert_int_eq(kernel_queue_put(&q, &v4), KERNEL_QUEUE_ADDED);
        ck_assert_uint_eq(q.n, 4);
        kernel_queue_free(&q);
}
END_TEST

/* Full: a new prefix is refused, one already queued still folds. */
START_TEST(test_full)
{
        struct kernel_queue q;

        ck_assert_int_eq(kernel_queue_init(&q, 3), KERNEL_OK);
        for (unsigned i = 0; i < 3; i++) {
                struct kernel_op op = op_for(10 + i, 0, 48, 1, false);

                ck_assert_int_eq(kernel_queue_put(&q, &op), KERNEL_QUEUE_ADDED);
        }
        {
                struct kernel_op extra = op_for(20, 0, 48, 1, false);
                struct kernel_op again = op_for(11, 0, 48, 9, false);

                ck_assert_int_eq(kernel_queue_put(&q, &extra), KERNEL_QUEUE_FULL);
                ck_assert_int_eq(kernel_queue_put(&q, &again), KERNEL_QUEUE_FOLDED);
                ck_assert_uint_eq(q.ops[1].route.nexthop.addr[15], 9);
        }
        ck_assert_uint_eq(q.n, 3);
        ck_assert_int_eq(kernel_queue_init(&(struct kernel_queue){0}, 0), KERNEL_ERR_INVALID);
        kernel_queue_free(&q);
}
END_TEST

/*
 * A full table's worth of prefixes that share their first octets, put twice (the second
 * upstream), cleared and put again: each clear forgets every prefix, whether few were
 * queued (found one by one) or many (the slots wiped).
 */
START_TEST(test_many_and_clear)
{
        struct kernel_queue q;
        const unsigned n = 60000;

        ck_assert_int_eq(kernel_queue_init(&q, n), KERNEL_OK);
        /* Counted, then asserted once: each ck_assert writes to Check's pipe. */
        for (int round = 0; round < 3; round++) {
                unsigned count = round == 1 ? 100 : n; /* round 1: the few-ops clear */
                unsigned added = 0, folded = 0, wrong = 0, left = 0;

                for (unsigned i = 0; i < count; i++) {
                        struct kernel_op op = op_for(i >> 8, i & 0xff, 48, 1, false);

                        added += kernel_queue_put(&q, &op) == KERNEL_QUEUE_ADDED;
                }
                for (unsigned i = 0; i < count; i++) {
                        struct kernel_op op = op_for(i >> 8, i & 0xff, 48, 2, false);

                        folded += kernel_queue_put(&q, &op) == KERNEL_QUEUE_FOLDED;
                }
                ck_assert_uint_eq(added, count);
                ck_assert_uint_eq(folded, count);
                ck_assert_uint_eq(q.n, count);
                for (unsigned i = 0; i < count; i++)
                        wrong += q.ops[i].route.prefix.addr[5] != ((i >> 8) & 0xff) ||
                                 q.ops[i].route.prefix.addr[7] != (i & 0xff) ||
                                 q.ops[i].route.nexthop.addr[15] != 2;
                ck_assert_uint_eq(wrong, 0);
                kernel_queue_clear(&q);
                ck_assert_uint_eq(q.n, 0);
                for (uint32_t s = 0; s <= q.mask; s++)
                        left += q.slots[s] != 0;
                ck_assert_uint_eq(left, 0);
        }
        kernel_queue_free(&q);
}
END_TEST

int main(void)
{
        Suite *s = suite_create("kernel_queue");
        TCase *tc = tcase_create("fold");
        SRunner *sr;
        int failed;

        tcase_add_test(tc, test_fold_keeps_newest_in_first_place);
        tcase_add_test(tc, test_prefix_identity);
        tcase_add_test(tc, test_full);
        tcase_add_test(tc, test_many_and_clear);
        suite_add_tcase(s, tc);
        sr = srunner_create(s);
        srunner_run_all(sr, CK_NORMAL);
        failed = srunner_ntests_failed(sr);
        srunner_free(sr);
        return failed == 0 ? 0 : 1;
}
