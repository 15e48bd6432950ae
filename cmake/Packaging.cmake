# Install rules and the Debian package. From a Release build dir configured with
#   -DBINHAN_WEB_ROOT=/usr/share/binhan/web
# `cpack -G DEB` writes binhan_<version>-1_amd64.deb (tests/package/deb-install-check.sh does
# both and installs the result in a fresh Debian 12 root). docs/deploy.md is the admin's guide.
#
# What the package holds, and what it never holds:
#   /usr/bin/binhan                      the one binary (schema and defaults compiled in)
#   /usr/share/binhan/web/               the browser UI
#   /etc/binhan/binhan.properties        this deployment's settings (a conffile)
#   /lib/systemd/system/binhan*.{service,timer}   the server and the nightly backup
#   /usr/lib/binhan/binhan-backup        the backup job (keeps the newest N)
#   /usr/share/doc/binhan/               deploy.md, README.md, every key's default
# No master key, certificate, database or user: postinst makes the user `binhan` and its
# empty data dir; the admin runs `binhan init` (docs/deploy.md).

set(BINHAN_PACKAGE_FILES ${CMAKE_SOURCE_DIR}/ops/debian)

install(TARGETS binhan RUNTIME DESTINATION bin)
install(DIRECTORY src/web/ DESTINATION share/binhan/web)
install(PROGRAMS ops/binhan-backup DESTINATION lib/binhan)
install(FILES ops/binhan.service ops/binhan-backup.service ops/binhan-backup.timer
        DESTINATION /lib/systemd/system)
install(FILES ${BINHAN_PACKAGE_FILES}/binhan.properties DESTINATION /etc/binhan)
install(FILES docs/deploy.md README.md DESTINATION share/doc/binhan)
install(FILES config/binhan.properties DESTINATION share/doc/binhan
        RENAME binhan.properties.defaults)

if(NOT BINHAN_WEB_ROOT STREQUAL "/usr/share/binhan/web")
  message(STATUS "binhan: BINHAN_WEB_ROOT is ${BINHAN_WEB_ROOT}; a package built from here "
                 "relies on web.root in /etc/binhan/binhan.properties to find its UI")
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME binhan)
set(CPACK_PACKAGE_VENDOR "Bình An")
set(CPACK_PACKAGE_CONTACT "Bình An maintainers <binhan@invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "secure case management for the response to gender-based violence in a commune")
string(CONCAT CPACK_PACKAGE_DESCRIPTION
    "Bình An is an HTTPS server (one process on an embedded SQLite database) in which the\n"
    "commune police, justice officer, Women's Union, schools and leadership carry out their\n"
    "duties on one shared, encrypted and audited record per case.")
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Library dependencies come from the linked libraries (dpkg-shlibdeps: libpoco*, libsodium23,
# libssl3, libsqlite3-0, libspdlog1.10, libfmt9, libstdc++6 …); adduser is for postinst.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "systemd, curl")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${BINHAN_PACKAGE_FILES}/conffiles ${BINHAN_PACKAGE_FILES}/postinst
    ${BINHAN_PACKAGE_FILES}/prerm ${BINHAN_PACKAGE_FILES}/postrm)
include(CPack)
