# Builds the web app (web/) with esbuild and compiles its files into the server: web/build.mjs
# writes <binary dir>/generated/web/ (the files as served, with their .gz and .br copies) and
# <binary dir>/generated/web_assets.cpp (the same bytes as C++ arrays). npm installs the
# front-end tooling from web/package-lock.json whenever the lock file changes.
find_program(NODE_PROGRAM node REQUIRED)
find_program(NPM_PROGRAM npm REQUIRED)

set(FORMLYMPICS_WEB_DIR ${CMAKE_CURRENT_SOURCE_DIR}/web CACHE PATH "The web app's source")

function(build_web_app output_cpp)
  set(web ${FORMLYMPICS_WEB_DIR})
  set(installed ${web}/node_modules/.package-lock.json)
  add_custom_command(
    OUTPUT ${installed}
    COMMAND ${NPM_PROGRAM} ci --no-audit --no-fund --loglevel=error
    DEPENDS ${web}/package.json ${web}/package-lock.json
    WORKING_DIRECTORY ${web}
    COMMENT "Installing the web app's tooling (npm ci)")
  file(GLOB_RECURSE web_sources CONFIGURE_DEPENDS ${web}/src/* ${web}/public/*)
  get_filename_component(out_dir ${output_cpp} DIRECTORY)
  add_custom_command(
    OUTPUT ${output_cpp}
    COMMAND ${NODE_PROGRAM} ${web}/build.mjs ${out_dir}
    DEPENDS ${web_sources} ${web}/index.html ${web}/build.mjs ${installed}
    WORKING_DIRECTORY ${web}
    COMMENT "Building the web app (esbuild)")
endfunction()
