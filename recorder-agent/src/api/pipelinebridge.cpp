#include "api/pipelinebridge.h"

#include <algorithm>
#include <chrono>
#include <memory>

namespace vv::agent {

bool PipelineBridge::call(std::function<void()> fn, int timeoutMs)
{
    auto job = std::make_shared<Job>();
    job->fn = std::move(fn);
    std::unique_lock lock(m_mutex);
    if (m_shutdown)
        return false;
    m_jobs.push_back(job);
    m_workCv.notify_all();
    if (!m_doneCv.wait_for(lock, std::chrono::milliseconds(timeoutMs), [&] { return job->done || m_shutdown; }) ||
        !job->done) {
        // The closure refers to the caller's stack: never leave it behind half-way.
        if (!job->started) {
            std::erase(m_jobs, job);
            return false;
        }
        m_doneCv.wait(lock, [&] { return job->done; });
    }
    if (job->failure)
        std::rethrow_exception(job->failure);
    return true;
}

void PipelineBridge::drain()
{
    for (;;) {
        std::shared_ptr<Job> job;
        {
            std::lock_guard lock(m_mutex);
            if (m_jobs.empty())
                return;
            job = m_jobs.front();
            m_jobs.pop_front();
            job->started = true;
        }
        std::exception_ptr failure;
        try {
            job->fn();
        } catch (...) {
            failure = std::current_exception();
        }
        {
            std::lock_guard lock(m_mutex);
            job->failure = failure;
            job->done = true;
        }
        m_doneCv.notify_all();
    }
}

void PipelineBridge::waitForWork(int timeoutMs)
{
    std::unique_lock lock(m_mutex);
    m_workCv.wait_for(lock, std::chrono::milliseconds(timeoutMs), [&] { return !m_jobs.empty() || m_shutdown; });
}

void PipelineBridge::shutdown()
{
    std::lock_guard lock(m_mutex);
    m_shutdown = true;
    m_workCv.notify_all();
    m_doneCv.notify_all();
}

} // namespace vv::agent
