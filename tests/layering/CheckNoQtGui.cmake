# tunewright-cli must run headless: it may link neither Qt Gui nor Qt Widgets.
execute_process(COMMAND readelf -d ${BINARY} OUTPUT_VARIABLE deps RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "readelf failed on ${BINARY}")
endif()
if(deps MATCHES "libQt6(Gui|Widgets)")
    message(FATAL_ERROR "tunewright-cli links Qt Gui or Widgets:\n${deps}")
endif()
message(STATUS "tunewright-cli is headless: no Qt Gui or Widgets among its NEEDED entries")
