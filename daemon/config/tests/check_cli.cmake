# Runs lbgpd-config-check as an operator would and holds its exit status and stderr to
# the golden files: on the seed, status 0 and data/frr.conf.lint; on a broken file, status
# 1 and data/bad.conf.errors.
function(expect file status golden)
  execute_process(COMMAND ${CHECKER} ${file} WORKING_DIRECTORY ${DATA}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  file(READ ${DATA}/${golden} want)
  if(NOT rc EQUAL status)
    message(FATAL_ERROR "${file}: exit status ${rc}, expected ${status}\n${err}")
  endif()
  if(NOT err STREQUAL want)
    message(FATAL_ERROR "${file}: stderr differs from ${golden}:\n--- got\n${err}--- want\n${want}")
  endif()
endfunction()

expect(frr.conf 0 frr.conf.lint)
expect(bad.conf 1 bad.conf.errors)
