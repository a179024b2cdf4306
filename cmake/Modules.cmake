# ldv_module(NAME [DEPENDS m...]): the static library ldv_NAME from lib/ldv/NAME/**/*.cpp.
#
# Its headers are reachable as "ldv/NAME/..." only through an include root of its own,
# ${PROJECT_BINARY_DIR}/modules/NAME/include, which holds one link ldv/NAME → lib/ldv/NAME
# and nothing else. The root is a PUBLIC include directory of ldv_NAME, so it reaches
# exactly the targets that link ldv_NAME: a module that includes a header of a module it
# does not (transitively) depend on fails to compile with "No such file or directory".
set(LDV_MODULE_TARGETS "")
function(ldv_module name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "DEPENDS")
  set(root ${PROJECT_BINARY_DIR}/modules/${name}/include)
  file(MAKE_DIRECTORY ${root}/ldv)
  if(NOT EXISTS ${root}/ldv/${name})
    file(CREATE_LINK ${PROJECT_SOURCE_DIR}/lib/ldv/${name} ${root}/ldv/${name} SYMBOLIC)
  endif()
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/lib/ldv/${name}/*.cpp)
  add_library(ldv_${name} STATIC ${sources})
  target_include_directories(ldv_${name} PUBLIC $<BUILD_INTERFACE:${root}>)
  foreach(dependency IN LISTS arg_DEPENDS)
    target_link_libraries(ldv_${name} PUBLIC ldv_${dependency})
  endforeach()
  target_compile_options(ldv_${name} PRIVATE -Wall -Wextra -Wpedantic)
  set(LDV_MODULE_TARGETS ${LDV_MODULE_TARGETS} ldv_${name} PARENT_SCOPE)
endfunction()
