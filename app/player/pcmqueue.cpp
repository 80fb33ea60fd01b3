#include "pcmqueue.h"

namespace vv::player {

void PcmQueue::reset(qint64 position)
{
    QMutexLocker lock(&m_mutex);
    m_samples.clear();
    m_front = position;
    ++m_generation;
    m_pendingSeek = position;
    m_end = false;
    m_changed.wakeAll();
}

int PcmQueue::pop(float *out, int maxFrames)
{
    QMutexLocker lock(&m_mutex);
    const int n = int(std::min<qint64>(maxFrames, qint64(m_samples.size() / 2)));
    std::copy_n(m_samples.begin(), n * 2, out);
    m_samples.erase(m_samples.begin(), m_samples.begin() + n * 2);
    m_front += n;
    if (n > 0)
        m_changed.wakeAll();
    return n;
}

qint64 PcmQueue::frontPosition() const
{
    QMutexLocker lock(&m_mutex);
    return m_front;
}

qint64 PcmQueue::buffered() const
{
    QMutexLocker lock(&m_mutex);
    return qint64(m_samples.size() / 2);
}

bool PcmQueue::atEnd() const
{
    QMutexLocker lock(&m_mutex);
    return m_end && m_samples.empty();
}

void PcmQueue::abort()
{
    QMutexLocker lock(&m_mutex);
    m_aborted = true;
    m_changed.wakeAll();
}

bool PcmQueue::waitForWork(quint64 *generation, qint64 *seekTo)
{
    QMutexLocker lock(&m_mutex);
    while (!m_aborted && m_pendingSeek < 0 && (m_end || qint64(m_samples.size() / 2) >= m_capacity))
        m_changed.wait(&m_mutex);
    *generation = m_generation;
    *seekTo = m_pendingSeek;
    m_pendingSeek = -1;
    return !m_aborted;
}

void PcmQueue::push(quint64 generation, const float *frames, int count)
{
    QMutexLocker lock(&m_mutex);
    if (generation != m_generation)
        return;
    m_samples.insert(m_samples.end(), frames, frames + count * 2);
}

void PcmQueue::markEnd(quint64 generation)
{
    QMutexLocker lock(&m_mutex);
    if (generation == m_generation)
        m_end = true;
}

void PcmQueue::markError(quint64 generation)
{
    markEnd(generation);
}

} // namespace vv::player
