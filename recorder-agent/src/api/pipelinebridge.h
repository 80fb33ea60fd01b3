#pragma once
// Runs work on the recorder's own thread. The vault store and call recordings
// belong to that thread (they hold its catalogue connection and the cap's
// bookkeeping); API threads hand them closures here and wait for the result.
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>

namespace vv::agent {

class PipelineBridge
{
public:
    // From an API thread: runs fn on the pipeline thread; false on timeout or
    // shutdown (fn did not run). An exception fn throws is rethrown here, on
    // the caller's thread, never on the recorder's.
    bool call(std::function<void()> fn, int timeoutMs = 15000);
    // From the pipeline thread: runs what is queued.
    void drain();
    // Pipeline thread with nothing to capture: sleep until work arrives or timeout.
    void waitForWork(int timeoutMs);
    void shutdown();

private:
    struct Job
    {
        std::function<void()> fn;
        bool started = false;
        bool done = false;
        std::exception_ptr failure;
    };
    std::mutex m_mutex;
    std::condition_variable m_workCv;
    std::condition_variable m_doneCv;
    std::deque<std::shared_ptr<Job>> m_jobs;
    bool m_shutdown = false;
};

} // namespace vv::agent
