#include "peerprocess.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

namespace vv::e2e {

double now()
{
    return QDateTime::currentMSecsSinceEpoch() / 1000.0;
}

Cmd runCmd(const QString &program, const QStringList &args, int timeoutMs)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    Cmd c;
    if (!p.waitForStarted(5000)) {
        c.output = p.errorString();
        return c;
    }
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(2000);
        c.output = "timed out";
        return c;
    }
    c.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    c.output = QString::fromUtf8(p.readAll());
    return c;
}

int connectInNamespace(const QString &ns, quint16 port, QString *error)
{
    const int self = ::open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
    const int target = ::open(QFile::encodeName("/run/netns/" + ns).constData(), O_RDONLY | O_CLOEXEC);
    if (self < 0 || target < 0) {
        *error = "cannot open namespace files: " + QString::fromLocal8Bit(strerror(errno));
        if (self >= 0)
            ::close(self);
        if (target >= 0)
            ::close(target);
        return -1;
    }
    int fd = -1;
    if (::setns(target, CLONE_NEWNET) == 0) {
        fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        ::setns(self, CLONE_NEWNET);
    } else {
        *error = "setns: " + QString::fromLocal8Bit(strerror(errno));
    }
    ::close(self);
    ::close(target);
    if (fd < 0)
        return -1;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
        *error = "connect: " + QString::fromLocal8Bit(strerror(errno));
        ::close(fd);
        return -1;
    }
    return fd;
}

void UserAgent::send(const QString &command, const QString &params)
{
    const QByteArray body = QJsonDocument(QJsonObject{{"command", command}, {"params", params}, {"token", name}})
                                .toJson(QJsonDocument::Compact);
    const QByteArray frame = QByteArray::number(body.size()) + ":" + body + ",";
    if (fd >= 0)
        (void)!::write(fd, frame.constData(), size_t(frame.size()));
}

void UserAgent::readAvailable()
{
    if (process && process->waitForReadyRead(0))
        log += process->readAll();
    if (fd < 0)
        return;
    char buf[8192];
    for (;;) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 0) <= 0)
            break;
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n <= 0) {
            ::close(fd);
            fd = -1;
            break;
        }
        in.append(buf, int(n));
    }
    const double t = now();
    for (;;) {
        const int colon = in.indexOf(':');
        if (colon < 0)
            break;
        bool ok = false;
        const int len = in.left(colon).toInt(&ok);
        if (!ok) {
            in.clear();
            break;
        }
        if (in.size() < colon + 1 + len + 1)
            break;
        const QJsonObject obj = QJsonDocument::fromJson(in.mid(colon + 1, len)).object();
        in.remove(0, colon + 1 + len + 1);
        if (obj.value("event").toBool())
            events << Event{t, obj};
        else if (obj.value("response").toBool())
            responses << obj.value("data").toString();
    }
}

} // namespace vv::e2e
