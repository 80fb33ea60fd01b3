#pragma once
// The calls table's columns, defined once. The SELECT list, the INSERT and
// UPDATE statements, binding a CallRow and reading one back are all generated
// from one table of (column name, CallRow member), so a column added to the
// schema and to CallRow needs one line here, and nothing can read column N
// into the wrong field.
#include "vault/catalogue.h"

#include <QString>

class QSqlQuery;

namespace vv::agent {

namespace callcolumns {

// "id, vault_id, ..." (every column, in table order), each prefixed with `qualifier.` when given.
QString selectList(const QString &qualifier = QString());
// INSERT INTO calls(...) VALUES(?, ...) of every column but id.
QString insertSql();
QString insertWithIdSql(); // id first, then the columns insertSql() names
// UPDATE calls SET (...) = (?, ...) WHERE id=? of every column but id.
QString updateSql();
// Binds every column but id, in the order insertSql()/updateSql() name them.
void bind(QSqlQuery &q, const CallRow &row);
// Reads a row selected with selectList(); `first` is the index of its first column in the query.
CallRow read(const QSqlQuery &q, int first = 0);
int count();

} // namespace callcolumns

} // namespace vv::agent
