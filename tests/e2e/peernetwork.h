// A small telephone network of real SIP software in network namespaces the test makes, recorded live by
// `vipvault-agent run` on the namespaces' bridge. Shared by the real-peer test programs.
//
//   PREFIX-core   bridge br0 (no address); the agent captures here, promiscuous, so it sees every frame
//   PREFIX-pbx    10.77.0.1   kamailio: registrar and record-routing proxy (ring and hunt groups, redirects)
//   PREFIX-pbx2   10.77.0.2   kamailio answering every INVITE with a 302 (a second PBX forwarding a number)
//   PREFIX-NAME   one namespace per baresip (extension or carrier), as the test lists them
//
// Every baresip uses G.711 and plays its own espeak-ng speech file through the aufile module. The files take turns
// on one shared slot schedule (carriers speak in even slots, extensions in odd slots, like a conversation), so a
// recording's left channel must follow the extension's file and not the carrier's, and the right channel the
// opposite. The namespaces have no route to anything else: no packet leaves them. Each baresip is driven through
// ctrl_tcp on its namespace's loopback (the socket is opened with setns() in the test's thread).
#pragma once

#include "agentharness.h"
#include "peerprocess.h"
#include "recordingcheck.h"

#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <memory>
#include <vector>

namespace vv::e2e {

struct PeerSpec
{
    QString name;    // namespace suffix, e.g. "e201"
    QString number;  // account user: an extension or a carrier's number
    QString address; // 10.77.0.x
    QString voice;   // espeak-ng voice
    int pitch = 50;
    bool carrier = false;
    bool autoAnswer = true;
    QString text;     // what it says, in turns
    QString mediaenc; // baresip media encryption: "", "srtp-mand", "dtls_srtp"
};

// Extensions 201 (auto answer), 202 (manual: rings until accepted), 203 (auto, excluded in the tests' vault) and
// carriers A (07700900123) and B (+442079460000): the peers both real-peer programs start from.
QList<PeerSpec> basicPeers();

class PeerNetwork
{
public:
    ~PeerNetwork();
    // Why the network cannot be built here (not root, a tool missing), or "" when it can.
    static QString unavailable();
    // Brings everything up: namespaces, both kamailios, one baresip per peer (registered), the agent with
    // `vaultConfig` ([vault ...] sections) capturing on the bridge, tcpdump when installed. "" or what failed.
    QString start(const QList<PeerSpec> &peers, const QString &vaultConfig);
    // Hangs up everything, stops the agent (it must exit 0 on SIGTERM), the peers and kamailio; removes the
    // namespaces. Keeps the bridge capture when a test failed.
    void stop();
    void markFailed() { m_failed = true; }

    UserAgent &ua(const QString &name);
    void pumpAll(int ms);
    bool waitEvent(UserAgent &u, const QString &type, const QString &callId, int timeoutMs, Event *found,
                   int fromIndex = 0);
    bool waitAgentCalls(const QStringList &ids, int timeoutMs, int linesEach = 1);
    // Dials `uri` from `from`, waits for the answer (accepting on `manualCallee` after a ring); "" or an error.
    QString dial(UserAgent &from, const QString &uri, double *invited, double *answered, QString *callId,
                 UserAgent *manualCallee = nullptr);
    // Dials, talks for talkMs, hangs up from the caller and waits for the agent's line: "" or what went wrong.
    QString talk(UserAgent &from, const QString &uri, int talkMs, Expect *e, UserAgent *manualCallee = nullptr);
    QString checkRecording(const Expect &e) const { return vv::e2e::checkRecording(e, m_run.calls); }
    const vv::testing::AgentRun &agent() const { return m_run; }
    // The agent's lines for a Call-ID (two for a call between two vaults).
    QList<QJsonObject> agentLines(const QString &callId) const;
    QString dir() const { return m_dir ? m_dir->path() : QString(); }
    QString pcapPath() const { return m_pcap; }
    QString agentConfigPath() const { return m_config; }

private:
    QString ns(const QString &node) const { return m_prefix + "-" + node; }
    std::unique_ptr<QProcess> startInNamespace(const QString &node, const QString &program, const QStringList &args,
                                               const QString &logPath = {});
    void stopProcess(std::unique_ptr<QProcess> &p, int graceMs);
    void readAgent();
    void keepPcap();

    QString m_prefix;
    std::unique_ptr<QTemporaryDir> m_dir;
    bool m_netUp = false;
    std::unique_ptr<QProcess> m_kamailio;
    std::unique_ptr<QProcess> m_kamailio2;
    std::unique_ptr<QProcess> m_agent;
    std::unique_ptr<QProcess> m_tcpdump;
    QString m_pcap;
    QString m_config;
    std::vector<std::unique_ptr<UserAgent>> m_uas;
    vv::testing::AgentRun m_run;
    QByteArray m_pending;
    bool m_failed = false;
};

} // namespace vv::e2e
