// Talking to the agent byte by byte over TLS, as an attacker or a broken client would: requests split across
// packets with pauses, pipelined, or never finished; everything the agent sends back is kept, and whether it
// closed the connection.
#pragma once

#include "agentserver.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>

namespace vv::apitest {

struct Conversation
{
    bool connected = false;      // TLS handshake done
    bool closedByServer = false; // the agent ended the connection
    QByteArray received;         // every byte of every answer
    QString error;

    // Status codes of the complete answers in `received`, in order.
    QList<int> statuses() const;
};

// Sends each part in turn, pausing pauseMs between them, then reads until the agent closes or timeoutMs passes.
Conversation converse(const AgentServer &server, const QList<QByteArray> &parts, int pauseMs = 0, int timeoutMs = 15000,
                      const QHostAddress &bindTo = {});

} // namespace vv::apitest
