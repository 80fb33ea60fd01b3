// Pressure on the agent's API while it is measured: idle connections that never speak, slow TLS clients that
// trickle a request a byte at a time, and clients streaming audio. Each kind is kept at its number for as long
// as the pressure lasts (connections the agent closes by its deadlines are opened again), on its own threads.
#pragma once

#include <atomic>
#include <string>
#include <thread>
#include <vector>

struct PressureCounts
{
    std::atomic<long> idleOpen{0};
    std::atomic<long> slowOpen{0};
    std::atomic<long> idleReopened{0}; // closed by the agent's deadline and opened again
    std::atomic<long> slowReopened{0};
    std::atomic<long> streamsCompleted{0};
    std::atomic<long> streamErrors{0};
};

class ApiPressure
{
public:
    ApiPressure(std::string host, int port, std::string token, std::vector<long long> audioIds);
    ~ApiPressure();
    void start(int idle, int slow, int streamers);
    void stop();
    const PressureCounts &counts() const { return m_counts; }

private:
    void idleLoop(int count);
    void slowLoop(int count);
    void streamLoop(int index);

    std::string m_host;
    int m_port;
    std::string m_token;
    std::vector<long long> m_audioIds;
    std::atomic<bool> m_stop{false};
    PressureCounts m_counts;
    std::vector<std::thread> m_threads;
};
