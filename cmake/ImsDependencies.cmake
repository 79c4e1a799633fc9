# Every dependency comes from a Debian bookworm package; scripts/setup installs them.
find_package(Threads REQUIRED)
find_package(Boost 1.74 REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(spdlog REQUIRED)
find_package(fmt REQUIRED)
find_package(CLI11 REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(PkgConfig REQUIRED)

# freeDiameter 1.2.1 ships no CMake or pkg-config files on Debian.
find_path(FREEDIAMETER_INCLUDE_DIR freeDiameter/freeDiameter-host.h REQUIRED)
find_library(FREEDIAMETER_CORE_LIB fdcore REQUIRED)
find_library(FREEDIAMETER_PROTO_LIB fdproto REQUIRED)
add_library(freediameter INTERFACE)
target_include_directories(freediameter SYSTEM INTERFACE ${FREEDIAMETER_INCLUDE_DIR})
target_link_libraries(freediameter INTERFACE ${FREEDIAMETER_CORE_LIB} ${FREEDIAMETER_PROTO_LIB})

if(IMS_BUILD_TESTS)
    find_package(GTest REQUIRED)
endif()
