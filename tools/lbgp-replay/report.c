/* report.c - what lbgp-replay sent (or, with --sink, received), as text or JSON. */
#include <stdio.h>

#include <json-c/json.h>

#include "replay.h"

static double rate(double n, double seconds)
{
        return seconds > 0 ? n / seconds : 0;
}

static void print_json(const struct replay_report *r)
{
        json_object *o = json_object_new_object();
        json_object_object_add(o, "final", json_object_new_boolean(r->final));
        json_object_object_add(o, "state", json_object_new_string(r->state));
        json_object_object_add(o, "established", json_object_new_int(r->established));
        if (r->cfg->sink) {
                json_object_object_add(o, "receivedUpdates",
                                       json_object_new_int64((int64_t)r->rx_updates));
                json_object_object_add(o, "receivedPrefixes",
                                       json_object_new_int64((int64_t)r->rx_announced));
                json_object_object_add(o, "receivedWithdrawals",
                                       json_object_new_int64((int64_t)r->rx_withdrawn));
                json_object_object_add(o, "endOfRibReceived", json_object_new_int(r->rx_eor));
                json_object_object_add(o, "secondsToEndOfRib",
                                       json_object_new_double(r->rx_seconds));
                json_object_object_add(
                    o, "prefixesPerSecond",
                    json_object_new_double(rate((double)r->rx_announced, r->rx_seconds)));
        } else {
                json_object_object_add(o, "source", json_object_new_string(r->t1->source));
                json_object_object_add(o, "tablePrefixes",
                                       json_object_new_int64((int64_t)rtable_prefix_count(r->t1)));
                if (r->t2 != NULL)
                        json_object_object_add(o, "secondSource",
                                               json_object_new_string(r->t2->source));
                json_object_object_add(o, "loadSeconds", json_object_new_double(r->load_seconds));
                json_object_object_add(o, "prefixesSent",
                                       json_object_new_int64((int64_t)r->st.announced));
                json_object_object_add(o, "withdrawalsSent",
                                       json_object_new_int64((int64_t)r->st.withdrawn));
                json_object_object_add(o, "updatesSent",
                                       json_object_new_int64((int64_t)r->st.updates));
                json_object_object_add(o, "bytesSent", json_object_new_int64((int64_t)r->st.bytes));
                json_object_object_add(o, "endOfRibSent", json_object_new_boolean(r->st.eor > 0));
                json_object_object_add(o, "skippedFamily",
                                       json_object_new_int64((int64_t)r->st.skipped_family));
                json_object_object_add(o, "skippedNextHop",
                                       json_object_new_int64((int64_t)r->st.skipped_nexthop));
                json_object_object_add(o, "tableWritten", json_object_new_boolean(r->table_done));
                json_object_object_add(o, "tableSeconds", json_object_new_double(r->table_seconds));
                json_object_object_add(o, "tableUpdates",
                                       json_object_new_int64((int64_t)r->table_updates));
                json_object_object_add(o, "tableBytes",
                                       json_object_new_int64((int64_t)r->table_bytes));
                json_object_object_add(o, "tableCpuSeconds", json_object_new_double(r->table_cpu));
                json_object_object_add(
                    o, "prefixesPerSecond",
                    json_object_new_double(rate((double)r->table_prefixes, r->table_seconds)));
                json_object_object_add(o, "flaps", json_object_new_int(r->flaps));
        }
        json_object_object_add(o, "cpuUserSeconds", json_object_new_double(r->cpu_user));
        json_object_object_add(o, "cpuSystemSeconds", json_object_new_double(r->cpu_sys));
        json_object_object_add(o, "maxRssKiB", json_object_new_int64(r->max_rss_kib));
        puts(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
        json_object_put(o);
}

static void print_text(const struct replay_report *r)
{
        printf("%s report (%s, %u session%s Established)\n", r->final ? "final" : "interim",
               r->state, r->established, r->established == 1 ? "" : "s");
        if (r->cfg->sink) {
                printf("  received        %llu prefixes, %llu withdrawals in %llu UPDATEs\n",
                       (unsigned long long)r->rx_announced, (unsigned long long)r->rx_withdrawn,
                       (unsigned long long)r->rx_updates);
                printf(
                    "  End-of-RIB      %u received, %.3f s after Established (%.0f prefixes/s)\n",
                    r->rx_eor, r->rx_seconds, rate((double)r->rx_announced, r->rx_seconds));
        } else {
                printf("  table           %s: %zu prefixes (loaded in %.2f s)\n", r->t1->source,
                       rtable_prefix_count(r->t1), r->load_seconds);
                if (r->t1->note[0] != '\0')
                        printf("  note            %s\n", r->t1->note);
                if (r->t2 != NULL)
                        printf("  second table    %s: %zu prefixes\n", r->t2->source,
                               rtable_prefix_count(r->t2));
                printf(
                    "  sent            %llu prefixes, %llu withdrawals, %llu UPDATEs, %llu bytes\n",
                    (unsigned long long)r->st.announced, (unsigned long long)r->st.withdrawn,
                    (unsigned long long)r->st.updates, (unsigned long long)r->st.bytes);
                printf("  End-of-RIB      %s\n", r->st.eor > 0 ? "sent" : "not sent");
                if (r->table_done)
                        printf("  table written   %.3f s from Established to the last UPDATE "
                               "(%llu UPDATEs, %.0f prefixes/s)\n",
                               r->table_seconds, (unsigned long long)r->table_updates,
                               rate((double)r->table_prefixes, r->table_seconds));
                if (r->table_done)
                        printf("  table CPU       %.2f s (user + system, while writing it)\n",
                               r->table_cpu);
                if (r->st.skipped_family + r->st.skipped_nexthop > 0)
                        printf(
                            "  not sent        %llu (family not negotiated), %llu (no next hop)\n",
                            (unsigned long long)r->st.skipped_family,
                            (unsigned long long)r->st.skipped_nexthop);
                if (r->flaps > 0)
                        printf("  flaps           %u\n", r->flaps);
        }
        printf("  cpu             %.2f s user, %.2f s system, max RSS %ld KiB\n", r->cpu_user,
               r->cpu_sys, r->max_rss_kib);
}

void replay_report_print(const struct replay_report *r)
{
        if (r->cfg->json)
                print_json(r);
        else
                print_text(r);
        fflush(stdout);
}
