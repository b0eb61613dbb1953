# Warning flags: OpenBGPD's list, plus -Wconversion for the library core (see DESIGN.md).
add_library(bgp_warnings INTERFACE)
target_compile_options(bgp_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes
  -Wmissing-declarations -Wpointer-arith -Wcast-qual -Wsign-compare -Wformat=2
  -Wundef -Wvla)
if(BGP_WERROR)
  target_compile_options(bgp_warnings INTERFACE -Werror)
endif()

# The library core is also held to implicit-conversion warnings.
add_library(bgp_warnings_strict INTERFACE)
target_link_libraries(bgp_warnings_strict INTERFACE bgp_warnings)
target_compile_options(bgp_warnings_strict INTERFACE -Wconversion -Wsign-conversion)
