# macOS: a drag-to-Applications disk image of VIP Vault.app (cpack -G
# DragNDrop), the Qt frameworks and plugins copied into the bundle by
# macdeployqt (through Qt's deployment script). Build it with
# installer/macos/build.sh.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Call recording for VoIP resellers and their customers")
set(CPACK_GENERATOR DragNDrop)
set(CPACK_COMPONENTS_ALL app)
set(CPACK_DMG_VOLUME_NAME "VIP Vault")
set(CPACK_DMG_FORMAT UDZO)
# The image shows the app beside a link to /Applications.
set(CPACK_DMG_DISABLE_APPLICATIONS_SYMLINK OFF)
set(CPACK_PACKAGE_ICON ${PROJECT_SOURCE_DIR}/resources/macos/vipvault.icns)
