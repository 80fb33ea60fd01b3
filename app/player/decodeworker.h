#pragma once
// The thread that keeps PcmQueue about two seconds ahead of playback, and a second one that decodes the whole
// file once into the waveform's low-rate envelope. Both read the same ByteCache, so both follow the download.
#include "bytecache.h"
#include "pcmqueue.h"

#include <QMutex>
#include <QThread>
#include <QVector>
#include <functional>
#include <memory>

namespace vv::player {

// Two channels of RMS at kRate values per second (0..1 full scale).
struct Envelope
{
    static constexpr int kRate = 100;
    QVector<float> left;
    QVector<float> right;
    bool complete = false;
};

class DecodeThread : public QThread
{
public:
    // onOpened(totalFrames or -1 with an error text) runs on this thread; hop threads in it.
    DecodeThread(std::shared_ptr<ByteCache> cache, std::shared_ptr<PcmQueue> queue,
                 std::function<void(qint64 totalFrames, const QString &error)> onOpened);
    ~DecodeThread() override;

protected:
    void run() override;

private:
    std::shared_ptr<ByteCache> m_cache;
    std::shared_ptr<PcmQueue> m_queue;
    std::function<void(qint64, const QString &)> m_onOpened;
};

class EnvelopeThread : public QThread
{
public:
    // onProgress runs on this thread every few seconds of audio and once at the end.
    EnvelopeThread(std::shared_ptr<ByteCache> cache, std::function<void()> onProgress);
    ~EnvelopeThread() override;
    void stop();
    Envelope envelope() const;

    // The envelope of a whole decoded file (tests and local files).
    static Envelope compute(std::shared_ptr<ByteCache> cache);

protected:
    void run() override;

private:
    std::shared_ptr<ByteCache> m_cache;
    std::function<void()> m_onProgress;
    mutable QMutex m_mutex;
    Envelope m_envelope;
    std::atomic<bool> m_stop{false};
};

} // namespace vv::player
