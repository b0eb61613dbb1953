# Hostile fault scenarios of issue #7 (hostile_*.sh, hostile_lib.sh, hostile_peer.py,
# hostile_corpus.py): lbgpd on the seed's frr.conf (or a copy with one change) between its
# two upstreams, in namespaces the scripts create and remove.
#   reload        6. lbgpctl reload every 2 s during two full-table loads, policy changes and
#                    broken files alternating: no reset, FILE:LINE:COL, the Loc-RIB, counts
#                    and kernel of a fresh lbgpd on the final configuration
#   leak          8. 1,000,000 more-specifics, 99 % filtered: Cease/Out of Resources at the
#                    500,000 routes kept, memory bounded, held down
#   garbage       9. the fuzz corpus and random bytes over a real session: every verdict of
#                    lbgp-decode acted on, NOTIFICATION and data included; the other peer,
#                    lbgpctl and memory unharmed
#   gtsm         10. `ttl-security hops 1` with a router in between: never OpenSent; direct: up
#   unknown_attr 11. attributes 28 and 40 passed on with Partial, or dropped by
#                    `path-attribute discard 28 40`, as BIRD and a capture see them
# Scenario 7 (maximum-prefix) is conformance.seed_maxprefix (../seed_maxprefix.sh).
set(HOSTILE_SEED ${PROJECT_SOURCE_DIR}/../shared/seed/frr.conf)
set(HOSTILE_IPASN ${PROJECT_SOURCE_DIR}/../shared/data/mrt/routeviews6.ipasn6.20260730.dat.gz)
if(TARGET lbgpd AND TARGET lbgpctl AND TARGET lbgp-replay AND TARGET lbgp-decode)
  add_test(NAME conformance.fault.reload
           COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/hostile_reload.sh $<TARGET_FILE:lbgpd>
                   $<TARGET_FILE:lbgpctl> $<TARGET_FILE:lbgp-replay> ${HOSTILE_SEED}
                   ${HOSTILE_IPASN})
  add_test(NAME conformance.fault.leak
           COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/hostile_leak.sh $<TARGET_FILE:lbgpd>
                   $<TARGET_FILE:lbgpctl> $<TARGET_FILE:lbgp-replay> ${HOSTILE_SEED})
  add_test(NAME conformance.fault.garbage
           COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/hostile_garbage.sh $<TARGET_FILE:lbgpd>
                   $<TARGET_FILE:lbgpctl> $<TARGET_FILE:lbgp-decode> ${HOSTILE_SEED}
                   ${PROJECT_SOURCE_DIR}/fuzz/corpus)
  add_test(NAME conformance.fault.gtsm
           COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/hostile_gtsm.sh $<TARGET_FILE:lbgpd>
                   $<TARGET_FILE:lbgpctl> ${HOSTILE_SEED})
  add_test(NAME conformance.fault.unknown_attr
           COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/hostile_attr.sh $<TARGET_FILE:lbgpd>
                   $<TARGET_FILE:lbgpctl> $<TARGET_FILE:lbgp-decode> ${HOSTILE_SEED})
  set_tests_properties(conformance.fault.reload conformance.fault.leak
                       conformance.fault.garbage conformance.fault.gtsm
                       conformance.fault.unknown_attr
                       PROPERTIES LABELS conformance TIMEOUT 180 SKIP_RETURN_CODE 77)
endif()
