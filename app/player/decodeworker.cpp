#include "decodeworker.h"

#include "opusstreamdecoder.h"
#include "playerlogging.h"

#include <cmath>

namespace vv::player {

DecodeThread::DecodeThread(std::shared_ptr<ByteCache> cache, std::shared_ptr<PcmQueue> queue,
                           std::function<void(qint64, const QString &)> onOpened)
    : m_cache(std::move(cache))
    , m_queue(std::move(queue))
    , m_onOpened(std::move(onOpened))
{}

DecodeThread::~DecodeThread()
{
    m_cache->abort();
    m_queue->abort();
    wait();
}

void DecodeThread::run()
{
    OpusStreamDecoder decoder(m_cache);
    QString error;
    if (!decoder.open(&error)) {
        if (!m_cache->isAborted())
            m_onOpened(-1, error);
        return;
    }
    m_onOpened(decoder.totalFrames(), {});
    constexpr int kBlock = 960 * 5; // 100 ms
    std::vector<float> buffer(size_t(kBlock) * 2);
    quint64 generation = 0;
    qint64 seekTo = -1;
    while (m_queue->waitForWork(&generation, &seekTo)) {
        if (seekTo >= 0 && !decoder.seek(seekTo) && m_cache->isAborted())
            return;
        const int n = decoder.read(buffer.data(), kBlock);
        if (n > 0)
            m_queue->push(generation, buffer.data(), n);
        else if (n == 0)
            m_queue->markEnd(generation);
        else {
            if (m_cache->isAborted())
                return;
            qCWarning(lcPlayer) << "decoding failed:" << n;
            m_queue->markError(generation);
        }
    }
}

EnvelopeThread::EnvelopeThread(std::shared_ptr<ByteCache> cache, std::function<void()> onProgress)
    : m_cache(std::move(cache))
    , m_onProgress(std::move(onProgress))
{}

EnvelopeThread::~EnvelopeThread()
{
    stop();
    m_cache->abort(); // a read may be waiting for a chunk that will never come now
    wait();
}

void EnvelopeThread::stop()
{
    m_stop = true;
}

Envelope EnvelopeThread::envelope() const
{
    QMutexLocker lock(&m_mutex);
    return m_envelope;
}

namespace {

// Decodes everything, appending one RMS value per channel per window; `publish` every ~5 s of audio.
bool decodeEnvelope(const std::shared_ptr<ByteCache> &cache, const std::atomic<bool> &stop,
                    const std::function<void(const QVector<float> &, const QVector<float> &, bool)> &publish)
{
    OpusStreamDecoder decoder(cache);
    if (!decoder.open())
        return false;
    constexpr int kWindow = OpusStreamDecoder::kRate / Envelope::kRate;
    std::vector<float> buffer(kWindow * 2 * 10);
    QVector<float> left;
    QVector<float> right;
    double sumL = 0, sumR = 0;
    int inWindow = 0;
    int sincePublish = 0;
    while (!stop) {
        const int n = decoder.read(buffer.data(), int(buffer.size() / 2));
        if (n <= 0)
            break;
        for (int i = 0; i < n; ++i) {
            sumL += double(buffer[2 * i]) * buffer[2 * i];
            sumR += double(buffer[2 * i + 1]) * buffer[2 * i + 1];
            if (++inWindow == kWindow) {
                left.append(float(std::sqrt(sumL / kWindow)));
                right.append(float(std::sqrt(sumR / kWindow)));
                sumL = sumR = 0;
                inWindow = 0;
                if (++sincePublish >= Envelope::kRate * 5) {
                    publish(left, right, false);
                    sincePublish = 0;
                }
            }
        }
    }
    if (!stop)
        publish(left, right, true);
    return true;
}

} // namespace

void EnvelopeThread::run()
{
    decodeEnvelope(m_cache, m_stop, [this](const QVector<float> &l, const QVector<float> &r, bool complete) {
        {
            QMutexLocker lock(&m_mutex);
            m_envelope.left = l;
            m_envelope.right = r;
            m_envelope.complete = complete;
        }
        m_onProgress();
    });
}

Envelope EnvelopeThread::compute(std::shared_ptr<ByteCache> cache)
{
    Envelope e;
    std::atomic<bool> stop{false};
    decodeEnvelope(cache, stop, [&e](const QVector<float> &l, const QVector<float> &r, bool complete) {
        e.left = l;
        e.right = r;
        e.complete = complete;
    });
    return e;
}

} // namespace vv::player
