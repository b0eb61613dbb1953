# Network fault scenarios of issue #7 (net_*.sh, net_lib.sh): lbgpd between two upstreams
# played by lbgp-replay, in namespaces the scripts create and remove.
#   hold         3. a silent peer: NOTIFICATION 4/0 on the wire 9 s after its last message
#   vanish       1. a peer gone mid-UPDATE: nothing partial applied, hold timer, routes gone
#   reset        2. TCP resets during a table load: Idle, flushed, back-off, relearned
#   slow_reader  4. a peer that stops reading: the loop goes on, send hold timer (code 8)
#   flaps        5. 1,000 flaps: no descriptor, socket, event or memory left behind
#   flap_kernel 12. 1,000 flaps against a held table: kernel = Loc-RIB, others' routes kept
# NET_FLAPS (environment) changes the 1,000 of the last two.
if(TARGET lbgpd AND TARGET lbgpctl AND TARGET lbgp-replay)
  foreach(scenario hold vanish reset slow_reader flaps flap_kernel)
    add_test(NAME conformance.fault.${scenario}
             COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/net_${scenario}.sh $<TARGET_FILE:lbgpd>
                     $<TARGET_FILE:lbgpctl> $<TARGET_FILE:lbgp-replay>)
    set_tests_properties(conformance.fault.${scenario} PROPERTIES
                         LABELS conformance TIMEOUT 180 SKIP_RETURN_CODE 77)
  endforeach()
endif()
