# The recorder agent's Debian package: binary, commented configuration (a
# conffile, kept across upgrades), systemd unit, system user, maintainer
# scripts. The paths follow the configured prefix (/usr by default on Linux,
# see the top-level CMakeLists.txt), so the unit names the installed binary.
set(VIPVAULT_AGENT_BINARY ${CMAKE_INSTALL_FULL_BINDIR}/vipvault-agent)
set(VIPVAULT_AGENT_CONFIG ${CMAKE_INSTALL_FULL_SYSCONFDIR}/vipvault/agent.conf)
configure_file(linux/agent/vipvault-agent.service.in vipvault-agent.service @ONLY)

install(FILES ${CMAKE_CURRENT_BINARY_DIR}/vipvault-agent.service
    DESTINATION lib/systemd/system COMPONENT agent)
install(FILES linux/agent/sysusers.conf RENAME vipvault.conf
    DESTINATION lib/sysusers.d COMPONENT agent)
# The conffile is frozen at the first release's text: dpkg asks about a conffile the package changed and the admin
# edited, and with no terminal (unattended upgrades) that question fails the upgrade. New settings have defaults in
# the agent; their documentation is the sample installed beside README.Debian, which may change freely.
install(FILES linux/agent/agent.conf
    DESTINATION ${CMAKE_INSTALL_FULL_SYSCONFDIR}/vipvault COMPONENT agent)
install(FILES ${PROJECT_SOURCE_DIR}/recorder-agent/agent.conf.sample linux/agent/README.Debian
    ${PROJECT_SOURCE_DIR}/docs/vault.md
    DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/vipvault-agent COMPONENT agent)
vipvault_install_debian_docs(agent vipvault-agent)
vipvault_install_man(agent vipvault-agent 8)

configure_file(linux/agent/conffiles.in agent-control/conffiles @ONLY)
foreach(script postinst prerm postrm)
    file(COPY linux/agent/${script} DESTINATION agent-control
        FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
endforeach()

set(CPACK_DEBIAN_AGENT_PACKAGE_NAME vipvault-agent)
set(CPACK_DEBIAN_AGENT_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_AGENT_DESCRIPTION "VIP Vault call recorder agent for VoIP hosts
Passive SIP/RTP call recorder for one VoIP host: records calls between the
host's extensions and external numbers into capped or unlimited vaults,
served to the VIP Vault desktop app over an HTTPS REST API.")
# systemd-sysusers creates the system user; deb-systemd-helper (init-system-helpers,
# essential) enables the unit the way debhelper-built packages do.
set(CPACK_DEBIAN_AGENT_PACKAGE_DEPENDS "systemd (>= 247)")
set(CPACK_DEBIAN_AGENT_PACKAGE_SECTION net)
set(CPACK_DEBIAN_AGENT_PACKAGE_CONTROL_EXTRA
    ${CMAKE_CURRENT_BINARY_DIR}/agent-control/conffiles ${CMAKE_CURRENT_BINARY_DIR}/agent-control/postinst
    ${CMAKE_CURRENT_BINARY_DIR}/agent-control/prerm ${CMAKE_CURRENT_BINARY_DIR}/agent-control/postrm)
