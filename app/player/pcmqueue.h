#pragma once
// Hand-over of decoded stereo frames from the decoder thread to PcmSource on the GUI thread. A seek resets the
// queue to a new source position under a new generation, so frames decoded before the seek are dropped even if
// the decoder pushes them afterwards.
#include <QMutex>
#include <QWaitCondition>
#include <deque>

namespace vv::player {

class PcmQueue
{
public:
    explicit PcmQueue(qint64 capacityFrames = 48000 * 2)
        : m_capacity(capacityFrames)
    {}

    // GUI side
    void reset(qint64 position); // drop everything, the next frames start at `position`; asks the decoder to seek
    int pop(float *out, int maxFrames);
    qint64 frontPosition() const; // source frame of the next pop
    qint64 buffered() const;
    bool atEnd() const; // the decoder reached the end and everything was popped
    void abort();

    // Decoder side
    // Blocks until there is room, a seek or an abort. Returns false on abort; *seekTo >= 0 asks for a seek first.
    bool waitForWork(quint64 *generation, qint64 *seekTo);
    void push(quint64 generation, const float *frames, int count);
    void markEnd(quint64 generation);
    void markError(quint64 generation); // decoding stopped; treated like the end

private:
    mutable QMutex m_mutex;
    QWaitCondition m_changed;
    std::deque<float> m_samples; // interleaved L R
    qint64 m_capacity;
    qint64 m_front = 0;
    quint64 m_generation = 0;
    qint64 m_pendingSeek = -1;
    bool m_end = false;
    bool m_aborted = false;
};

} // namespace vv::player
