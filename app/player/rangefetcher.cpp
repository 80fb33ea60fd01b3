#include "rangefetcher.h"

#include "agentclient.h"
#include "playerlogging.h"

#include <QRegularExpression>

namespace vv::player {

RangeFetcher::RangeFetcher(net::AgentClient *client, qint64 recordingId, std::shared_ptr<ByteCache> cache,
                           QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_recordingId(recordingId)
    , m_cache(std::move(cache))
{
    m_cache->setMissingHandler([this](qint64 chunk) { requestChunk(chunk); });
}

RangeFetcher::~RangeFetcher()
{
    // Readers may still report misses after we are gone: drop the handler that points at us first.
    m_cache->setMissingHandler({});
    if (m_inFlight)
        m_inFlight->cancel();
}

void RangeFetcher::start()
{
    fetch(0, 1);
}

void RangeFetcher::requestChunk(qint64 chunk)
{
    // Called on decoder threads: hop to ours.
    QMetaObject::invokeMethod(
        this,
        [this, chunk] {
            if (!m_priority.contains(chunk))
                m_priority.append(chunk);
            fetchNext();
        },
        Qt::QueuedConnection);
}

void RangeFetcher::fetchNext()
{
    if (m_inFlight || m_failed || m_cache->size() < 0)
        return;
    while (!m_priority.isEmpty()) {
        const qint64 chunk = m_priority.takeFirst();
        if (!m_cache->hasChunk(chunk))
            return fetch(chunk, 1);
    }
    const qint64 count = m_cache->chunkCount();
    while (m_cursor < count && m_cache->hasChunk(m_cursor))
        ++m_cursor;
    if (m_cursor >= count) {
        Q_EMIT finished();
        return;
    }
    qint64 n = 1;
    while (n < kPrefetchChunks && m_cursor + n < count && !m_cache->hasChunk(m_cursor + n))
        ++n;
    fetch(m_cursor, n);
}

void RangeFetcher::fetch(qint64 firstChunk, qint64 chunks)
{
    if (!m_client) {
        m_failed = true;
        Q_EMIT failed(tr("Not connected to the recorder."));
        return;
    }
    net::AudioRequest request;
    const qint64 first = firstChunk * ByteCache::kChunk;
    request.range = net::AudioRequest::byteRange(first, first + chunks * ByteCache::kChunk - 1);
    qCDebug(lcPlayer) << "recording" << m_recordingId << "range" << request.range;
    m_inFlight = m_client->downloadAudio(m_recordingId, request, this, [this, first](const net::ApiResult &r) {
        m_inFlight.clear();
        if (r.error == net::ApiError::Cancelled)
            return;
        if (!r.ok()) {
            m_failed = true;
            qCWarning(lcPlayer) << "audio range failed:" << r.errorString;
            Q_EMIT failed(r.errorString.isEmpty()
                              ? tr("The recorder did not send the audio (HTTP %1).").arg(r.httpStatus)
                              : r.errorString);
            return;
        }
        qint64 offset = 0;
        qint64 total = -1;
        if (r.httpStatus == 206) {
            static const QRegularExpression re(QStringLiteral("bytes\\s+(\\d+)-(\\d+)/(\\d+)"));
            const auto m = re.match(QString::fromLatin1(r.header("content-range")));
            if (!m.hasMatch()) {
                m_failed = true;
                Q_EMIT failed(tr("The recorder answered a range without Content-Range."));
                return;
            }
            offset = m.captured(1).toLongLong();
            total = m.captured(3).toLongLong();
        } else { // 200: the whole file
            total = r.data.size();
        }
        Q_UNUSED(first);
        m_cache->setSize(total);
        m_cache->store(offset, r.data);
        Q_EMIT progress(m_cache->presentBytes(), total);
        fetchNext();
    });
}

} // namespace vv::player
