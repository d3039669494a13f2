# The .deb: `cmake --build --preset release --target package`.
# Built with -march=x86-64-v3 (the release preset's default), so it runs on any AVX2 CPU.
include(GNUInstallDirs)
set(TW_LINUX ${PROJECT_SOURCE_DIR}/installer/linux)
install(FILES ${TW_LINUX}/io.github.tunewright.Tunewright.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${TW_LINUX}/io.github.tunewright.Tunewright.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${TW_LINUX}/tunewright-mime.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages
        RENAME tunewright.xml)
install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/tunewright.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
foreach(size 16 32 48 64 128 256)
    install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/tunewright-${size}.png
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps
            RENAME tunewright.png)
endforeach()
# The Python helper for command objectives, where Debian's python3 finds it
# (`import tunewright`); from a clone, PYTHONPATH=python does the same.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/python/tunewright DESTINATION lib/python3/dist-packages
        FILES_MATCHING PATTERN "*.py" PATTERN "__pycache__" EXCLUDE)
install(FILES ${PROJECT_SOURCE_DIR}/resources/datasets/PROVENANCE.md
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/tunewright RENAME DATASETS.md)
# The user guide with its screenshots, which Help > User guide opens.
install(FILES ${PROJECT_SOURCE_DIR}/docs/user-guide.md DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/tunewright)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/images DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/tunewright)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME tunewright)
set(CPACK_PACKAGE_VENDOR "Tunewright")
set(CPACK_PACKAGE_CONTACT "Tunewright developers <dev@tunewright.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Workbench that trains, tunes and optimizes ML models")
set(CPACK_PACKAGE_INSTALL_DIRECTORY /usr)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE amd64)
# Runtime dependencies: shlibdeps finds the libraries; the Qt plugins are loaded at run
# time, so they are named explicitly (SQLite and PostgreSQL drivers, the xcb platform).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, libqt6sql6-psql, qt6-qpa-plugins, fonts-dejavu-core")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "dataset-fashion-mnist")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "Hyperparameter tuning workbench
 Tunewright trains machine-learning models and tunes their hyperparameters with
 grid, random, Sobol, Gaussian-process Bayesian optimization and TPE samplers,
 with median, ASHA and Hyperband pruning. Includes the headless tunewright-cli.
 Built for x86-64-v3 (AVX2) processors.")
include(CPack)

# The package is tested as users get it: `package_deb` builds it (a fixture, so that ctest
# runs it first and once), `package_unpacked` unpacks it into a temporary root and runs
# the programs from there (installer/check-deb.sh). Not in sanitizer or fuzz builds,
# whose binaries are not the product.
if(TW_BUILD_TESTS AND NOT TW_SANITIZE AND NOT TW_SANITIZE_THREAD AND NOT TW_FUZZ)
    find_program(TW_DPKG dpkg)
    find_program(TW_DPKG_SHLIBDEPS dpkg-shlibdeps)
    if(TW_DPKG AND TW_DPKG_SHLIBDEPS)
        set(TW_DEB ${CMAKE_BINARY_DIR}/${CPACK_PACKAGE_NAME}_${CPACK_PACKAGE_VERSION}_${CPACK_DEBIAN_PACKAGE_ARCHITECTURE}.deb)
        add_test(NAME package_deb COMMAND ${CMAKE_COMMAND} --build ${CMAKE_BINARY_DIR} --target package)
        add_test(NAME package_unpacked
                 COMMAND bash ${PROJECT_SOURCE_DIR}/installer/check-deb.sh ${TW_DEB} ${TW_MARCH})
        set_tests_properties(package_deb PROPERTIES
            LABELS "package;slow" FIXTURES_SETUP tw_deb RESOURCE_LOCK tw_build_tree TIMEOUT 900)
        set_tests_properties(package_unpacked PROPERTIES
            LABELS "package;slow" FIXTURES_REQUIRED tw_deb TIMEOUT 300)
    else()
        message(STATUS "dpkg or dpkg-shlibdeps not found: the package tests are skipped (apt-get install dpkg-dev)")
    endif()
endif()
