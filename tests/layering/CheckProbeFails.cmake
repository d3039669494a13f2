# Builds TARGET in BUILD_DIR and passes only when the build fails with EXPECT in its
# output: a probe that compiles breaks a layering rule, and a probe that fails for another
# reason (a typo, a missing target) proves nothing.
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD_DIR} --target ${TARGET}
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
set(log "${out}${err}")
if(rc EQUAL 0)
    message(FATAL_ERROR "${TARGET} compiled: the layering rule it probes is broken\n${log}")
endif()
string(FIND "${log}" "${EXPECT}" at)
if(at EQUAL -1)
    message(FATAL_ERROR "${TARGET} failed, but not with \"${EXPECT}\":\n${log}")
endif()
message(STATUS "${TARGET} fails as it must: ${EXPECT}")
