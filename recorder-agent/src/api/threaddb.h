#pragma once
// Qt Sql connections may only be used by the thread that opened them; the
// API's worker threads each get their own connection to the catalogue
// (SQLite in WAL mode lets them read while the recorder writes).
#include <QSqlDatabase>
#include <QString>

namespace vv::agent {

class Catalogue;
Catalogue *threadCatalogue(const QString &path);
QSqlDatabase threadDatabase(const QString &path);

} // namespace vv::agent
