#pragma once
// Fills a ByteCache from GET /api/v1/recordings/{id}/audio with single byte ranges: the first chunk at once (it
// tells the file size), then whatever a decoder is waiting for, then the rest in order, one request at a time so
// a seek's chunk never queues behind a long transfer.
#include "bytecache.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <memory>

namespace vv::net {
class AgentClient;
class ApiCall;
} // namespace vv::net

namespace vv::player {

class RangeFetcher : public QObject
{
    Q_OBJECT
public:
    RangeFetcher(net::AgentClient *client, qint64 recordingId, std::shared_ptr<ByteCache> cache,
                 QObject *parent = nullptr);
    ~RangeFetcher() override;

    void start();
    // Thread-safe: queues the chunk ahead of the sequential prefetch.
    void requestChunk(qint64 chunk);

    static constexpr int kPrefetchChunks = 4; // 256 KiB per sequential request: fewer round trips

Q_SIGNALS:
    void progress(qint64 received, qint64 total);
    void finished();
    void failed(const QString &message);

private:
    void fetchNext();
    void fetch(qint64 firstChunk, qint64 chunks);

    QPointer<net::AgentClient> m_client;
    qint64 m_recordingId;
    std::shared_ptr<ByteCache> m_cache;
    QPointer<net::ApiCall> m_inFlight;
    QList<qint64> m_priority;
    qint64 m_cursor = 0; // next chunk of the sequential prefetch
    bool m_failed = false;
};

} // namespace vv::player
