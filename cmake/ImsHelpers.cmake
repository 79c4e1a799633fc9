# Adds every immediate subdirectory of the current source dir that holds a CMakeLists.txt,
# so an area can grow new folders without editing its parent.
function(ims_add_subdirectories)
    file(GLOB children LIST_DIRECTORIES true RELATIVE ${CMAKE_CURRENT_SOURCE_DIR}
         ${CMAKE_CURRENT_SOURCE_DIR}/*)
    list(SORT children)
    foreach(child IN LISTS children)
        if(IS_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/${child}
           AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${child}/CMakeLists.txt)
            add_subdirectory(${child})
        endif()
    endforeach()
endfunction()

# ims_unit_test(NAME name SOURCES a.cpp ... LIBS lib ...)
# One GoogleTest executable; each TEST becomes its own ctest entry, discovered at test time.
function(ims_unit_test)
    cmake_parse_arguments(T "" "NAME" "SOURCES;LIBS" ${ARGN})
    add_executable(${T_NAME} ${T_SOURCES})
    target_link_libraries(${T_NAME} PRIVATE ${T_LIBS} GTest::gmock GTest::gtest_main)
    gtest_discover_tests(${T_NAME} DISCOVERY_MODE PRE_TEST DISCOVERY_TIMEOUT 60
                         PROPERTIES LABELS unit)
endfunction()

# ims_integration_test(NAME name SCRIPT file.py [TIMEOUT s] [LABELS ...])
# A Python 3 (stdlib only) script that starts the real binaries; it finds them via IMS_BIN_DIR.
function(ims_integration_test)
    cmake_parse_arguments(T "" "NAME;SCRIPT;TIMEOUT" "LABELS" ${ARGN})
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 300)
    endif()
    add_test(NAME ${T_NAME}
             COMMAND ${Python3_EXECUTABLE} -m unittest -v ${T_SCRIPT}
             WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR})
    set_tests_properties(${T_NAME} PROPERTIES
        TIMEOUT ${T_TIMEOUT}
        LABELS "integration;${T_LABELS}"
        ENVIRONMENT "IMS_BIN_DIR=${CMAKE_BINARY_DIR}/bin;IMS_SOURCE_DIR=${CMAKE_SOURCE_DIR};PYTHONDONTWRITEBYTECODE=1;PYTHONPATH=${CMAKE_SOURCE_DIR}/tests/integration:${CMAKE_SOURCE_DIR}/scripts")
endfunction()
