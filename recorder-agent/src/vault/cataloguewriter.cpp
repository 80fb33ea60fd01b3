#include "vault/cataloguewriter.h"

#include "common/logging.h"

#include <future>

namespace vv::agent {

CatalogueWriter::CatalogueWriter(QString cataloguePath, std::size_t maxQueued)
    : m_path(std::move(cataloguePath))
    , m_maxQueued(maxQueued)
    , m_stallMs(qEnvironmentVariableIntValue("VIPVAULT_TEST_CATALOGUE_STALL_MS"))
{}

CatalogueWriter::~CatalogueWriter()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

bool CatalogueWriter::start(QString *error)
{
    std::promise<QString> opened;
    std::future<QString> result = opened.get_future();
    m_thread = std::thread([this, &opened] {
        Catalogue catalogue(QStringLiteral("vipvault-catalogue-writer"));
        QString why;
        const bool ok = catalogue.open(m_path, &why);
        opened.set_value(ok ? QString() : why);
        if (ok)
            run(catalogue);
    });
    *error = result.get();
    if (!error->isEmpty()) {
        m_thread.join();
        return false;
    }
    if (m_stallMs > 0)
        qCWarning(lcVault) << "test hook: every catalogue write batch waits" << m_stallMs << "ms";
    return true;
}

void CatalogueWriter::post(Job job)
{
    std::unique_lock lock(m_mutex);
    if (m_queue.size() >= m_maxQueued) {
        ++m_fullWaits;
        qCCritical(lcVault) << "catalogue writes are" << m_queue.size()
                            << "behind (disk stalled?); the recorder waits for them";
        m_room.wait(lock, [this] { return m_queue.size() < m_maxQueued || m_stop; });
    }
    m_queue.push_back(std::move(job));
    lock.unlock();
    m_wake.notify_one();
}

void CatalogueWriter::runAndWait(const Job &job)
{
    std::promise<void> done;
    std::future<void> finished = done.get_future();
    post([&job, &done](Catalogue &c) {
        try {
            job(c);
            done.set_value();
        } catch (...) {
            done.set_exception(std::current_exception());
        }
    });
    finished.get(); // rethrows what the job threw (a CatalogueError becomes the caller's 503)
}

std::size_t CatalogueWriter::backlog() const
{
    std::lock_guard lock(m_mutex);
    return m_queue.size();
}

void CatalogueWriter::run(Catalogue &catalogue)
{
    for (;;) {
        std::deque<Job> batch;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop || !m_queue.empty(); });
            if (m_queue.empty() && m_stop)
                return;
            batch.swap(m_queue);
        }
        m_room.notify_all();
        if (m_stallMs > 0)
            std::this_thread::sleep_for(std::chrono::milliseconds(m_stallMs));
        for (Job &job : batch) {
            try {
                job(catalogue);
            } catch (const CatalogueError &e) {
                qCCritical(lcVault).noquote() << "catalogue write failed:" << e.what(); // counted where it threw
            }
        }
    }
}

} // namespace vv::agent
