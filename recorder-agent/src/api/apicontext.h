#pragma once
// Everything a route handler may use. Objects owned by the pipeline thread
// (the vault store, the call recordings) are reached only through the bridge.
#include "api/httpserver.h"
#include "api/metrics.h"
#include "api/pipelinebridge.h"
#include "api/throttle.h"
#include "api/userstore.h"

#include <QHash>
#include <QString>
#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>

namespace vv::agent {

class KeyCustodian;

class VaultStore;

struct AgentStatus
{
    bool captureRunning = false;
    QString captureError;            // why capture is not running (it is retried)
    quint64 deliveriesFailed = 0;    // notification attempts that failed (they are retried)
    quint64 deliveriesAbandoned = 0; // notifications given up after two days
    QString interface;
    quint64 packetsCaptured = 0;
    quint64 packetsDropped = 0;
    quint64 callsInProgress = 0;
    quint64 encryptedCallsMissed = 0; // calls to record whose media could not be decrypted
    quint64 srtpPacketsFailed = 0;    // SRTP packets no key authenticated
    quint64 sipTlsSegments = 0;       // SIP over TLS seen: calls no recorder can see
    PacketTime lastRecordingAt = 0;   // the last recording that started
    int openHealthEvents = 0;
    quint64 catalogueBacklog = 0;    // catalogue writes queued behind the recorder
    quint64 catalogueWriteWaits = 0; // times the recorder waited for that queue (it was full)
    bool diskLow = false;
    qint64 diskFreeBytes = 0;
    qint64 startedAt = 0;
};

// Audio is fetched in many requests (ranges, seeks, retries); each is
// audited, but one play of one recording by one person is one entry: repeats
// within a few minutes are folded into it.
class AudioAuditWindow
{
public:
    bool isNew(qint64 userId, qint64 recordingId, const QString &action)
    {
        const auto now = std::chrono::steady_clock::now();
        std::lock_guard lock(m_mutex);
        if (m_seen.size() > 10000)
            m_seen.clear();
        const QString key = QStringLiteral("%1/%2/%3").arg(userId).arg(recordingId).arg(action);
        const auto it = m_seen.find(key);
        if (it != m_seen.end() && now - it.value() < std::chrono::minutes(5))
            return false;
        m_seen.insert(key, now);
        return true;
    }

private:
    std::mutex m_mutex;
    QHash<QString, std::chrono::steady_clock::time_point> m_seen;
};

struct ApiContext
{
    QString dataDir;
    QString cataloguePath;
    QString certificateSha256;
    UserStore *users = nullptr;
    PipelineBridge *bridge = nullptr;
    VaultStore *store = nullptr;         // the recorder's thread only, except setProtected / deleteRecording / keyring
    KeyCustodian *custodian = nullptr;   // re-wraps recordings after a vault's key changed (any thread)
    std::function<void()> vaultsChanged; // pipeline thread only: vault rules changed, new calls follow them
    std::function<void()> wakeNotifier;  // something was queued for delivery (any thread)
    bool smtpConfigured = false;         // e-mail subscriptions need an [smtp] server
    LoginThrottle throttle;
    AudioAuditWindow audioAudits;
    ApiMetrics metrics;
    const http::ServerStats *httpStats = nullptr; // set once the server runs

    std::mutex statusMutex;
    AgentStatus status;
    AgentStatus statusSnapshot()
    {
        std::lock_guard lock(statusMutex);
        return status;
    }
};

} // namespace vv::agent
