# Sources are collected per concept folder, so adding a class means adding its files,
# never editing a list that several people touch at once.
function(tw_collect_sources out)
    set(result)
    foreach(dir IN LISTS ARGN)
        cmake_path(ABSOLUTE_PATH dir BASE_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR} NORMALIZE
                   OUTPUT_VARIABLE root)
        file(GLOB_RECURSE found CONFIGURE_DEPENDS ${root}/*.cpp ${root}/*.h)
        list(APPEND result ${found})
    endforeach()
    set(${out} ${result} PARENT_SCOPE)
endfunction()
