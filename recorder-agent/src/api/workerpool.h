#pragma once
// A fixed set of threads running request handlers. New requests queue up to a
// bound (past it the server answers 503 at once rather than let waits grow);
// continuations of an answer already admitted (the next block of a stream)
// always queue, so an admitted answer is never cut off by load. The threads
// live as long as the pool, so per-thread database connections stay valid.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace vv::agent::http {

class WorkerPool
{
public:
    WorkerPool(unsigned threads, std::size_t maxQueued);
    ~WorkerPool();
    WorkerPool(const WorkerPool &) = delete;
    WorkerPool &operator=(const WorkerPool &) = delete;

    bool tryPost(std::function<void()> job); // a new request: false when the queue is full
    void post(std::function<void()> job);    // work already admitted
    void stop();                             // running jobs finish, queued ones are dropped

private:
    void run();

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::function<void()>> m_queue;
    std::vector<std::thread> m_threads;
    std::size_t m_maxQueued;
    bool m_stopped = false;
};

} // namespace vv::agent::http
