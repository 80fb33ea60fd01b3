#pragma once
// Catalogue writes off the packet path. The recorder's thread decides (which
// call is recorded, which recording makes room) from memory and hands the
// writes here, in order, to one thread with its own SQLite connection: a
// stalled disk or an API transaction holding the write lock then delays
// catalogue rows, never packets. Reads stay where they are: in WAL mode
// SQLite readers do not wait for writers.
//
// Nothing queued is ever dropped (a lost write could be a lost recording's
// row): when the queue is full, post() waits, and says so in the log. Rows
// still queued at a kill -9 are rebuilt at the next start from the files
// (vault/reconcile), as they always were for a crash between two writes.
#include "vault/catalogue.h"

#include <QString>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace vv::agent {

class CatalogueWriter
{
public:
    using Job = std::function<void(Catalogue &)>;

    explicit CatalogueWriter(QString cataloguePath, std::size_t maxQueued = 100'000);
    ~CatalogueWriter(); // writes what is queued, then stops
    CatalogueWriter(const CatalogueWriter &) = delete;
    CatalogueWriter &operator=(const CatalogueWriter &) = delete;

    bool start(QString *error);
    void post(Job job);
    // Runs job after everything queued and waits for it (API changes that
    // answer with the result). Never from the writer's own thread.
    void runAndWait(const Job &job);
    void flush()
    {
        runAndWait([](Catalogue &) {});
    }

    std::size_t backlog() const;
    std::uint64_t fullWaits() const { return m_fullWaits.load(); } // times post() waited for room

private:
    void run(Catalogue &catalogue);

    QString m_path;
    std::size_t m_maxQueued;
    int m_stallMs; // test hook: VIPVAULT_TEST_CATALOGUE_STALL_MS delays every batch, like a stalled disk
    std::thread m_thread;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_room;
    std::deque<Job> m_queue;
    bool m_stop = false;
    std::atomic<std::uint64_t> m_fullWaits{0};
};

} // namespace vv::agent
