# Windows: an NSIS installer of the desktop app (cpack -G NSIS), with the Qt
# runtime, plugins and translations copied next to vipvault.exe by windeployqt
# (through Qt's deployment script). Build it with installer/windows/build.ps1.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Call recording for VoIP resellers and their customers")
set(CPACK_GENERATOR NSIS)
set(CPACK_COMPONENTS_ALL app)
set(CPACK_NSIS_PACKAGE_NAME "VIP Vault")
set(CPACK_NSIS_DISPLAY_NAME "VIP Vault")
set(CPACK_NSIS_MUI_ICON ${PROJECT_SOURCE_DIR}/resources/windows/vipvault.ico)
set(CPACK_NSIS_MUI_UNIICON ${PROJECT_SOURCE_DIR}/resources/windows/vipvault.ico)
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\vipvault.exe")
set(CPACK_NSIS_MUI_FINISHPAGE_RUN vipvault.exe)
# An upgrade replaces the previous version in place; the user's customer
# directory and keychain entries live outside the install folder and stay.
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_EXECUTABLES_DIRECTORY bin)
set(CPACK_NSIS_URL_INFO_ABOUT ${CPACK_PACKAGE_HOMEPAGE_URL})
set(CPACK_NSIS_CONTACT ${CPACK_PACKAGE_CONTACT})
set(CPACK_NSIS_MODIFY_PATH OFF)
set(CPACK_PACKAGE_INSTALL_REGISTRY_KEY "VIP Vault")
