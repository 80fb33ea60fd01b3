#pragma once
// The audio files under a folder, in the byte order of their UTF-8 relative
// paths: the order of SQLite's BINARY collation, so start-up reconcile can
// merge the disk with `ORDER BY file` while holding one folder's listing at a
// time instead of every path of a million-recording vault.
#include <QByteArray>
#include <QString>
#include <QStringList>
#include <vector>

namespace vv::agent {

class SortedFileWalk
{
public:
    // Files under root whose names match nameFilters (e.g. "*.opus"), reported
    // relative to base (root itself or one of its parents).
    SortedFileWalk(const QString &root, const QString &base, const QStringList &nameFilters);

    // The next path (UTF-8, relative to base), or false when the walk is done
    // or a folder could not be listed (then failure() names it).
    bool next(QByteArray *relative);
    // A folder that exists but cannot be read: its files would look absent,
    // so a caller must not treat what follows as "not on disk".
    QString failure() const { return m_failure; }

private:
    struct Entry
    {
        QByteArray key; // UTF-8 name, with '/' appended for a folder: then the
                        // walk's order is the byte order of whole paths
        QString name;
        bool folder = false;
    };
    struct Frame
    {
        QString path;
        QByteArray relative; // with a trailing '/'
        std::vector<Entry> entries;
        std::size_t next = 0;
    };
    void push(const QString &path, const QByteArray &relative);

    QStringList m_filters;
    std::vector<Frame> m_stack;
    QString m_failure;
};

} // namespace vv::agent
