#include "rawconversation.h"

#include <QElapsedTimer>
#include <QSslSocket>
#include <QThread>

namespace vv::apitest {

QList<int> Conversation::statuses() const
{
    QList<int> out;
    qsizetype at = 0;
    while (at < received.size()) {
        const qsizetype end = received.indexOf("\r\n\r\n", at);
        if (end < 0 || !received.mid(at, 9).startsWith("HTTP/1.1 "))
            break;
        const QByteArray head = received.mid(at, end - at);
        out << head.mid(9, 3).toInt();
        qint64 length = 0;
        for (const QByteArray &line : head.split('\n'))
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        at = end + 4 + length;
    }
    return out;
}

Conversation converse(const AgentServer &server, const QList<QByteArray> &parts, int pauseMs, int timeoutMs,
                      const QHostAddress &bindTo)
{
    Conversation c;
    QSslSocket socket;
    if (!bindTo.isNull() && !socket.bind(bindTo, 0)) {
        c.error = socket.errorString();
        return c;
    }
    socket.setPeerVerifyMode(QSslSocket::VerifyNone); // a test of framing, not of trust (tst_apisession pins)
    socket.connectToHostEncrypted(server.host(), server.port());
    if (!socket.waitForEncrypted(timeoutMs)) {
        c.error = socket.errorString();
        return c;
    }
    c.connected = true;
    QElapsedTimer timer;
    timer.start();
    for (const QByteArray &part : parts) {
        if (socket.state() != QAbstractSocket::ConnectedState)
            break;
        socket.write(part);
        while (socket.bytesToWrite() > 0 && socket.state() == QAbstractSocket::ConnectedState)
            socket.waitForBytesWritten(100);
        // Keep reading while pausing, so answers to the earlier parts are seen.
        QElapsedTimer pause;
        pause.start();
        while (pause.elapsed() < pauseMs && socket.state() == QAbstractSocket::ConnectedState) {
            socket.waitForReadyRead(int(qMax<qint64>(1, pauseMs - pause.elapsed())));
            c.received += socket.readAll();
        }
    }
    while (socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < timeoutMs) {
        socket.waitForReadyRead(int(qMax<qint64>(1, qMin<qint64>(200, timeoutMs - timer.elapsed()))));
        c.received += socket.readAll();
    }
    c.received += socket.readAll();
    c.closedByServer = socket.state() != QAbstractSocket::ConnectedState;
    return c;
}

} // namespace vv::apitest
