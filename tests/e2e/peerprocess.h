// Process and namespace control for the real-peer test: commands, a TCP connection into a network namespace, and
// one baresip user agent driven over ctrl_tcp.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <memory>
#include <vector>

namespace vv::e2e {

// Wall clock, seconds since the epoch (what the agent's timestamps are compared with).
double now();

struct Cmd
{
    int exitCode = -1;
    QString output;
};

// Runs a command to completion (merged output); exitCode -1 when it could not start, crashed or timed out.
Cmd runCmd(const QString &program, const QStringList &args, int timeoutMs = 20000);

// A TCP connection to 127.0.0.1:port inside network namespace `ns`: the socket belongs to the namespace it was
// created in, so the thread enters the namespace for socket() and returns at once. -1 with *error on failure.
int connectInNamespace(const QString &ns, quint16 port, QString *error);

struct Event
{
    double at = 0; // wall clock when the test read it
    QJsonObject json;
    QString type() const { return json.value("type").toString(); }
    QString callId() const { return json.value("id").toString(); }
};

// One baresip user agent in its namespace, driven over ctrl_tcp (netstring-framed JSON).
struct UserAgent
{
    QString name, ns, number, address;
    bool autoAnswer = true;
    QString wavPath;
    std::vector<int16_t> played; // the aufile source, 8 kHz mono
    std::unique_ptr<QProcess> process;
    int fd = -1;
    QByteArray in;
    QList<Event> events;
    QStringList responses;
    QByteArray log;

    // Sends one ctrl_tcp command (e.g. "dial", "hangup", "accept", "hold", "resume", "reginfo").
    void send(const QString &command, const QString &params = {});
    // Reads what baresip wrote: log output, then framed events and command responses.
    void readAvailable();
};

} // namespace vv::e2e
