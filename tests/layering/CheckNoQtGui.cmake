# tunewright-cli must run headless: it may link Qt Gui (QImage, QImageReader: predict on
# image folders, which needs no display) but never Qt Widgets.
execute_process(COMMAND readelf -d ${BINARY} OUTPUT_VARIABLE deps RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "readelf failed on ${BINARY}")
endif()
if(deps MATCHES "libQt6(Widgets|OpenGL|OpenGLWidgets|PrintSupport)")
    message(FATAL_ERROR "tunewright-cli links Qt Widgets:\n${deps}")
endif()
message(STATUS "tunewright-cli is headless: no Qt Widgets among its NEEDED entries")
