#pragma once
// A POSIX ustar archive streamed from parts (bytes in memory, or files read as they are sent), with its total size
// known before the first byte: the subject export is one HTTP answer with a Content-Length, whatever its size.
#include <QByteArray>
#include <QString>
#include <vector>

namespace vv::agent {

class TarStream
{
public:
    void addBytes(const QString &name, const QByteArray &data, qint64 mtimeSeconds);
    void addFile(const QString &name, const QString &path, qint64 size, qint64 mtimeSeconds);
    qint64 size() const; // the whole archive, end blocks included
    // Up to maxBytes from offset; empty at the end or when a file cannot be read as it was sized.
    QByteArray read(qint64 offset, qint64 maxBytes) const;

private:
    struct Part
    {
        qint64 start = 0;
        qint64 size = 0;
        QByteArray bytes; // a header, padding, in-memory data
        QString path;     // or a file
    };
    void addPart(Part p);
    static QByteArray header(const QString &name, qint64 size, qint64 mtimeSeconds);
    std::vector<Part> m_parts;
    qint64 m_end = 0;
};

} // namespace vv::agent
