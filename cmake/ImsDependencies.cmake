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

# The daemons' allocator. glibc malloc took 17 % of the S-CSCF's io thread at 2,500
# registrations/s (a heap of ~300 MB of short-lived transactions and nonces, fragmented);
# jemalloc cut the CPU of ims-scscf, ims-hss and ims-as by 8 to 35 % at 2,000/s
# (bench/RESULTS.md). The sanitizers bring their own allocator, which must win.
add_library(ims_allocator INTERFACE)
if(IMS_JEMALLOC AND NOT IMS_SANITIZE)
    pkg_check_modules(JEMALLOC REQUIRED IMPORTED_TARGET jemalloc)
    target_link_libraries(ims_allocator INTERFACE PkgConfig::JEMALLOC)
    target_compile_definitions(ims_allocator INTERFACE IMS_WITH_JEMALLOC=1)
endif()

if(IMS_BUILD_TESTS)
    find_package(GTest REQUIRED)
endif()
