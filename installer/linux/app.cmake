# The desktop app's Debian package. Binary, .desktop entry and icon are
# installed by app/CMakeLists.txt; here: the package's metadata and the Qt
# plugins dpkg-shlibdeps cannot see (they are loaded at run time).
set(CPACK_DEBIAN_APP_PACKAGE_NAME vipvault)
set(CPACK_DEBIAN_APP_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_APP_PACKAGE_SECTION sound)
set(CPACK_DEBIAN_APP_DESCRIPTION "VIP Vault desktop app for VoIP resellers and their customers
For resellers: customers, their VoIP services and each vault's cap,
exclusions and bill. For customers: search and play their call recordings.")
vipvault_install_debian_docs(app vipvault)
vipvault_install_man(app vipvault 1)
# The SQLite driver (customer directory) is a plugin. Playback decodes Opus
# itself and plays through QAudioSink (PulseAudio, or PipeWire's PulseAudio
# server), so no GStreamer or FFmpeg plugin is needed. A Secret Service is
# recommended for QtKeychain: without one the app asks for the password at
# every start.
set(CPACK_DEBIAN_APP_PACKAGE_DEPENDS "libqt6sql6-sqlite")
set(CPACK_DEBIAN_APP_PACKAGE_RECOMMENDS "gnome-keyring | kwalletmanager, pulseaudio | pipewire-pulse")
