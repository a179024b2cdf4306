# Bakes the version, git revision and compiler into the build so that every
# result can carry its provenance (DESIGN.md, "Evidence and verdicts").
find_package(Git QUIET)
set(LDV_GIT_REVISION "unknown")
if(GIT_FOUND AND EXISTS ${PROJECT_SOURCE_DIR}/.git)
  execute_process(COMMAND ${GIT_EXECUTABLE} describe --always --dirty --abbrev=12
                  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
                  OUTPUT_VARIABLE LDV_GIT_REVISION OUTPUT_STRIP_TRAILING_WHITESPACE
                  ERROR_QUIET)
endif()
string(TOUPPER "${CMAKE_BUILD_TYPE}" _ldv_build_type_upper)
set(LDV_COMPILE_FLAGS "${CMAKE_CXX_FLAGS} ${CMAKE_CXX_FLAGS_${_ldv_build_type_upper}}")
string(STRIP "${LDV_COMPILE_FLAGS}" LDV_COMPILE_FLAGS)
set(LDV_PROVENANCE_SOURCE ${PROJECT_BINARY_DIR}/generated/ldv/core/build_info.cpp)
configure_file(${PROJECT_SOURCE_DIR}/cmake/build_info.cpp.in ${LDV_PROVENANCE_SOURCE} @ONLY)
